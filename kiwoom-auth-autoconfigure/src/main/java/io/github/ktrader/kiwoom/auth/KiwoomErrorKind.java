package io.github.ktrader.kiwoom.auth;

/**
 * What went wrong in a call to Kiwoom, grouped by what the application should do about
 * it.
 *
 * @since 0.1.0
 */
public enum KiwoomErrorKind {

	/**
	 * Kiwoom no longer accepts the access token (8005, 8010, 8031, 8103): issue a new
	 * one.
	 */
	TOKEN_REJECTED(false,
			"Kiwoom did not accept the access token (접근토큰); a new token is needed. If this keeps happening, "
					+ "something else is issuing tokens for the same app key (앱키): share one token per key."),

	/**
	 * HTTP 401 without a Kiwoom code: the token or the keys were refused.
	 */
	UNAUTHORIZED(false,
			"Kiwoom answered HTTP 401 Unauthorized (인증 실패): check kiwoom.appkey (앱키) and kiwoom.secretkey (시크릿키), "
					+ "and that the access token (접근토큰) was issued for kiwoom.host."),

	/**
	 * App key or secret key wrong or missing (8001, 8002, 8020).
	 */
	INVALID_CREDENTIALS(true,
			"Check kiwoom.appkey (앱키) and kiwoom.secretkey (시크릿키): they must be the pair issued for kiwoom.host."),

	/**
	 * Keys of the other environment (8030): real keys on the mock host or the reverse.
	 */
	WRONG_ENVIRONMENT(true,
			"The keys belong to the other environment: real trading (실전투자) keys work only with https://api.kiwoom.com "
					+ "and mock trading (모의투자) keys only with https://mockapi.kiwoom.com. Check kiwoom.host."),

	/**
	 * Device or registered-IP check failed (8040, 8050).
	 */
	UNREGISTERED_IP(true, "Register this machine's public IP address (공인 IP) for the app key on Kiwoom's REST API site "
			+ "(키움 REST API, https://openapi.kiwoom.com), in its app key management menu (IP 등록), " + "then restart."),

	/**
	 * Too many requests (1700, 1701, 1702 or HTTP 429): Kiwoom did not process the call.
	 */
	RATE_LIMITED(false,
			"Kiwoom's request limit (요청 한도) was exceeded and the request was not processed: "
					+ "lower the requests per second (초당 요청 수) for this app key and retry after a pause."),

	/**
	 * An order TR got no answer that can be read (a read timeout, a reset connection,
	 * HTTP 5xx, an unreadable body): Kiwoom may have accepted the order, so it is never
	 * sent again.
	 */
	OUTCOME_UNKNOWN(false,
			"The order may have been accepted (주문 접수 여부 불명): do not send it again before checking "
					+ "미체결/체결 (ka10075 미체결요청, kt00009 계좌별주문체결현황) or the 00 (주문체결) real-time stream."),

	/**
	 * Revoke failed or no token given (8015, 8016).
	 */
	REVOKE_FAILED(false,
			"Kiwoom could not revoke the token (토큰 폐기 실패); nothing to fix: it will expire by itself at its expires_dt."),

	/**
	 * Kiwoom answered with HTTP 5xx.
	 */
	SERVER_ERROR(false,
			"Kiwoom answered with a server error (서버 오류); retry later, and check Kiwoom's notices (공지사항) "
					+ "for maintenance (서버 점검)."),

	/**
	 * Kiwoom could not be reached or did not answer in time.
	 */
	IO_ERROR(false,
			"Kiwoom could not be reached or did not answer in time (연결 실패 또는 응답 시간 초과); check kiwoom.host, the network, "
					+ "kiwoom.connect-timeout and kiwoom.read-timeout."),

	/**
	 * Kiwoom's answer could not be read: not JSON, or a required field missing or
	 * malformed.
	 */
	MALFORMED_RESPONSE(false,
			"Kiwoom's answer could not be read (응답 형식 오류); check that kiwoom.host is Kiwoom's REST API host "
					+ "and not a proxy or a web page."),

	/**
	 * Tokens issued here keep being rejected seconds after their issue: another process
	 * is issuing tokens for the same app key, and Kiwoom keeps one token per key.
	 */
	KEY_SHARED(false,
			"Kiwoom keeps one token per app key (앱키), and the tokens issued here keep being rejected seconds after "
					+ "their issue: another process is most likely issuing tokens for the same kiwoom.appkey. "
					+ "Give each process its own key, or share one token between them in cluster mode (클러스터 모드, "
					+ "kiwoom.token.store=redis)."),

	/**
	 * Kiwoom's answer was larger than the starter reads: {@code kiwoom.max-response-size}
	 * for data calls, a fixed small cap for the token calls.
	 */
	RESPONSE_TOO_LARGE(false,
			"Kiwoom's answer was larger than the starter reads (for data calls kiwoom.max-response-size): "
					+ "raise that, or ask for less, such as one page at a time (연속조회)."),

	/**
	 * The token provider was closed with its application context.
	 */
	CLOSED(true, "The application context is closing (애플리케이션 종료 중): no new Kiwoom access token (접근토큰) is issued."),

	/**
	 * Any other error code or HTTP status.
	 */
	OTHER(false, "See Kiwoom's message and error code (오류 코드) in Kiwoom's REST API guide (API 가이드).");

	private final boolean fatal;

	private final String advice;

	KiwoomErrorKind(boolean fatal, String advice) {
		this.fatal = fatal;
		this.advice = advice;
	}

	/**
	 * Return whether retrying cannot help: the configuration or the environment must
	 * change first.
	 * @return {@code true} for errors that no retry will fix
	 */
	public boolean isFatal() {
		return this.fatal;
	}

	/**
	 * Return what to do about this kind of error, in English with the Korean term that
	 * Kiwoom's guide uses, naming the property to fix where there is one.
	 * @return the advice
	 */
	public String advice() {
		return this.advice;
	}

	/**
	 * Return the kind for a Kiwoom error code such as {@code 8005}.
	 * @param code the inner Kiwoom code
	 * @return the kind, {@link #OTHER} for codes the starter does not treat specially
	 */
	public static KiwoomErrorKind ofCode(int code) {
		return switch (code) {
			case 8005, 8010, 8031, 8103 -> TOKEN_REJECTED;
			case 8001, 8002, 8020 -> INVALID_CREDENTIALS;
			case 8030 -> WRONG_ENVIRONMENT;
			case 8040, 8050 -> UNREGISTERED_IP;
			case 1700, 1701, 1702 -> RATE_LIMITED;
			case 8015, 8016 -> REVOKE_FAILED;
			default -> OTHER;
		};
	}

}
