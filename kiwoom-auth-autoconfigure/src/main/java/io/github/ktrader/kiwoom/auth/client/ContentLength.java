package io.github.ktrader.kiwoom.auth.client;

import org.springframework.http.HttpHeaders;

/**
 * Reads and writes {@code Content-Length} under its lower-case name. {@link HttpHeaders}
 * looks every name up in lower case, and {@code "Content-Length"} would be lowered into a
 * new string on every call; this name already is.
 */
final class ContentLength {

	private static final String NAME = "content-length";

	private ContentLength() {
	}

	/**
	 * Return the length the headers declare, or -1 when they declare none.
	 */
	static long of(HttpHeaders headers) {
		String value = headers.getFirst(NAME);
		return (value != null) ? Long.parseLong(value) : -1;
	}

	static void set(HttpHeaders headers, long length) {
		headers.set(NAME, Long.toString(length));
	}

}
