package io.github.ktrader.kiwoom.auth.event;

import java.time.Duration;

import io.github.ktrader.kiwoom.auth.IssueReason;

/**
 * Published when renewing the cached token in the background failed. The old token is
 * still served until it expires, and the renewal is retried with a back-off.
 *
 * @since 0.1.0
 */
public final class KiwoomTokenRenewalFailedEvent extends KiwoomTokenIssueFailedEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new event.
	 * @param source the object that published the event
	 * @param failure what went wrong; its message never contains a secret
	 * @param elapsed how long the attempt took
	 */
	public KiwoomTokenRenewalFailedEvent(Object source, RuntimeException failure, Duration elapsed) {
		super(source, failure, IssueReason.RENEWAL, elapsed);
	}

}
