package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.github.ktrader.kiwoom.auth.realtime.KiwoomCondition;
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
	void answersReadBackAsTheConditionsTheRowsOrTheFailure() {
		ClusterFrames.Answer list = this.frames
			.answer(this.frames.conditions(List.of(new KiwoomCondition("0", "급등주"), new KiwoomCondition("4", "거래량"))));
		assertThat(list.conditions()).containsExactly(new KiwoomCondition("0", "급등주"), new KiwoomCondition("4", "거래량"));
		RealtimeEvent row = new RealtimeEvent("02", "005930", "조건검색", Map.of("9001", "A005930", "841", "4"));
		ClusterFrames.Answer rows = this.frames.answer(this.frames.rows(List.of(row), 1L));
		assertThat(rows.rows()).singleElement().satisfies((read) -> {
			assertThat(read.item()).isEqualTo("005930");
			assertThat(read.values()).containsExactlyInAnyOrderEntriesOf(row.values());
		});
		ClusterFrames.Answer failed = this.frames.answer(this.frames
			.failure(new CompletionException(new IllegalStateException("The real-time socket went away"))));
		assertThat(failed.error()).isEqualTo("The real-time socket went away");
		assertThat(failed.conditions()).isNull();
		assertThat(failed.rows()).isNull();
	}

	@Test
	void somethingElseIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.frames.read("{\"trnm\":\"PING\"}"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.frames.read("not json"));
	}

}
