package io.github.ktrader.kiwoom.auth.test;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the small JSON documents the simulator exchanges.
 */
final class Json {

	private static final JsonMapper mapper = JsonMapper.shared();

	private Json() {
	}

	/**
	 * Parses a JSON object.
	 * @param text the JSON text
	 * @return the object, or {@code null} when the text is not a JSON object
	 */
	static @Nullable ObjectNode parseObject(String text) {
		try {
			JsonNode node = mapper.readTree(text);
			return (node instanceof ObjectNode object) ? object : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Returns a top-level scalar field as text.
	 * @param object the JSON object
	 * @param name the field name
	 * @return the field's text, or {@code null} when it is absent, {@code null}, an
	 * object or an array
	 */
	static @Nullable String text(ObjectNode object, String name) {
		JsonNode node = object.get(name);
		if (node == null || node.isNull() || !node.isValueNode()) {
			return null;
		}
		return node.asString();
	}

	/**
	 * Returns a top-level field when it is a non-blank string.
	 * @param object the JSON object
	 * @param name the field name
	 * @return the field's value, or {@code null} when it is absent, blank or not a string
	 */
	static @Nullable String nonBlankString(ObjectNode object, String name) {
		JsonNode node = object.get(name);
		if (node == null || !node.isString() || node.stringValue().isBlank()) {
			return null;
		}
		return node.stringValue();
	}

	/**
	 * Creates an empty JSON object that keeps its fields in insertion order.
	 * @return a new object
	 */
	static ObjectNode object() {
		return mapper.createObjectNode();
	}

	/**
	 * Writes a JSON node as compact text.
	 * @param node the node
	 * @return its JSON text
	 */
	static String write(JsonNode node) {
		return mapper.writeValueAsString(node);
	}

}
