package io.github.ktrader.kiwoom.auth.client;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;

/**
 * Kiwoom answered a data call (a TR such as ka10001) with an error, after any retry with
 * a new token.
 *
 * @since 0.1.0
 */
public class KiwoomApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String apiId;

	private final transient KiwoomStatus status;

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

	private static KiwoomErrorKind kindOf(KiwoomStatus status) {
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
	 * Return what Kiwoom answered.
	 * @return the status
	 */
	public KiwoomStatus getStatus() {
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
