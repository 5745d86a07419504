package io.github.ktrader.kiwoom.auth;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomStatus}.
 */
class KiwoomStatusTests {

	private static final String OK_MSG = "정상적으로 처리되었습니다";

	private static final String MSG_8005 = "인증에 실패했습니다[8005:Token이 유효하지 않습니다]";

	static Stream<Arguments> statuses() {
		return Stream.of(
				// http, return_code, return_msg | raw return_code, code, success, kind
				Arguments.of(200, 0, OK_MSG, "0", 0, true, null), Arguments.of(200, 0L, OK_MSG, "0", 0, true, null),
				Arguments.of(200, "0", OK_MSG, "0", 0, true, null),
				Arguments.of(200, "0000", OK_MSG, "0000", 0, true, null),
				Arguments.of(200, " 0 ", OK_MSG, "0", 0, true, null),
				// A zero return_code wins over anything bracketed in an informational
				// message.
				Arguments.of(200, 0, "주문이 접수되었습니다[123456:참고]", "0", 0, true, null),
				Arguments.of(200, null, null, null, null, true, null),
				Arguments.of(200, null, OK_MSG, null, null, true, null), Arguments.of(201, 0, null, "0", 0, true, null),
				Arguments.of(204, null, null, null, null, true, null),
				Arguments.of(200, 3, MSG_8005, "3", 8005, false, KiwoomErrorKind.TOKEN_REJECTED),
				Arguments.of(200, "3", MSG_8005, "3", 8005, false, KiwoomErrorKind.TOKEN_REJECTED),
				Arguments.of(200, "0003", MSG_8005, "0003", 8005, false, KiwoomErrorKind.TOKEN_REJECTED),
				Arguments.of(200, 3, "인증에 실패했습니다[ 8005 : Token이 유효하지 않습니다]", "3", 8005, false,
						KiwoomErrorKind.TOKEN_REJECTED),
				Arguments.of(200, 3, "[8005:]", "3", 8005, false, KiwoomErrorKind.TOKEN_REJECTED),
				Arguments.of(200, 3, "[안내] 인증에 실패했습니다[8005:Token이 유효하지 않습니다]", "3", 8005, false,
						KiwoomErrorKind.TOKEN_REJECTED),
				Arguments.of(200, 8005, "Token이 유효하지 않습니다", "8005", 8005, false, KiwoomErrorKind.TOKEN_REJECTED),
				Arguments.of(200, "8005", null, "8005", 8005, false, KiwoomErrorKind.TOKEN_REJECTED),
				Arguments.of(200, null, MSG_8005, null, 8005, false, KiwoomErrorKind.TOKEN_REJECTED),
				Arguments.of(200, 3, "인증에 실패했습니다[8010:Token을 발급받은 IP와 서비스를 요청한 IP가 다릅니다]", "3", 8010, false,
						KiwoomErrorKind.TOKEN_REJECTED),
				Arguments.of(200, 3, "인증에 실패했습니다[8031:투자구분(실전/모의)이 달라서 인증에 실패했습니다]", "3", 8031, false,
						KiwoomErrorKind.TOKEN_REJECTED),
				Arguments.of(200, 3, "인증에 실패했습니다[8103:Token 인증에 실패했습니다]", "3", 8103, false,
						KiwoomErrorKind.TOKEN_REJECTED),
				Arguments.of(200, 3, "인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]", "3", 8001, false,
						KiwoomErrorKind.INVALID_CREDENTIALS),
				Arguments.of(200, 3, "인증에 실패했습니다[8002:App Key가 없습니다]", "3", 8002, false,
						KiwoomErrorKind.INVALID_CREDENTIALS),
				Arguments.of(200, 3, "인증에 실패했습니다[8020:입력파라미터 appkey 또는 secretkey가 없습니다]", "3", 8020, false,
						KiwoomErrorKind.INVALID_CREDENTIALS),
				Arguments.of(200, 2, "입력 값 오류입니다[8030:투자구분(실전/모의)이 달라서 인증에 실패했습니다]", "2", 8030, false,
						KiwoomErrorKind.WRONG_ENVIRONMENT),
				Arguments.of(200, 3, "인증에 실패했습니다[8040:단말기 인증에 실패했습니다]", "3", 8040, false,
						KiwoomErrorKind.UNREGISTERED_IP),
				Arguments.of(200, 3, "인증에 실패했습니다[8050:지정단말기 인증에 실패했습니다]", "3", 8050, false,
						KiwoomErrorKind.UNREGISTERED_IP),
				Arguments.of(200, 5, "허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다]", "5", 1700, false,
						KiwoomErrorKind.RATE_LIMITED),
				Arguments.of(200, 5, "허용된 요청 개수를 초과하였습니다", "5", 5, false, KiwoomErrorKind.OTHER),
				Arguments.of(200, "0005", null, "0005", 5, false, KiwoomErrorKind.OTHER),
				Arguments.of(200, 3, "토큰 폐기에 실패했습니다[8015:Token 폐기에 실패했습니다]", "3", 8015, false,
						KiwoomErrorKind.REVOKE_FAILED),
				Arguments.of(200, 2, "입력 값 오류입니다[8016:Token이 없습니다]", "2", 8016, false, KiwoomErrorKind.REVOKE_FAILED),
				Arguments.of(200, 2, "입력 값 오류입니다[1902:종목정보가 없습니다]", "2", 1902, false, KiwoomErrorKind.OTHER),
				Arguments.of(200, 3, "인증에 실패했습니다", "3", 3, false, KiwoomErrorKind.OTHER),
				Arguments.of(200, 20, "[2000](RC4058:모의투자 장종료)", "20", 20, false, KiwoomErrorKind.OTHER),
				Arguments.of(200, 20, "[2000](855056:매수증거금이 부족합니다. 2주 매수가능)", "20", 20, false, KiwoomErrorKind.OTHER),
				Arguments.of(200, "abc", null, "abc", null, false, KiwoomErrorKind.OTHER),
				Arguments.of(200, "", null, "", null, false, KiwoomErrorKind.OTHER),
				Arguments.of(200, 3, "[1234567:too long]", "3", 3, false, KiwoomErrorKind.OTHER),
				Arguments.of(429, null, null, null, null, false, KiwoomErrorKind.RATE_LIMITED),
				Arguments.of(429, 0, OK_MSG, "0", 0, false, KiwoomErrorKind.RATE_LIMITED),
				Arguments.of(401, null, null, null, null, false, KiwoomErrorKind.UNAUTHORIZED),
				Arguments.of(401, 3, MSG_8005, "3", 8005, false, KiwoomErrorKind.TOKEN_REJECTED),
				Arguments.of(401, 3, "인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]", "3", 8001, false,
						KiwoomErrorKind.INVALID_CREDENTIALS),
				Arguments.of(500, null, null, null, null, false, KiwoomErrorKind.SERVER_ERROR),
				Arguments.of(502, null, "Bad Gateway", null, null, false, KiwoomErrorKind.SERVER_ERROR),
				Arguments.of(503, 0, OK_MSG, "0", 0, false, KiwoomErrorKind.SERVER_ERROR),
				Arguments.of(500, 5, "허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다]", "5", 1700, false,
						KiwoomErrorKind.RATE_LIMITED),
				Arguments.of(400, null, null, null, null, false, KiwoomErrorKind.OTHER),
				Arguments.of(404, null, null, null, null, false, KiwoomErrorKind.OTHER),
				Arguments.of(302, null, null, null, null, false, KiwoomErrorKind.OTHER));
	}

