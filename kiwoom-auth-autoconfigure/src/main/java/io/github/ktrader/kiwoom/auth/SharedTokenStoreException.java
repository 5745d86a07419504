package io.github.ktrader.kiwoom.auth;

/**
 * Thrown when a {@link SharedTokenStore} cannot be reached or did not answer in time. The
 * message names the store and the failure, never a key or a token.
 *
 * @since 0.1.0
 */
public class SharedTokenStoreException extends RuntimeException {

	/**
	 * Create a new exception.
	 * @param message what failed
	 * @param cause the underlying failure
	 */
	public SharedTokenStoreException(String message, Throwable cause) {
		super(message, cause);
	}

}
