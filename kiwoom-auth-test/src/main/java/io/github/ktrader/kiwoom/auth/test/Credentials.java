package io.github.ktrader.kiwoom.auth.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Key pair the simulator accepts, and the check of a request body against it.
 *
 * @param appkey the app key
 * @param secretkey the secret key
 */
record Credentials(String appkey, String secretkey) {

	/**
	 * Checks the {@code appkey} and {@code secretkey} fields of a request body.
	 * @param body the request body
	 * @return the error reply, or {@code null} when both keys match
	 */
	@Nullable Reply check(ObjectNode body) {
		String appkey = Json.nonBlankString(body, "appkey");
		String secretkey = Json.nonBlankString(body, "secretkey");
		if (appkey == null || secretkey == null) {
			return Reply.kiwoom(KiwoomMessages.INPUT_ERROR_CODE,
					KiwoomMessages.inputError(8020, "입력파라미터로 appkey 또는 secretkey가 들어오지 않았습니다"));
		}
		if (!matches(this.appkey, appkey) || !matches(this.secretkey, secretkey)) {
			return Reply.kiwoom(KiwoomMessages.AUTH_FAILED_CODE,
					KiwoomMessages.authFailed(8001, "App Key와 Secret Key 검증에 실패했습니다"));
		}
		return null;
	}

	private static boolean matches(String expected, String actual) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				actual.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "Credentials[appkey=" + mask(this.appkey) + ", secretkey=****]";
	}

	private static String mask(String value) {
		return ((value.length() > 4) ? value.substring(0, 4) : "") + "****";
	}

}
