package io.github.ktrader.kiwoom.auth.realtime;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the frames the session sends. The LOGIN frame holds the token: it is sent and
 * never logged.
 */
final class OutboundFrames {

	private final JsonMapper mapper;

	private final String group;

	OutboundFrames(JsonMapper mapper, String group) {
		this.mapper = mapper;
		this.group = group;
	}

	String login(String token) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("trnm", "LOGIN");
		frame.put("token", token);
		return write(frame);
	}

	/**
	 * REG with {@code refresh} {@code "1"}: the group keeps what it has, so that one
	 * subscription never replaces another's items.
	 */
	String register(String type, Collection<String> items) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("trnm", "REG");
		frame.put("grp_no", this.group);
		frame.put("refresh", "1");
		frame.put("data", List.of(Map.of("item", List.copyOf(items), "type", List.of(type))));
		return write(frame);
	}

	String remove(String type, Collection<String> items) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("trnm", "REMOVE");
		frame.put("grp_no", this.group);
		frame.put("data", List.of(Map.of("item", List.copyOf(items), "type", List.of(type))));
		return write(frame);
	}

	private String write(Map<String, Object> frame) {
		return this.mapper.writeValueAsString(frame);
	}

}
