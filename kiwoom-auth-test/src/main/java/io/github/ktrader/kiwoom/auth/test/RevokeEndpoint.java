package io.github.ktrader.kiwoom.auth.test;

import tools.jackson.databind.node.ObjectNode;

/**
 * Answers au10002, {@code POST /oauth2/revoke}.
 * <p>
 * Only a currently valid token can be revoked. Kiwoom does not document revoking an
 * unknown, expired or already revoked token; the simulator answers it with
 * {@code return_code} 3 and guide code 8015, so a client sees a failure it has to
 * tolerate.
 */
final class RevokeEndpoint {

	private final Credentials credentials;

	private final TokenRegistry tokens;

	RevokeEndpoint(Credentials credentials, TokenRegistry tokens) {
		this.credentials = credentials;
		this.tokens = tokens;
	}

	Reply handle(RecordedRequest request) {
		ObjectNode body = Json.parseObject(request.body());
		if (body == null) {
			return Reply.malformedBody();
		}
		Reply keyError = this.credentials.check(body);
		if (keyError != null) {
			return keyError;
		}
		String token = Json.nonBlankString(body, "token");
		if (token == null) {
			return Reply.kiwoom(KiwoomMessages.INPUT_ERROR_CODE,
					KiwoomMessages.inputError(8016, "Access Token을 폐기하는데 실패했습니다. 입력값에 Token이 들어오지 않았습니다"));
		}
		if (!this.tokens.revoke(token)) {
			return Reply.kiwoom(KiwoomMessages.AUTH_FAILED_CODE,
					KiwoomMessages.authFailed(8015, "Access Token을 폐기하는데 실패했습니다"));
		}
		return Reply.success();
	}

}
