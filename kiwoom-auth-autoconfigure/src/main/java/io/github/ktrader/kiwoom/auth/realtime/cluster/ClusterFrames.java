package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.github.ktrader.kiwoom.auth.realtime.KiwoomCondition;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of what the cluster keeps in Redis, with no token and no key. A real-time
 * entry: {@code {"t":type,"i":item,"n":name,"v":{fid: value},"at":epoch-millis}}, where
 * {@code at} is when the holder read it, and what Kiwoom sent of it. The answer to a
 * member's one-shot condition request: {@code {"c":[[seq,name],…]}} (the list),
 * {@code {"r":[entry,…]}} (a search's rows) or {@code {"e":message}} (it failed).
 */
final class ClusterFrames {

	private final JsonMapper mapper;

	ClusterFrames(JsonMapper mapper) {
		this.mapper = mapper;
	}

	String write(RealtimeEvent event, long at) {
		return this.mapper.writeValueAsString(body(event, at));
	}

	private static Map<String, Object> body(RealtimeEvent event, long at) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("t", event.type());
		body.put("i", event.item());
		body.put("n", event.name());
		body.put("v", event.values());
		body.put("at", at);
		return body;
	}

	/**
	 * Read an entry.
	 * @throws IllegalArgumentException if it is not one
	 */
	Read read(String json) {
		JsonNode body = tree(json);
		if (body == null || !body.path("t").isString()) {
			throw new IllegalArgumentException("Not a real-time entry");
		}
		return new Read(event(body), body.path("at").asLong(0));
	}

	private static RealtimeEvent event(JsonNode body) {
		Map<String, String> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> value : body.path("v").properties()) {
			values.put(value.getKey(), value.getValue().asString(""));
		}
		return new RealtimeEvent(body.path("t").asString(), body.path("i").asString(""), body.path("n").asString(""),
				values);
	}

	private JsonNode tree(String json) {
		try {
			return this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Not cluster JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	String conditions(List<KiwoomCondition> conditions) {
		List<List<String>> pairs = conditions.stream()
			.map((condition) -> List.of(condition.seq(), condition.name()))
			.toList();
		return this.mapper.writeValueAsString(Map.of("c", pairs));
	}

	String rows(List<RealtimeEvent> rows, long at) {
		return this.mapper.writeValueAsString(Map.of("r", rows.stream().map((row) -> body(row, at)).toList()));
	}

	String failure(Throwable ex) {
		Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		return this.mapper.writeValueAsString(Map.of("e", String.valueOf(cause.getMessage())));
	}

	/**
	 * Read the answer to a one-shot request.
	 * @throws IllegalArgumentException if it is not one
	 */
	Answer answer(String json) {
		JsonNode body = tree(json);
		if (body == null) {
			throw new IllegalArgumentException("Not an answer");
		}
		if (body.has("e")) {
			return new Answer(null, null, body.path("e").asString(""));
		}
		if (body.has("c")) {
			List<KiwoomCondition> conditions = new ArrayList<>();
			body.path("c")
				.values()
				.forEach((pair) -> conditions
					.add(new KiwoomCondition(pair.path(0).asString(""), pair.path(1).asString(""))));
			return new Answer(conditions, null, null);
		}
		List<RealtimeEvent> rows = new ArrayList<>();
		body.path("r").values().forEach((row) -> rows.add(event(row)));
		return new Answer(null, rows, null);
	}

	record Read(RealtimeEvent event, long at) {
	}

	/**
	 * An answer: the conditions, the rows, or why it failed.
	 */
	record Answer(@Nullable List<KiwoomCondition> conditions, @Nullable List<RealtimeEvent> rows,
			@Nullable String error) {
	}

}
