package io.github.ktrader.kiwoom.auth.event;

import java.time.Duration;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.IssueReason;

/**
 * Published when the cached token was renewed in the background ahead of its expiry. If
 * Kiwoom handed back the token it already had, the event carries that token again.
 *
 * @since 0.1.0
 */
public final class KiwoomTokenRenewedEvent extends KiwoomTokenIssuedEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new event.
	 * @param source the object that published the event
	 * @param token the new token
	 * @param elapsed how long au10001 took, retries included
	 */
	public KiwoomTokenRenewedEvent(Object source, AccessToken token, Duration elapsed) {
		super(source, token, IssueReason.RENEWAL, elapsed);
	}

}
