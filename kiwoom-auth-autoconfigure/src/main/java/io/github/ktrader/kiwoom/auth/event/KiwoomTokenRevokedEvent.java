package io.github.ktrader.kiwoom.auth.event;

import java.time.Duration;

import io.github.ktrader.kiwoom.auth.AccessToken;

import org.springframework.util.Assert;

/**
 * Published when the token this application issued was revoked (au10002) as its context
 * closed.
 *
 * @since 0.1.0
 */
public final class KiwoomTokenRevokedEvent extends KiwoomTokenEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new event.
	 * @param source the object that published the event
	 * @param token the revoked token
	 * @param elapsed how long au10002 took
	 */
	public KiwoomTokenRevokedEvent(Object source, AccessToken token, Duration elapsed) {
		super(source, token, elapsed);
		Assert.notNull(token, "Token must not be null");
	}

}
