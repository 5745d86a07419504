package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.realtime.RealtimeEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of a real-time entry in Redis: {@code {"t":type,"i":item,"n":name,"v":{fid:
 * value},"at":epoch-millis}}, where {@code at} is when the holder read it. What Kiwoom
 * sent of the entry and nothing else: no token, no key.
 */
final class ClusterFrames {

	private final JsonMapper mapper;

	ClusterFrames(JsonMapper mapper) {
		this.mapper = mapper;
	}

	String write(RealtimeEvent event, long at) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("t", event.type());
		body.put("i", event.item());
		body.put("n", event.name());
		body.put("v", event.values());
		body.put("at", at);
		return this.mapper.writeValueAsString(body);
	}

	/**
	 * Read an entry.
	 * @throws IllegalArgumentException if it is not one
	 */
	Read read(String json) {
		JsonNode body;
		try {
			body = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Not a real-time entry: " + ex.getOriginalMessage(), ex);
		}
		if (body == null || !body.path("t").isString()) {
			throw new IllegalArgumentException("Not a real-time entry");
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> value : body.path("v").properties()) {
			values.put(value.getKey(), value.getValue().asString(""));
		}
		RealtimeEvent event = new RealtimeEvent(body.path("t").asString(), body.path("i").asString(""),
				body.path("n").asString(""), values);
		return new Read(event, body.path("at").asLong(0));
	}

	record Read(RealtimeEvent event, long at) {
	}

}
