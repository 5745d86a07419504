package io.github.ktrader.kiwoom.auth;

import java.time.Duration;

/**
 * Callback for what happens to Kiwoom access tokens: issued, rejected, revoked, or
 * failing. Used for events, metrics and health; every method has an empty default.
 * <p>
 * Methods are called on the thread that did the work (a caller, the renewal thread, or
 * the shutdown thread), after the new state is in place and outside any lock. A listener
 * may call Kiwoom (it gets the new token), but should return quickly: it delays the
 * caller it runs on. What it throws is logged and does not disturb the token.
 *
 * @since 0.1.0
 */
public interface AccessTokenListener {

	/**
	 * Listener that does nothing.
	 */
	AccessTokenListener NONE = new AccessTokenListener() {
	};

	/**
	 * Called when Kiwoom issued a token (au10001).
	 * @param token the new token
	 * @param reason why it was asked for
	 * @param elapsed how long au10001 took, retries included
	 */
	default void issued(AccessToken token, IssueReason reason, Duration elapsed) {
	}

	/**
	 * Called when au10001 failed.
	 * @param failure what went wrong, usually a {@link KiwoomAuthException}
	 * @param reason why a token was asked for
	 * @param elapsed how long the attempt took
	 */
	default void issueFailed(RuntimeException failure, IssueReason reason, Duration elapsed) {
	}

	/**
	 * Called when Kiwoom rejected the cached token and it was dropped.
	 * @param token the rejected token
	 */
	default void rejected(AccessToken token) {
	}

	/**
	 * Called after {@link #rejected(AccessToken)} when the token was rejected within
	 * seconds of its issue, which means another process is most likely issuing tokens for
	 * the same app key.
	 * @param token the rejected token
	 * @param age how long after its issue it was rejected
	 */
	default void rejectedYoung(AccessToken token, Duration age) {
	}

	/**
	 * Called when a token was revoked (au10002).
	 * @param token the revoked token
	 * @param elapsed how long au10002 took
	 */
	default void revoked(AccessToken token, Duration elapsed) {
	}

	/**
	 * Called when revoking a token failed or timed out.
	 * @param token the token that may still be valid
	 * @param failure what went wrong
	 * @param elapsed how long the attempt took
	 */
	default void revokeFailed(AccessToken token, Throwable failure, Duration elapsed) {
	}

}
