package io.github.ktrader.kiwoom.auth.event;

import java.time.Duration;

import io.github.ktrader.kiwoom.auth.AccessToken;

import org.springframework.util.Assert;

/**
 * Published when Kiwoom rejected the cached token (8005, 8010, 8031, 8103 or HTTP 401)
 * and it was dropped; a {@link KiwoomTokenIssuedEvent} follows once a new one is issued.
 *
 * @since 0.1.0
 */
public final class KiwoomTokenRejectedEvent extends KiwoomTokenEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new event.
	 * @param source the object that published the event
	 * @param token the rejected token
	 */
	public KiwoomTokenRejectedEvent(Object source, AccessToken token) {
		super(source, token, Duration.ZERO);
		Assert.notNull(token, "Token must not be null");
	}

}
