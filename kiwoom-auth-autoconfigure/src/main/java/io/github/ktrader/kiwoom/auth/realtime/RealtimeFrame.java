package io.github.ktrader.kiwoom.auth.realtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One frame Kiwoom sent on the real-time socket, read once on the socket's thread.
 *
 * @param trnm the frame's {@code trnm}, such as {@code REAL} or {@code PING}
 * @param text the frame as received, echoed unchanged for PING
 * @param body the parsed frame, or {@code null} for a bare {@code PING}
 */
record RealtimeFrame(String trnm, String text, @Nullable JsonNode body) {

	private static final Pattern CODE_IN_MESSAGE = Pattern.compile("CODE\\s*=\\s*(\\d{1,6})|\\[\\s*(\\d{1,6})\\s*:");

	/**
	 * Read a frame.
	 * @param mapper the JSON mapper
	 * @param text the text frame
	 * @return the frame
	 * @throws IllegalArgumentException if the text is not a JSON object with a
	 * {@code trnm}
	 */
	static RealtimeFrame parse(JsonMapper mapper, String text) {
		String trimmed = text.strip();
		if (trimmed.equals("PING")) {
			return new RealtimeFrame("PING", text, null);
		}
		JsonNode body;
		try {
			body = mapper.readTree(trimmed);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Not a JSON frame: " + ex.getOriginalMessage(), ex);
		}
		if (body == null || !body.isObject() || !body.path("trnm").isString()) {
			throw new IllegalArgumentException("No trnm in the frame");
		}
		return new RealtimeFrame(body.path("trnm").asString(), text, body);
	}

	/**
	 * Return a field as text.
	 * @param name the field's name
	 * @return its text, or {@code null} when absent or null
	 */
	@Nullable String field(String name) {
		JsonNode value = (this.body != null) ? this.body.get(name) : null;
		return (value == null || value.isNull()) ? null : value.asString();
	}

	/**
	 * Return the answer's outcome from {@code return_code} (a number or a numeric string)
	 * and the code Kiwoom puts in {@code return_msg} ({@code CODE=8005} or
	 * {@code [8005:}).
	 * @return the status, as if the answer had come with HTTP 200
	 */
	KiwoomStatus status() {
		String returnCode = field("return_code");
		String message = field("return_msg");
		Integer outer = null;
		if (returnCode != null) {
			try {
				outer = Integer.valueOf(returnCode.strip());
			}
			catch (NumberFormatException ex) {
				// Not a number: the message's code is all there is
			}
		}
		if (outer != null && outer == 0) {
			return new KiwoomStatus(200, returnCode.strip(), 0, message);
		}
		Integer inner = codeInMessage(message);
		return new KiwoomStatus(200, (returnCode != null) ? returnCode.strip() : null, (inner != null) ? inner : outer,
				message);
	}

	/**
	 * Return every code the answer names: {@code return_code} and the one in its message.
	 * @return the codes
	 */
	List<Integer> codes() {
		KiwoomStatus status = status();
		List<Integer> codes = new ArrayList<>();
		if (status.code() != null) {
			codes.add(status.code());
		}
		if (status.returnCode() != null) {
			try {
				codes.add(Integer.valueOf(status.returnCode()));
			}
			catch (NumberFormatException ex) {
				// Not a number
			}
		}
		return codes;
	}

	private static @Nullable Integer codeInMessage(@Nullable String message) {
		if (message == null) {
			return null;
		}
		Matcher matcher = CODE_IN_MESSAGE.matcher(message);
		if (!matcher.find()) {
			return null;
		}
		return Integer.valueOf((matcher.group(1) != null) ? matcher.group(1) : matcher.group(2));
	}

	/**
	 * Return the entries of a {@code REAL} frame.
	 * @return the events, in the frame's order
	 */
	List<RealtimeEvent> events() {
		JsonNode data = (this.body != null) ? this.body.path("data") : null;
		if (data == null || !data.isArray()) {
			return List.of();
		}
		List<RealtimeEvent> events = new ArrayList<>(data.size());
		for (JsonNode entry : data.values()) {
			Map<String, String> values = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> value : entry.path("values").properties()) {
				values.put(value.getKey(), value.getValue().isNull() ? "" : value.getValue().asString());
			}
			events.add(new RealtimeEvent(entry.path("type").asString(""), entry.path("item").asString(""),
					entry.path("name").asString(""), values));
		}
		return events;
	}

}
