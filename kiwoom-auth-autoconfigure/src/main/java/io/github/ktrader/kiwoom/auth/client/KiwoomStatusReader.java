package io.github.ktrader.kiwoom.auth.client;

import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code return_code} and {@code return_msg} from the top level of a Kiwoom answer
 * without binding the rest of it, so that checking every answer stays cheap.
 */
final class KiwoomStatusReader {

	private final JsonMapper jsonMapper;

	KiwoomStatusReader(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Read the status of an answer. A body that is empty or not a JSON object yields a
	 * status with only the HTTP status.
	 */
	KiwoomStatus read(int httpStatus, byte[] body) {
		Object returnCode = null;
		String returnMsg = null;
		if (body.length > 0) {
			try (JsonParser parser = this.jsonMapper.createParser(body)) {
				if (parser.nextToken() == JsonToken.START_OBJECT) {
					String name;
					while ((name = parser.nextName()) != null) {
						JsonToken value = parser.nextToken();
						if ("return_code".equals(name)) {
							returnCode = scalar(parser, value);
						}
						else if ("return_msg".equals(name)) {
							returnMsg = scalar(parser, value);
						}
						else {
							parser.skipChildren();
						}
					}
				}
			}
			catch (JacksonException ex) {
				// Not JSON (an HTML error page, a truncated body): judged by HTTP status
				// alone.
			}
		}
		return KiwoomStatus.of(httpStatus, returnCode, returnMsg);
	}

	private static @Nullable String scalar(JsonParser parser, JsonToken value) {
		if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
			return parser.getString();
		}
		parser.skipChildren();
		return null;
	}

}
