package io.github.ktrader.kiwoom.auth.realtime;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RealtimeFrame} and {@link LoginRefusal}.
 */
class RealtimeFrameTests {

	private final JsonMapper mapper = JsonMapper.shared();

	@Test
	void pingKeepsItsTextToBeEchoedUnchanged() {
		String ping = "{\"trnm\":\"PING\", \"x\":1}";
		RealtimeFrame frame = RealtimeFrame.parse(this.mapper, ping);
		assertThat(frame.trnm()).isEqualTo("PING");
		assertThat(frame.text()).isSameAs(ping);
		assertThat(RealtimeFrame.parse(this.mapper, "PING").trnm()).isEqualTo("PING");
	}

	@Test
	void returnCodeAsNumberOrString() {
		assertThat(RealtimeFrame.parse(this.mapper, "{\"trnm\":\"LOGIN\",\"return_code\":0,\"return_msg\":\"\"}")
			.status()
			.isSuccess()).isTrue();
		assertThat(RealtimeFrame.parse(this.mapper, "{\"trnm\":\"LOGIN\",\"return_code\":\"0\"}").status().isSuccess())
			.isTrue();
		assertThat(RealtimeFrame.parse(this.mapper, "{\"trnm\":\"LOGIN\",\"return_code\":\"1\"}").status().isSuccess())
			.isFalse();
	}

	@Test
	void tokenRefusalFromTheMessageCodeOrTheReturnCode() {
		RealtimeFrame inMessage = RealtimeFrame.parse(this.mapper,
				"{\"trnm\":\"LOGIN\",\"return_code\":805004,\"return_msg\":\"토큰 인증에 실패했습니다 [CODE=8005, MESSAGE=Token이 유효하지 않습니다]\"}");
		assertThat(inMessage.status().code()).isEqualTo(8005);
		assertThat(LoginRefusal.ofLogin(inMessage.codes())).isEqualTo(LoginRefusal.TOKEN);
		RealtimeFrame inCode = RealtimeFrame.parse(this.mapper, "{\"trnm\":\"LOGIN\",\"return_code\":\"8103\"}");
		assertThat(LoginRefusal.ofLogin(inCode.codes())).isEqualTo(LoginRefusal.TOKEN);
		RealtimeFrame bracketed = RealtimeFrame.parse(this.mapper,
				"{\"trnm\":\"LOGIN\",\"return_code\":1,\"return_msg\":\"인증에 실패했습니다[8031:토큰 만료]\"}");
		assertThat(LoginRefusal.ofLogin(bracketed.codes())).isEqualTo(LoginRefusal.TOKEN);
	}

	@Test
	void keyAndEnvironmentRefusalsAreFatalOthersAreRetried() {
		assertThat(LoginRefusal.ofLogin(RealtimeFrame
			.parse(this.mapper, "{\"trnm\":\"LOGIN\",\"return_code\":1,\"return_msg\":\"[CODE=8030, 실전/모의 불일치]\"}")
			.codes())).isEqualTo(LoginRefusal.FATAL);
		assertThat(LoginRefusal.ofLogin(List.of(8050))).isEqualTo(LoginRefusal.FATAL);
		assertThat(LoginRefusal.ofLogin(List.of(8001))).isEqualTo(LoginRefusal.FATAL);
		assertThat(LoginRefusal.ofLogin(List.of(1))).isEqualTo(LoginRefusal.OTHER);
		assertThat(LoginRefusal.ofLogin(List.of())).isEqualTo(LoginRefusal.OTHER);
	}

	@Test
	void systemFrames() {
		assertThat(LoginRefusal.ofSystem("R10001", "동일한 App key로 접속이 되었습니다. 기존 세션은 종료가 됩니다"))
			.isEqualTo(LoginRefusal.KICKED);
		assertThat(LoginRefusal.ofSystem("R10001", "동일한 App Key 로 접속")).isEqualTo(LoginRefusal.KICKED);
		assertThat(LoginRefusal.ofSystem("R10001", "유효하지 않은 App key 입니다")).isEqualTo(LoginRefusal.FATAL);
		assertThat(LoginRefusal.ofSystem("R10002", "Heartbeat(연결유지) 메시지가 오지않아서 접속을 종료합니다"))
			.isEqualTo(LoginRefusal.OTHER);
		assertThat(LoginRefusal.ofSystem("X", "hello")).isNull();
		assertThat(LoginRefusal.ofSystem(null, null)).isNull();
	}

	@Test
	void realEntriesWithTheirValues() {
		RealtimeFrame frame = RealtimeFrame.parse(this.mapper,
				"{\"trnm\":\"REAL\",\"data\":[{\"type\":\"0B\",\"name\":\"주식체결\",\"item\":\"005930\",\"values\":{\"10\":\"+60700\",\"13\":\"1234\",\"15\":\"-10\",\"20\":\"091500\"}},"
						+ "{\"type\":\"00\",\"name\":\"주문체결\",\"item\":\"\",\"values\":{\"9203\":\"0000123\",\"913\":\"체결\"}}]}");
		List<RealtimeEvent> events = frame.events();
		assertThat(events).hasSize(2);
		RealtimeEvent tick = events.get(0);
		assertThat(tick.type()).isEqualTo("0B");
		assertThat(tick.item()).isEqualTo("005930");
		assertThat(tick.name()).isEqualTo("주식체결");
		assertThat(tick.price()).hasValue(60700L);
		assertThat(tick.accumulatedVolume()).hasValue(1234L);
		assertThat(tick.volume()).hasValue(-10L);
		assertThat(tick.time()).hasValueSatisfying((time) -> assertThat(time).hasToString("09:15"));
		assertThat(events.get(1).orderNumber()).hasValue("0000123");
		assertThat(events.get(1).orderStatus()).hasValue("체결");
	}

	@Test
	void notJsonIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> RealtimeFrame.parse(this.mapper, "{oops"));
		assertThatIllegalArgumentException().isThrownBy(() -> RealtimeFrame.parse(this.mapper, "{\"a\":1}"));
	}

}
