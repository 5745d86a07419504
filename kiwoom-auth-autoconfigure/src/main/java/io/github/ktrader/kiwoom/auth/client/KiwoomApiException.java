package io.github.ktrader.kiwoom.auth.client;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import org.jspecify.annotations.Nullable;

/**
 * Kiwoom answered a data call (a TR such as ka10001) with an error, after any retry with
 * a new token.
 *
 * @since 0.1.0
 */
public class KiwoomApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String apiId;

	private final transient @Nullable KiwoomStatus status;

	/**
	 * Create an exception.
	 * @param apiId the TR id, such as {@code ka10001}
	 * @param path the path called
	 * @param status what Kiwoom answered
	 */
	public KiwoomApiException(String apiId, String path, KiwoomStatus status) {
		super(apiId + " (" + path + ") failed: Kiwoom answered " + status.describe() + ". " + kindOf(status).advice());
		this.apiId = apiId;
		this.status = status;
	}

	/**
	 * Create an exception for a call that got no answer: Kiwoom could not be reached or
	 * did not answer within {@code kiwoom.read-timeout}.
	 * @param apiId the TR id, such as {@code ka10001}
	 * @param path the path called
	 * @param cause the I/O failure
	 */
	public KiwoomApiException(String apiId, String path, Throwable cause) {
		super(apiId + " (" + path + ") failed: " + describe(cause) + ". " + KiwoomErrorKind.IO_ERROR.advice(), cause);
		this.apiId = apiId;
		this.status = null;
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

	/**
	 * Return the TR id of the failed call.
	 * @return the TR id
	 */
	public String getApiId() {
		return this.apiId;
	}

	/**
	 * Return what Kiwoom answered, or {@code null} if it gave no answer.
	 * @return the status
	 */
	public @Nullable KiwoomStatus getStatus() {
		return this.status;
	}

	/**
	 * Return the kind of error.
	 * @return the kind
	 */
	public KiwoomErrorKind getKind() {
		return kindOf(this.status);
	}

}
