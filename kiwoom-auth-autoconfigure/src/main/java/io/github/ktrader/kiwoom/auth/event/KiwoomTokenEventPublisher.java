package io.github.ktrader.kiwoom.auth.event;

import java.time.Duration;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenListener;
import io.github.ktrader.kiwoom.auth.IssueReason;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * {@link AccessTokenListener} that publishes every callback as a
 * {@link KiwoomTokenEvent}, so applications can alert or audit with
 * {@code @EventListener} without touching the token provider.
 * <p>
 * Events are published synchronously on the calling thread; a listener that throws is
 * logged by the caller and never breaks the token flow.
 *
 * @since 0.1.0
 */
public final class KiwoomTokenEventPublisher implements AccessTokenListener {

	/**
	 * Name of the key pair set with {@code kiwoom.*}.
	 */
	public static final String DEFAULT_ACCOUNT = "default";

	private final ApplicationEventPublisher eventPublisher;

	private final String account;

	/**
	 * Create a publisher.
	 * @param eventPublisher where the events go, usually the application context
	 */
	public KiwoomTokenEventPublisher(ApplicationEventPublisher eventPublisher) {
		this(eventPublisher, DEFAULT_ACCOUNT);
	}

	/**
	 * Create a publisher for the tokens of one key pair.
	 * @param eventPublisher where the events go, usually the application context
	 * @param account the pair's name, as under {@code kiwoom.accounts}
	 */
	public KiwoomTokenEventPublisher(ApplicationEventPublisher eventPublisher, String account) {
		Assert.notNull(eventPublisher, "EventPublisher must not be null");
		Assert.hasText(account, "Account must not be empty");
		this.eventPublisher = eventPublisher;
		this.account = account;
	}

	/**
	 * Return a publisher to the same place for the tokens of another key pair.
	 * @param account the pair's name
	 * @return a publisher whose events name that pair
	 */
	public KiwoomTokenEventPublisher forAccount(String account) {
		return new KiwoomTokenEventPublisher(this.eventPublisher, account);
	}

	/**
	 * Return the name of the key pair whose tokens this publisher reports.
	 * @return the pair's name
	 */
	public String getAccount() {
		return this.account;
	}

	@Override
	public void issued(AccessToken token, IssueReason reason, Duration elapsed) {
		publish((reason == IssueReason.RENEWAL) ? new KiwoomTokenRenewedEvent(this, token, elapsed)
				: new KiwoomTokenIssuedEvent(this, token, reason, elapsed));
	}

	@Override
	public void issueFailed(RuntimeException failure, IssueReason reason, Duration elapsed) {
		publish((reason == IssueReason.RENEWAL) ? new KiwoomTokenRenewalFailedEvent(this, failure, elapsed)
				: new KiwoomTokenIssueFailedEvent(this, failure, reason, elapsed));
	}

	@Override
	public void rejected(AccessToken token) {
		publish(new KiwoomTokenRejectedEvent(this, token));
	}

	@Override
	public void revoked(AccessToken token, Duration elapsed) {
		publish(new KiwoomTokenRevokedEvent(this, token, elapsed));
	}

	@Override
	public void revokeFailed(AccessToken token, Throwable failure, Duration elapsed) {
		publish(new KiwoomTokenRevokeFailedEvent(this, token, failure, elapsed));
	}

	private void publish(KiwoomTokenEvent event) {
		this.eventPublisher.publishEvent(event);
	}

	@Override
	public String toString() {
		return "KiwoomTokenEventPublisher[" + this.account + "]";
	}

}
