package io.github.ktrader.kiwoom.auth.test;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * Request as the simulator received it, for assertions on what a client sent.
 * <p>
 * Headers are kept as received, so a test can check for {@code Content-Length} or
 * {@code Transfer-Encoding: chunked}; header names are looked up case-insensitively.
 * {@link #toString()} shows the method and path only, since headers and body carry keys
 * and tokens.
 *
 * @param method the HTTP method
 * @param path the request path, without query
 * @param headers the request headers, keyed case-insensitively
 * @param body the request body decoded as UTF-8, empty when there was none
 * @since 0.1.0
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body) {

	/**
	 * Creates a recorded request.
	 * @param method the HTTP method
	 * @param path the request path, without query
	 * @param headers the request headers
	 * @param body the request body, empty when there was none
	 */
	public RecordedRequest {
		Assert.notNull(method, "Method must not be null");
		Assert.notNull(path, "Path must not be null");
		Assert.notNull(headers, "Headers must not be null");
		Assert.notNull(body, "Body must not be null");
		Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		headers = Collections.unmodifiableMap(copy);
	}

	/**
	 * Returns the first value of a header.
	 * @param name the header name, in any case
	 * @return the first value, or {@code null} when the header is absent
	 */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/**
	 * Returns whether the body arrived with {@code Transfer-Encoding: chunked}.
	 * @return whether the body was chunked
	 */
	public boolean chunked() {
		String encoding = header("Transfer-Encoding");
		return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
	}

	/**
	 * Returns a top-level field of the JSON body as text.
	 * @param name the field name
	 * @return the field's value (numbers and booleans as their JSON text), or
	 * {@code null} when the body is not a JSON object or the field is absent, null or not
	 * a scalar
	 */
	public @Nullable String jsonField(String name) {
		ObjectNode object = Json.parseObject(this.body);
		return (object != null) ? Json.text(object, name) : null;
	}

	@Override
	public String toString() {
		return "RecordedRequest[" + this.method + " " + this.path + "]";
	}

}
