package io.github.ktrader.kiwoom.auth.client;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the byte scan that spares ordinary answers a JSON parse in
 * {@link KiwoomAuthInterceptor}.
 */
class KiwoomAuthInterceptorPrefilterTests {

	@ParameterizedTest
	@ValueSource(strings = { "{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8005:Token이 유효하지 않습니다]\"}",
			"{\"return_code\":8005}", "{\"return_code\":\"8010\"}", "[8031:x]", "[8103:x]", "8005" })
	void findsEveryRejectionCode(String body) {
		assertThat(KiwoomAuthInterceptor.mentionsRejectionCode(bytes(body))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "800", "{\"stk_cd\":\"005930\",\"cur_prc\":\"+71000\",\"return_code\":0}", "[8001:x]",
			"[8030:x]", "[8050:x]", "[1700:x]", "8006", "8104" })
	void passesOverAnswersWithoutOne(String body) {
		assertThat(KiwoomAuthInterceptor.mentionsRejectionCode(bytes(body))).isFalse();
	}

	private static byte[] bytes(String body) {
		return body.getBytes(StandardCharsets.UTF_8);
	}

}
