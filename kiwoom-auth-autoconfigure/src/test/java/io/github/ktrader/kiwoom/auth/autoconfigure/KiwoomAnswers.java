package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.github.ktrader.kiwoom.auth.AccessToken;
import mockwebserver3.MockResponse;

/**
 * Kiwoom-shaped answers for mockwebserver3.
 */
final class KiwoomAnswers {

	private static final DateTimeFormatter EXPIRES_DT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT)
		.withZone(AccessToken.KIWOOM_ZONE);

	private KiwoomAnswers() {
	}

	static MockResponse token(String token) {
		return json("{\"expires_dt\":\"" + EXPIRES_DT.format(Instant.now().plus(Duration.ofHours(24)))
				+ "\",\"token_type\":\"bearer\",\"token\":\"" + token
				+ "\",\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}");
	}

	static MockResponse revoked() {
		return json("{\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}");
	}

	static MockResponse stock(String code, String name, String price) {
		return json("{\"stk_cd\":\"" + code + "\",\"stk_nm\":\"" + name + "\",\"cur_prc\":\"" + price
				+ "\",\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}");
	}

	static MockResponse tokenRejected() {
		return json("{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8005:Token이 유효하지 않습니다]\"}");
	}

	static MockResponse json(String body) {
		return new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json;charset=UTF-8")
			.body(body)
			.build();
	}

}
