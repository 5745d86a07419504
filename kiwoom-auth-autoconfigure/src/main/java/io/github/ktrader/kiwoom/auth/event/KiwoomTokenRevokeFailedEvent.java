package io.github.ktrader.kiwoom.auth.event;

import java.time.Duration;

import io.github.ktrader.kiwoom.auth.AccessToken;

import org.springframework.util.Assert;

/**
 * Published when revoking the token failed or timed out as the context closed. The token
 * may still be valid until it expires by itself.
 *
 * @since 0.1.0
 */
public final class KiwoomTokenRevokeFailedEvent extends KiwoomTokenEvent {

	private static final long serialVersionUID = 1L;

	private final Throwable failure;

	/**
	 * Create a new event.
	 * @param source the object that published the event
	 * @param token the token that may still be valid
	 * @param failure what went wrong; its message never contains a secret
	 * @param elapsed how long the attempt took
	 */
	public KiwoomTokenRevokeFailedEvent(Object source, AccessToken token, Throwable failure, Duration elapsed) {
		super(source, token, elapsed);
		Assert.notNull(token, "Token must not be null");
		Assert.notNull(failure, "Failure must not be null");
		this.failure = failure;
	}

	/**
	 * Return what went wrong: a {@code KiwoomAuthException}, or a
	 * {@link java.util.concurrent.TimeoutException} when Kiwoom did not answer within
	 * {@code kiwoom.token.revoke-timeout}.
	 * @return the failure
	 */
	public Throwable getFailure() {
		return this.failure;
	}

	@Override
	protected String details() {
		return ", failure=" + this.failure;
	}

}
