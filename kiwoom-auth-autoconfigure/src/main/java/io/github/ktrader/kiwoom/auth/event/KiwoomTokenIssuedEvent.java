package io.github.ktrader.kiwoom.auth.event;

import java.time.Duration;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.IssueReason;

import org.springframework.util.Assert;

/**
 * Published when Kiwoom issued an access token (au10001): on first use, after the cached
 * token expired, or after Kiwoom rejected it. A background renewal publishes the subclass
 * {@link KiwoomTokenRenewedEvent}, so listening for this type sees every new token.
 *
 * @since 0.1.0
 */
public class KiwoomTokenIssuedEvent extends KiwoomTokenEvent {

	private static final long serialVersionUID = 1L;

	private final IssueReason reason;

	/**
	 * Create a new event.
	 * @param source the object that published the event
	 * @param token the issued token
	 * @param reason why it was asked for
	 * @param elapsed how long au10001 took, retries included
	 */
	public KiwoomTokenIssuedEvent(Object source, AccessToken token, IssueReason reason, Duration elapsed) {
		super(source, token, elapsed);
		Assert.notNull(token, "Token must not be null");
		Assert.notNull(reason, "Reason must not be null");
		this.reason = reason;
	}

	/**
	 * Return why the token was asked for.
	 * @return the reason
	 */
	public IssueReason getReason() {
		return this.reason;
	}

	@Override
	protected String details() {
		return ", reason=" + this.reason;
	}

}
