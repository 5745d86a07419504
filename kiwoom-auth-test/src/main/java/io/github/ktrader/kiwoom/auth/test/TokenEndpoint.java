package io.github.ktrader.kiwoom.auth.test;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.node.ObjectNode;

/**
 * Answers au10001, {@code POST /oauth2/token}.
 */
final class TokenEndpoint {

	/**
	 * Format of {@code expires_dt}: Korean wall-clock time with no zone.
	 */
	static final DateTimeFormatter EXPIRES_DT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
		.withZone(SimulatorClock.SEOUL);

	private static final String GRANT_TYPE = "client_credentials";

	private final Credentials credentials;

	private final TokenRegistry tokens;

	private final AtomicInteger issued = new AtomicInteger();

	TokenEndpoint(Credentials credentials, TokenRegistry tokens) {
		this.credentials = credentials;
		this.tokens = tokens;
	}

	Reply handle(RecordedRequest request) {
		ObjectNode body = Json.parseObject(request.body());
		if (body == null) {
			return Reply.malformedBody();
		}
		String grantType = Json.nonBlankString(body, "grant_type");
		if (grantType == null) {
			return Reply.kiwoom(KiwoomMessages.INPUT_ERROR_CODE,
					KiwoomMessages.inputError(8011, "Access Token을 발급하는데 실패했습니다. 입력값에 grant_type이 들어오지 않았습니다"));
		}
		if (!GRANT_TYPE.equals(grantType)) {
			return Reply.kiwoom(KiwoomMessages.INPUT_ERROR_CODE,
					KiwoomMessages.inputError(8012, "Access Token을 발급하는데 실패했습니다. grant_type의 값이 맞지 않습니다"));
		}
		Reply keyError = this.credentials.check(body);
		if (keyError != null) {
			return keyError;
		}
		TokenRegistry.IssuedToken token = this.tokens.issue();
		this.issued.incrementAndGet();
		ObjectNode answer = Json.object();
		answer.put("expires_dt", EXPIRES_DT.format(token.expiresAt()));
		answer.put("token_type", "bearer");
		answer.put("token", token.value());
		answer.put("return_code", KiwoomMessages.SUCCESS_CODE);
		answer.put("return_msg", KiwoomMessages.SUCCESS);
		return Reply.ok(answer);
	}

	int issuedCount() {
		return this.issued.get();
	}

}
