package io.github.ktrader.kiwoom.auth.test;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/**
 * HTTP answer the simulator sends: a status, a body and extra headers.
 *
 * @param status the HTTP status
 * @param body the body text, empty for none
 * @param headers headers added to {@code Content-Type}
 */
record Reply(int status, String body, Map<String, String> headers) {

	Reply {
		headers = Map.copyOf(headers);
	}

	/**
	 * Answers HTTP 200 with the given JSON object.
	 * @param body the JSON object
	 * @return the reply
	 */
	static Reply ok(ObjectNode body) {
		return json(200, body);
	}

	/**
	 * Answers the given status with the given JSON object.
	 * @param status the HTTP status
	 * @param body the JSON object
	 * @return the reply
	 */
	static Reply json(int status, ObjectNode body) {
		return new Reply(status, Json.write(body), Map.of());
	}

	/**
	 * Answers HTTP 200 with Kiwoom's outer result fields only.
	 * @param returnCode the {@code return_code}
	 * @param message the {@code return_msg}
	 * @return the reply
	 */
	static Reply kiwoom(int returnCode, String message) {
		ObjectNode body = Json.object();
		body.put("return_code", returnCode);
		body.put("return_msg", message);
		return ok(body);
	}

	/**
	 * Answers HTTP 200 with {@code return_code} 0.
	 * @return the reply
	 */
	static Reply success() {
		return kiwoom(KiwoomMessages.SUCCESS_CODE, KiwoomMessages.SUCCESS);
	}

	/**
	 * Answers an HTTP error status with a small JSON body naming it.
	 * @param status the HTTP status
	 * @return the reply
	 */
	static Reply httpError(int status) {
		ObjectNode body = Json.object();
		body.put("status", status);
		body.put("error", "Simulated HTTP " + status);
		return json(status, body);
	}

	/**
	 * Answers HTTP 400 for a body that is not a JSON object.
	 * @return the reply
	 */
	static Reply malformedBody() {
		ObjectNode body = Json.object();
		body.put("return_code", KiwoomMessages.INPUT_ERROR_CODE);
		body.put("return_msg", KiwoomMessages.inputError(1517, "입력 값 형식이 올바르지 않습니다"));
		return json(400, body);
	}

	/**
	 * Returns a copy of this reply with one more header.
	 * @param name the header name
	 * @param value the header value
	 * @return the new reply
	 */
	Reply withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new Reply(this.status, this.body, headers);
	}

}