	@ParameterizedTest(name = "HTTP {0}, return_code {1}, \"{2}\"")
	@MethodSource("statuses")
	void ofReadsStatus(int httpStatus, Object returnCode, String returnMsg, String expectedReturnCode,
			Integer expectedCode, boolean expectedSuccess, KiwoomErrorKind expectedKind) {
		KiwoomStatus status = KiwoomStatus.of(httpStatus, returnCode, returnMsg);
		assertThat(status.httpStatus()).isEqualTo(httpStatus);
		assertThat(status.returnCode()).isEqualTo(expectedReturnCode);
		assertThat(status.code()).isEqualTo(expectedCode);
		assertThat(status.message()).isEqualTo(returnMsg);
		assertThat(status.isSuccess()).isEqualTo(expectedSuccess);
		assertThat(status.errorKind()).isEqualTo(expectedKind);
	}

	@ParameterizedTest
	@ValueSource(ints = { 200, 201, 204, 299 })
	void isSuccessFor2xxWithZeroReturnCode(int httpStatus) {
		assertThat(KiwoomStatus.of(httpStatus, 0, OK_MSG).isSuccess()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(ints = { 100, 199, 300, 400, 401, 429, 500, 599 })
	void isNotSuccessForOtherStatusEvenWithZeroReturnCode(int httpStatus) {
		assertThat(KiwoomStatus.of(httpStatus, 0, OK_MSG).isSuccess()).isFalse();
	}

	@Test
	void bracketedCodeTakesPrecedenceOverReturnCode() {
		KiwoomStatus status = KiwoomStatus.of(200, 3, "인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]");
		assertThat(status.returnCode()).isEqualTo("3");
		assertThat(status.code()).isEqualTo(8001);
	}

	@Test
	void firstBracketedCodeWins() {
		assertThat(KiwoomStatus.of(200, 3, "[8005:Token이 유효하지 않습니다] [8001:App Key]").code()).isEqualTo(8005);
	}

	@Test
	void codeTakesPrecedenceOverHttpStatus() {
		assertThat(KiwoomStatus.of(500, 3, "[8050:지정단말기 인증에 실패했습니다]").errorKind())
			.isEqualTo(KiwoomErrorKind.UNREGISTERED_IP);
		assertThat(KiwoomStatus.of(401, 8005, null).errorKind()).isEqualTo(KiwoomErrorKind.TOKEN_REJECTED);
	}

	@Test
	void describeNamesHttpStatusReturnCodeCodeAndMessage() {
		assertThat(KiwoomStatus.of(200, 3, MSG_8005).describe())
			.isEqualTo("HTTP 200, return_code 3, code 8005, \"" + MSG_8005 + "\"");
	}

	@Test
	void describeDoesNotRepeatCodeEqualToReturnCode() {
		assertThat(KiwoomStatus.of(200, 8005, "Token이 유효하지 않습니다").describe())
			.isEqualTo("HTTP 200, return_code 8005, \"Token이 유효하지 않습니다\"");
	}

	@Test
	void describeWithHttpStatusOnly() {
		assertThat(KiwoomStatus.of(503, null, null).describe()).isEqualTo("HTTP 503");
	}

	@Test
	void describeWithBracketedCodeButNoReturnCode() {
		assertThat(KiwoomStatus.of(200, null, MSG_8005).describe())
			.isEqualTo("HTTP 200, code 8005, \"" + MSG_8005 + "\"");
	}

}
