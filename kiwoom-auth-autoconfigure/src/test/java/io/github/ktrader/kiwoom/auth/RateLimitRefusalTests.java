package io.github.ktrader.kiwoom.auth;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RateLimitRefusal}: the one rule that tells a rate refusal from any
 * other answer.
 */
class RateLimitRefusalTests {

	private static final String MSG_1700 = "허용된 요청 개수를 초과하였습니다[1700:허용된 API 요청 개수를 초과하였습니다. 유량=1, API ID=ka10001]";

	static Stream<Arguments> refusals() {
		return Stream.of(Arguments.of(429, 5, MSG_1700, 1700, 1, false, "ka10001"),
				Arguments.of(200, 5, MSG_1700, 1700, 1, false, "ka10001"),
				Arguments.of(200, "5", "허용된 요청 개수를 초과하였습니다[1700:허용된 API 요청 개수를 초과하였습니다. 유량=5, API ID=ka10095]", 1700, 5,
						false, "ka10095"),
				Arguments.of(200, 1700, "허용된 요청 개수를 초과하였습니다", 1700, null, false, null),
				Arguments.of(200, 5, "허용된 요청 개수를 초과하였습니다[1701:허용된 요청 개수를 초과하였습니다. 총유량=10]", 1701, 10, true, null),
				Arguments.of(200, 5, "허용된 요청 개수를 초과하였습니다[1702:허용된 요청 개수를 초과하였습니다. 총유량=3, API_ID=ka10081]", 1702, 3,
						false, "ka10081"),
				Arguments.of(429, null, null, null, null, false, null),
				Arguments.of(429, null, "<html>Too Many Requests</html>", null, null, false, null),
				Arguments.of(200, 5, "허용된 요청 개수를 초과하였습니다. 유량=2, API ID=ka10081", null, 2, false, "ka10081"));
	}

	@ParameterizedTest(name = "HTTP {0}, return_code {1}, \"{2}\"")
	@MethodSource("refusals")
	void recognisesRefusal(int http, Object returnCode, String message, Integer code, Integer allowance,
			boolean keyWide, String apiId) {
		KiwoomStatus status = KiwoomStatus.of(http, returnCode, message);
		assertThat(status.rateLimitRefusal()).isEqualTo(new RateLimitRefusal(code, allowance, keyWide, apiId));
		assertThat(status.errorKind()).isEqualTo(KiwoomErrorKind.RATE_LIMITED);
	}

	static Stream<Arguments> notRefusals() {
		return Stream.of(Arguments.of(200, 5, "허용된 요청 개수를 초과하였습니다[1634:조회 가능한 종목 수를 초과하였습니다(100개)]"),
				Arguments.of(200, 5, "입력 값 오류입니다"), Arguments.of(200, "0005", null),
				Arguments.of(200, 5, "허용된 요청 개수를 초과하였습니다"), Arguments.of(200, 0, "정상적으로 처리되었습니다"),
				Arguments.of(200, 3, "인증에 실패했습니다[8005:Token이 유효하지 않습니다]"), Arguments.of(500, null, null),
				Arguments.of(200, 2, "입력 값 오류입니다[1687:재귀 호출이 발생하여 API 호출을 제한합니다]"));
	}

	@ParameterizedTest(name = "HTTP {0}, return_code {1}, \"{2}\"")
	@MethodSource("notRefusals")
	void otherAnswersAreNoRefusal(int http, Object returnCode, String message) {
		KiwoomStatus status = KiwoomStatus.of(http, returnCode, message);
		assertThat(status.rateLimitRefusal()).isNull();
		assertThat(status.errorKind()).isNotEqualTo(KiwoomErrorKind.RATE_LIMITED);
	}

	@Test
	void totalAllowanceIsNotReadAsPerApiAllowance() {
		RateLimitRefusal refusal = KiwoomStatus.of(200, 5, "[1701:총유량=7]").rateLimitRefusal();
		assertThat(refusal).isNotNull();
		assertThat(refusal.allowance()).isEqualTo(7);
		assertThat(refusal.keyWide()).isTrue();
	}

}
