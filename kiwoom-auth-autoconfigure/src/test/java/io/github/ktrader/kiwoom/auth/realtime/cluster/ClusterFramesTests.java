package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.util.Map;

import io.github.ktrader.kiwoom.auth.realtime.RealtimeEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ClusterFrames}: what goes into Redis is the entry and when the holder
 * read it, and reads back as the same event.
 */
class ClusterFramesTests {

	private final ClusterFrames frames = new ClusterFrames(JsonMapper.shared());

	@Test
	void anEntryReadsBackAsTheSameEventWithWhenTheHolderReadIt() {
		RealtimeEvent event = new RealtimeEvent("0B", "005930", "주식체결", Map.of("10", "-60700", "13", "1234"));
		String json = this.frames.write(event, 1_700_000_000_123L);
		ClusterFrames.Read read = this.frames.read(json);
		assertThat(read.at()).isEqualTo(1_700_000_000_123L);
		assertThat(read.event().type()).isEqualTo("0B");
		assertThat(read.event().item()).isEqualTo("005930");
		assertThat(read.event().name()).isEqualTo("주식체결");
		assertThat(read.event().values()).containsExactlyInAnyOrderEntriesOf(event.values());
		assertThat(json).doesNotContain("token");
	}

	@Test
	void somethingElseIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.frames.read("{\"trnm\":\"PING\"}"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.frames.read("not json"));
	}

}
