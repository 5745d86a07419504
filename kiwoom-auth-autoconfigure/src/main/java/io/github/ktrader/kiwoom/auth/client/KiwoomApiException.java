package io.github.ktrader.kiwoom.auth.client;

import java.time.Duration;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import org.jspecify.annotations.Nullable;

/**
 * Kiwoom answered a data call (a TR such as ka10001) with an error, after any retry with
 * a new token, or the call got no usable answer (no answer in time, an answer too large
 * or one that could not be bound).
 *
 * @since 0.1.0
 */
public class KiwoomApiException extends KiwoomException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param apiId the TR id, such as {@code ka10001}, or {@code null} if the request
	 * named none
	 * @param path the path called
	 * @param status what Kiwoom answered
	 */
	public KiwoomApiException(@Nullable String apiId, String path, KiwoomStatus status) {
		super(kindOf(status), apiId, status,
				call(apiId, path) + " failed: Kiwoom answered " + status.describe() + ". " + kindOf(status).advice(),
				null);
	}

	/**
	 * Create an exception for a call that got no answer: Kiwoom could not be reached or
	 * did not answer within {@code kiwoom.read-timeout}.
	 * @param apiId the TR id, such as {@code ka10001}, or {@code null} if the request
	 * named none
	 * @param path the path called
	 * @param cause the I/O failure
	 */
	public KiwoomApiException(@Nullable String apiId, String path, Throwable cause) {
		super(KiwoomErrorKind.IO_ERROR, apiId, null,
				call(apiId, path) + " failed: " + describe(cause) + ". " + KiwoomErrorKind.IO_ERROR.advice(), cause);
	}

	/**
	 * Create an exception for an answer that could not be used.
	 * @param apiId the TR id, such as {@code ka10001}, or {@code null} if the request
	 * named none
	 * @param path the path called
	 * @param kind the kind of error
	 * @param detail what was wrong, which must not contain the answer's content
	 * @since 0.1.0
	 */
	public KiwoomApiException(@Nullable String apiId, String path, KiwoomErrorKind kind, String detail) {
		this(apiId, path, kind, detail, null);
	}

	/**
	 * Create an exception for a call that failed for a reason of its own, with the
	 * failure that caused it.
	 * @param apiId the TR id, such as {@code kt10000}, or {@code null} if the request
	 * named none
	 * @param path the path called
	 * @param kind the kind of error
	 * @param detail what was wrong, which must not contain the answer's content
	 * @param cause the failure, or {@code null}
	 * @since 0.1.0
	 */
	public KiwoomApiException(@Nullable String apiId, String path, KiwoomErrorKind kind, String detail,
			@Nullable Throwable cause) {
		super(kind, apiId, null, call(apiId, path) + " failed: " + detail, cause);
	}

	/**
	 * Create an exception with every field given, for subclasses that re-raise another
	 * failure.
	 * @param kind the kind of error
	 * @param apiId the TR id, or {@code null}
	 * @param status what Kiwoom answered, or {@code null} if it gave no answer
	 * @param message the message, which must not contain a secret
	 * @param cause the cause, or {@code null}
	 * @param retryAfter how long to wait before trying again, or {@code null} if unknown
	 * @since 0.1.0
	 */
	protected KiwoomApiException(KiwoomErrorKind kind, @Nullable String apiId, @Nullable KiwoomStatus status,
			String message, @Nullable Throwable cause, @Nullable Duration retryAfter) {
		super(kind, apiId, status, message, cause, retryAfter);
	}

	private static String call(@Nullable String apiId, String path) {
		return (apiId != null && !apiId.isEmpty()) ? apiId + " (" + path + ")" : path;
	}

	private static String describe(Throwable failure) {
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		String name = cause.getClass().getSimpleName();
		return (cause.getMessage() != null) ? name + ": " + cause.getMessage() : name;
	}

	private static KiwoomErrorKind kindOf(@Nullable KiwoomStatus status) {
		if (status == null) {
			return KiwoomErrorKind.IO_ERROR;
		}
		KiwoomErrorKind kind = status.errorKind();
		return (kind != null) ? kind : KiwoomErrorKind.OTHER;
	}

}
