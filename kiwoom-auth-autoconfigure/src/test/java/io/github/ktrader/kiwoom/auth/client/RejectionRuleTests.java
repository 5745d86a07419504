package io.github.ktrader.kiwoom.auth.client;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomStatusReader#isRejection}, the one rule by which the RestClient
 * and WebClient paths decide that a new token may help.
 */
class RejectionRuleTests {

	private final KiwoomStatusReader reader = new KiwoomStatusReader(JsonMapper.shared());

	@ParameterizedTest
	@ValueSource(strings = { "{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8005:Token이 유효하지 않습니다]\"}",
			"{\"return_code\":8005}", "{\"return_code\":\"8010\"}", "{\"return_code\":3,\"return_msg\":\"[8031:x]\"}",
			"{\"return_code\":3,\"return_msg\":\"[8103:x]\"}" })
	void findsEveryRejectionCode(String body) {
		assertThat(rejected(200, body)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "800", "8005", "{\"stk_cd\":\"005930\",\"cur_prc\":\"+71000\",\"return_code\":0}",
			"{\"return_code\":3,\"return_msg\":\"[8001:x]\"}", "{\"return_code\":2,\"return_msg\":\"[8030:x]\"}",
			"{\"return_code\":3,\"return_msg\":\"[8050:x]\"}", "{\"return_code\":5,\"return_msg\":\"[1700:x]\"}",
			"{\"return_code\":8006}", "{\"return_code\":8104}" })
	void passesOverAnswersWithoutOne(String body) {
		assertThat(rejected(200, body)).isFalse();
	}

	@Test
	void http401IsARejectionWhateverTheBody() {
		assertThat(rejected(401, "")).isTrue();
		assertThat(rejected(401, "{\"error\":\"invalid_token\"}")).isTrue();
		assertThat(KiwoomStatusReader.isRejection(KiwoomStatusReader.httpOnly(401))).isTrue();
	}

	@Test
	void answerJudgedByItsStatusAloneIsNoRejection() {
		assertThat(KiwoomStatusReader.isRejection(KiwoomStatusReader.httpOnly(200))).isFalse();
		assertThat(KiwoomStatusReader.isRejection(KiwoomStatusReader.httpOnly(502))).isFalse();
	}

	private boolean rejected(int httpStatus, String body) {
		return KiwoomStatusReader.isRejection(this.reader.read(httpStatus, body.getBytes(StandardCharsets.UTF_8)));
	}

}
