package io.github.ktrader.kiwoom.auth.client;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Names where an answer failed to bind, never what it held: Jackson's own messages quote
 * the answer.
 */
final class JsonFailurePath {

	private JsonFailurePath() {
	}

	/**
	 * Return {@code " at field 'a.b[2]' (Type)"} for a failure Jackson located, else the
	 * failure's type alone.
	 */
	static String of(@Nullable Throwable ex) {
		while (ex != null && !(ex instanceof JacksonException)) {
			ex = ex.getCause();
		}
		if (ex instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			StringBuilder path = new StringBuilder();
			for (JacksonException.Reference reference : databind.getPath()) {
				if (reference.getPropertyName() != null) {
					path.append((path.length() > 0) ? "." : "").append(reference.getPropertyName());
				}
				else if (reference.getIndex() >= 0) {
					path.append('[').append(reference.getIndex()).append(']');
				}
			}
			return " at field '" + path + "' (" + ex.getClass().getSimpleName() + ")";
		}
		return (ex != null) ? " (" + ex.getClass().getSimpleName() + ", not the expected JSON)"
				: " (not the expected JSON)";
	}

}
