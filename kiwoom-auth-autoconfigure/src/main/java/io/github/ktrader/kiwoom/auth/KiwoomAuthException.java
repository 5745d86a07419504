package io.github.ktrader.kiwoom.auth;

import org.jspecify.annotations.Nullable;

/**
 * Failure of a Kiwoom call made for authentication (au10001, au10002) or with a token,
 * carrying the HTTP status, Kiwoom's return code and message, and advice on what to fix.
 * Never carries a key or a token.
 *
 * @since 0.1.0
 */
public class KiwoomAuthException extends KiwoomException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for an answer Kiwoom gave.
	 * @param operation what was attempted, such as {@code "au10001 (issue token)"}; a
	 * leading TR id becomes {@link #getApiId()}
	 * @param status what Kiwoom answered
	 * @param kind the kind of error
	 */
	public KiwoomAuthException(String operation, KiwoomStatus status, KiwoomErrorKind kind) {
		super(kind, apiIdOf(operation), status,
				operation + " failed: Kiwoom answered " + status.describe() + ". " + kind.advice(), null);
	}

	/**
	 * Create an exception for a failure without a Kiwoom answer.
	 * @param kind the kind of error
	 * @param message the message, which must not contain a secret; a leading TR id
	 * becomes {@link #getApiId()}
	 * @param cause the cause, or {@code null}
	 */
	public KiwoomAuthException(KiwoomErrorKind kind, String message, @Nullable Throwable cause) {
		super(kind, apiIdOf(message), null, message, cause);
	}

	/**
	 * Create an exception that repeats an earlier failure, such as one answered again
	 * during a cool-down.
	 * @param kind the kind of error
	 * @param status what Kiwoom answered, or {@code null}
	 * @param message the message, which must not contain a secret
	 * @param cause the cause, or {@code null}
	 */
	public KiwoomAuthException(KiwoomErrorKind kind, @Nullable KiwoomStatus status, String message,
			@Nullable Throwable cause) {
		super(kind, apiIdOf(message), status, message, cause);
	}

	/**
	 * Return the TR id a text starts with ({@code au10001 (issue access token)}), or
	 * {@code null}.
	 */
	private static @Nullable String apiIdOf(String text) {
		int end = 0;
		while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
			end++;
		}
		boolean trId = end == 7 && end < text.length() && text.charAt(end) == ' ' && Character.isLetter(text.charAt(0))
				&& Character.isDigit(text.charAt(2));
		return trId ? text.substring(0, end) : null;
	}

}
