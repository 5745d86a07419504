package io.github.ktrader.kiwoom.auth.client;

import java.nio.charset.StandardCharsets;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
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

	private static final byte[] RETURN_CODE = "return_code".getBytes(StandardCharsets.US_ASCII);

	private static final KiwoomStatus SUCCESS = KiwoomStatus.of(200, "0", null);

	private static final KiwoomStatus HTTP_OK = KiwoomStatus.of(200, null, null);

	private final JsonMapper jsonMapper;

	KiwoomStatusReader(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Read the status of an answer. A body that is empty or not a JSON object yields a
	 * status with only the HTTP status.
	 */
	KiwoomStatus read(int httpStatus, byte[] body) {
		return read(httpStatus, body, body.length);
	}

	/**
	 * Return whether Kiwoom rejected the token, so that a new one may help: HTTP 401, or
	 * 8005, 8010, 8031 or 8103 as {@code return_code} or in brackets in
	 * {@code return_msg} (known only of an answer read whole).
	 */
	static boolean isRejection(KiwoomStatus status) {
		return status.httpStatus() == 401 || status.errorKind() == KiwoomErrorKind.TOKEN_REJECTED;
	}

	/**
	 * Return the status of an answer judged by its HTTP status alone.
	 */
	static KiwoomStatus httpOnly(int httpStatus) {
		return (httpStatus == 200) ? HTTP_OK : KiwoomStatus.of(httpStatus, null, null);
	}

	/**
	 * Read the status of an answer held in the first {@code length} bytes of a buffer.
	 */
	KiwoomStatus read(int httpStatus, byte[] body, int length) {
		if (httpStatus >= 200 && httpStatus < 300 && hasZeroReturnCode(body, length)) {
			// Most answers: success, known without a parser (which allocates about 1 KB).
			return (httpStatus == 200) ? SUCCESS : KiwoomStatus.of(httpStatus, "0", null);
		}
		Object returnCode = null;
		String returnMsg = null;
		if (length > 0) {
			try (JsonParser parser = this.jsonMapper.createParser(body, 0, length)) {
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

	/**
	 * Return whether the body is a JSON object whose top-level {@code return_code} is
	 * zero ({@code 0}, {@code "0"}, {@code "0000"}), which is success whatever else it
	 * says. A single pass that allocates nothing: it tracks nesting and strings, and
	 * looks only at keys of the outer object. Anything unusual answers {@code false},
	 * leaving the answer to the parser.
	 */
	static boolean hasZeroReturnCode(byte[] body) {
		return hasZeroReturnCode(body, body.length);
	}

	static boolean hasZeroReturnCode(byte[] body, int n) {
		int depth = 0;
		boolean zero = false;
		int i = 0;
		while (i < n) {
			byte b = body[i];
			if (b == '"') {
				int end = endOfString(body, n, i + 1);
				if (end < 0) {
					return false;
				}
				if (depth == 1 && isKey(body, n, end + 1) && matches(body, i + 1, end, RETURN_CODE)) {
					int value = skipColon(body, n, end + 1);
					if (value < 0) {
						return false;
					}
					zero = isZero(body, n, value);
				}
				i = end + 1;
				continue;
			}
			if (b == '{' || b == '[') {
				depth++;
				if (depth == 1 && b != '{') {
					return false;
				}
			}
			else if (b == '}' || b == ']') {
				depth--;
			}
			i++;
		}
		return zero && depth == 0;
	}

	/**
	 * Return the index of the quote that ends a string starting at {@code from}, or -1.
	 */
	private static int endOfString(byte[] body, int n, int from) {
		for (int i = from; i < n; i++) {
			if (body[i] == '\\') {
				i++;
			}
			else if (body[i] == '"') {
				return i;
			}
		}
		return -1;
	}

	private static boolean isKey(byte[] body, int n, int from) {
		int i = skipWhitespace(body, n, from);
		return i < n && body[i] == ':';
	}

	private static int skipColon(byte[] body, int n, int from) {
		int i = skipWhitespace(body, n, from);
		return (i < n && body[i] == ':') ? skipWhitespace(body, n, i + 1) : -1;
	}

	private static int skipWhitespace(byte[] body, int n, int from) {
		int i = from;
		while (i < n && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
			i++;
		}
		return i;
	}

	private static boolean matches(byte[] body, int from, int to, byte[] expected) {
		if (to - from != expected.length) {
			return false;
		}
		for (int i = 0; i < expected.length; i++) {
			if (body[from + i] != expected[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return whether the value at {@code from} is one or more zeros, bare or quoted
	 * (surrounding spaces allowed inside the quotes, as {@code KiwoomStatus} trims).
	 */
	private static boolean isZero(byte[] body, int n, int from) {
		boolean quoted = from < n && body[from] == '"';
		int i = quoted ? skipWhitespace(body, n, from + 1) : from;
		int zeros = 0;
		while (i < n && body[i] == '0') {
			zeros++;
			i++;
		}
		if (zeros == 0) {
			return false;
		}
		if (quoted) {
			i = skipWhitespace(body, n, i);
			return i < n && body[i] == '"';
		}
		return i < n && (body[i] == ',' || body[i] == '}' || body[i] == ' ' || body[i] == '\n' || body[i] == '\r'
				|| body[i] == '\t');
	}

	private static @Nullable String scalar(JsonParser parser, JsonToken value) {
		if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
			return parser.getString();
		}
		parser.skipChildren();
		return null;
	}

}
