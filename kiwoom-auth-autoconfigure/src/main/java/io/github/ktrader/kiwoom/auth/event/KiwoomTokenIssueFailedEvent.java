package io.github.ktrader.kiwoom.auth.event;

import java.time.Duration;

import io.github.ktrader.kiwoom.auth.IssueReason;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Published when au10001 failed. A failed background renewal publishes the subclass
 * {@link KiwoomTokenRenewalFailedEvent}; the old token is then still served.
 *
 * @since 0.1.0
 */
public class KiwoomTokenIssueFailedEvent extends KiwoomTokenEvent {

	private static final long serialVersionUID = 1L;

	private final RuntimeException failure;

	private final IssueReason reason;

	/**
	 * Create a new event.
	 * @param source the object that published the event
	 * @param failure what went wrong; its message never contains a secret
	 * @param reason why a token was asked for
	 * @param elapsed how long the attempt took
	 */
	public KiwoomTokenIssueFailedEvent(Object source, RuntimeException failure, IssueReason reason, Duration elapsed) {
		super(source, null, elapsed);
		Assert.notNull(failure, "Failure must not be null");
		Assert.notNull(reason, "Reason must not be null");
		this.failure = failure;
		this.reason = reason;
	}

	/**
	 * Return what went wrong, usually a {@link KiwoomAuthException}.
	 * @return the failure
	 */
	public RuntimeException getFailure() {
		return this.failure;
	}

	/**
	 * Return the kind of failure, or {@code null} if it was not a
	 * {@link KiwoomAuthException}.
	 * @return the kind
	 */
	public @Nullable KiwoomErrorKind getKind() {
		return (this.failure instanceof KiwoomAuthException kiwoom) ? kiwoom.getKind() : null;
	}

	/**
	 * Return why a token was asked for.
	 * @return the reason
	 */
	public IssueReason getReason() {
		return this.reason;
	}

	@Override
	protected String details() {
		return ", reason=" + this.reason + ", kind=" + getKind() + ", failure=" + this.failure.getMessage();
	}

}
