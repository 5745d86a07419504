package io.github.ktrader.kiwoom.auth.test;

/**
 * Kiwoom's outer {@code return_code} values and {@code return_msg} texts.
 * <p>
 * An error message carries the detailed guide code in brackets, e.g.
 * {@code 인증에 실패했습니다[8005:Token이 유효하지 않습니다]}.
 */
final class KiwoomMessages {

	static final int SUCCESS_CODE = 0;

	static final String SUCCESS = "정상적으로 처리되었습니다";

	static final int INPUT_ERROR_CODE = 2;

	static final int AUTH_FAILED_CODE = 3;

	static final int RATE_LIMITED_CODE = 5;

	static final String RATE_LIMITED = "허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다]";

	private static final String INPUT_ERROR = "입력 값 오류입니다";

	private static final String AUTH_FAILED = "인증에 실패했습니다";

	private KiwoomMessages() {
	}

	/**
	 * Formats an input-error message ({@code return_code} 2).
	 * @param code the guide code
	 * @param detail the guide text
	 * @return the {@code return_msg}
	 */
	static String inputError(int code, String detail) {
		return INPUT_ERROR + "[" + code + ":" + detail + "]";
	}

	/**
	 * Formats an authentication-failure message ({@code return_code} 3).
	 * @param code the guide code
	 * @param detail the guide text
	 * @return the {@code return_msg}
	 */
	static String authFailed(int code, String detail) {
		return AUTH_FAILED + "[" + code + ":" + detail + "]";
	}

}
