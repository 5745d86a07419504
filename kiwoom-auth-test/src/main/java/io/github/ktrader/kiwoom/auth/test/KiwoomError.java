package io.github.ktrader.kiwoom.auth.test;

/**
 * Kiwoom error answers a test can ask for on any TR: HTTP 200 with an outer
 * {@code return_code} and the guide code in brackets in {@code return_msg}, as Kiwoom
 * sends them.
 *
 * @since 0.1.0
 * @see Faults.NextRequests#kiwoomError(KiwoomError)
 */
public enum KiwoomError {

	/**
	 * {@code return_code} 2, {@code 입력 값 오류입니다[1511:필수 입력 값에 값이 존재하지 않습니다]}.
	 */
	INPUT_ERROR(2, "입력 값 오류입니다", 1511, "필수 입력 값에 값이 존재하지 않습니다"),

	/**
	 * {@code return_code} 3, {@code 인증에 실패했습니다[8005:Token이 유효하지 않습니다]}: the token was
	 * rejected.
	 */
	TOKEN_INVALID(3, "인증에 실패했습니다", 8005, "Token이 유효하지 않습니다"),

	/**
	 * {@code return_code} 3, {@code 인증에 실패했습니다[8010:...]}: the token was issued to
	 * another IP.
	 */
	TOKEN_OTHER_IP(3, "인증에 실패했습니다", 8010, "Token을 발급받은 IP와 서비스를 요청한 IP가 동일하지 않습니다"),

	/**
	 * {@code return_code} 5, {@code [1700:...]}: too many requests; Kiwoom did not
	 * process the call, so it may be retried after a pause.
	 */
	RATE_LIMITED(5, "허용된 요청 개수를 초과하였습니다", 1700, "허용된 요청 개수를 초과하였습니다"),

	/**
	 * {@code return_code} 5, {@code [1634:...]}: batch too large; the same outer code as
	 * {@link #RATE_LIMITED}, but never to be retried.
	 */
	BATCH_TOO_LARGE(5, "허용된 요청 개수를 초과하였습니다", 1634, "한번에 조회 가능한 종목 개수를 초과하였습니다"),

	/**
	 * {@code return_code} 7, {@code [1999:예기치 못한 에러가 발생했습니다]}: an unexpected error on
	 * Kiwoom's side.
	 */
	UNEXPECTED(7, "시스템 오류입니다", 1999, "예기치 못한 에러가 발생했습니다");

	private final int returnCode;

	private final String text;

	private final int code;

	private final String detail;

	KiwoomError(int returnCode, String text, int code, String detail) {
		this.returnCode = returnCode;
		this.text = text;
		this.code = code;
		this.detail = detail;
	}

	/**
	 * Returns the outer {@code return_code}.
	 * @return the return code
	 */
	public int returnCode() {
		return this.returnCode;
	}

	/**
	 * Returns the guide code in brackets, e.g. 1700.
	 * @return the code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Returns the {@code return_msg}, with the code in brackets.
	 * @return the message
	 */
	public String message() {
		return this.text + "[" + this.code + ":" + this.detail + "]";
	}

}
