package io.github.ktrader.kiwoom.auth;

import org.jspecify.annotations.Nullable;

/**
 * Failure of a Kiwoom call made for authentication or with a token, carrying the HTTP
 * status, Kiwoom's return code and message, and advice on what to fix. Never carries a
 * key or a token.
 *
 * @since 0.1.0
 */
public class KiwoomAuthException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final KiwoomErrorKind kind;

	private final transient @Nullable KiwoomStatus status;

	/**
	 * Create an exception for an answer Kiwoom gave.
	 * @param operation what was attempted, such as {@code "au10001 (issue token)"}
	 * @param status what Kiwoom answered
	 * @param kind the kind of error
	 */
	public KiwoomAuthException(String operation, KiwoomStatus status, KiwoomErrorKind kind) {
		super(operation + " failed: Kiwoom answered " + status.describe() + ". " + kind.advice());
		this.kind = kind;
		this.status = status;
	}

	/**
	 * Create an exception for a failure without a Kiwoom answer.
	 * @param kind the kind of error
	 * @param message the message, which must not contain a secret
	 * @param cause the cause, or {@code null}
	 */
	public KiwoomAuthException(KiwoomErrorKind kind, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.status = null;
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
		super(message, cause);
		this.kind = kind;
		this.status = status;
	}

	/**
	 * Return what kind of error this is.
	 * @return the kind
	 */
	public KiwoomErrorKind getKind() {
		return this.kind;
	}

	/**
	 * Return Kiwoom's answer, or {@code null} if Kiwoom gave none (I/O error, closed
	 * provider).
	 * @return the status
	 */
	public @Nullable KiwoomStatus getStatus() {
		return this.status;
	}

	/**
	 * Return the HTTP status Kiwoom answered with, or {@code 0} if it gave none.
	 * @return the HTTP status
	 */
	public int getHttpStatus() {
		return (this.status != null) ? this.status.httpStatus() : 0;
	}

	/**
	 * Return the most specific Kiwoom code (the bracketed one, else {@code return_code}),
	 * or {@code null}.
	 * @return the Kiwoom code
	 */
	public @Nullable Integer getCode() {
		return (this.status != null) ? this.status.code() : null;
	}

	/**
	 * Return {@code return_msg} as Kiwoom sent it, or {@code null}.
	 * @return Kiwoom's message
	 */
	public @Nullable String getKiwoomMessage() {
		return (this.status != null) ? this.status.message() : null;
	}

}
