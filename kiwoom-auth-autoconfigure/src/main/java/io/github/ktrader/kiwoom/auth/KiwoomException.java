package io.github.ktrader.kiwoom.auth;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Base of every exception a Kiwoom call made through this starter throws, so that one
 * {@code catch} covers a failed token issue (au10001) as well as a failed data call.
 * Carries the kind of error, the TR where there is one, and Kiwoom's code and message;
 * never a key or a token.
 *
 * @since 0.1.0
 * @see KiwoomAuthException
 * @see io.github.ktrader.kiwoom.auth.client.KiwoomApiException
 */
public class KiwoomException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final KiwoomErrorKind kind;

	private final @Nullable String apiId;

	private final transient @Nullable KiwoomStatus status;

	private final @Nullable Duration retryAfter;

	/**
	 * Create an exception.
	 * @param kind the kind of error
	 * @param apiId the TR id (such as {@code ka10001}, or {@code au10001} for a token
	 * issue), or {@code null}
	 * @param status what Kiwoom answered, or {@code null} if it gave no answer
	 * @param message the message, which must not contain a secret
	 * @param cause the cause, or {@code null}
	 */
	public KiwoomException(KiwoomErrorKind kind, @Nullable String apiId, @Nullable KiwoomStatus status, String message,
			@Nullable Throwable cause) {
		this(kind, apiId, status, message, cause, null);
	}

	/**
	 * Create an exception for a call that may be tried again after a known wait, such as
	 * one refused for Kiwoom's request limit.
	 * @param kind the kind of error
	 * @param apiId the TR id, or {@code null}
	 * @param status what Kiwoom answered, or {@code null} if it gave no answer
	 * @param message the message, which must not contain a secret
	 * @param cause the cause, or {@code null}
	 * @param retryAfter how long to wait before trying again, or {@code null} if unknown
	 */
	public KiwoomException(KiwoomErrorKind kind, @Nullable String apiId, @Nullable KiwoomStatus status, String message,
			@Nullable Throwable cause, @Nullable Duration retryAfter) {
		super(message, cause);
		this.kind = kind;
		this.apiId = apiId;
		this.status = status;
		this.retryAfter = retryAfter;
	}

	/**
	 * Return what kind of error this is.
	 * @return the kind
	 */
	public KiwoomErrorKind getKind() {
		return this.kind;
	}

	/**
	 * Return the TR id of the failed call: a data TR such as {@code ka10001}, or
	 * {@code au10001}/{@code au10002} for the token calls; {@code null} if unknown.
	 * @return the TR id
	 */
	public @Nullable String getApiId() {
		return this.apiId;
	}

	/**
	 * Return Kiwoom's answer, or {@code null} if Kiwoom gave none (I/O error, an answer
	 * that could not be read, a closed provider).
	 * @return the status
	 */
	public @Nullable KiwoomStatus getStatus() {
		return this.status;
	}

	/**
	 * Return how long to wait before trying the call again, when that is known (such as
	 * the wait for Kiwoom's request limit); {@code null} otherwise.
	 * @return the wait, or {@code null}
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
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
