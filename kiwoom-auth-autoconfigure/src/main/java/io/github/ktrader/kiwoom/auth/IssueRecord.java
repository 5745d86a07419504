package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the provider's issues have come to so far, for {@link AccessTokenState}: the last
 * failure, a failing or running renewal, and why the next token will be asked for.
 */
final class IssueRecord {

	private final Clock clock;

	private volatile boolean renewing;

	private volatile IssueReason nextReason = IssueReason.FIRST_USE;

	private volatile @Nullable RuntimeException lastFailure;

	private volatile @Nullable Instant lastFailureAt;

	private volatile @Nullable RuntimeException renewalFailure;

	IssueRecord(Clock clock) {
		this.clock = clock;
	}

	IssueReason nextReason() {
		return this.nextReason;
	}

	void dropped(IssueReason nextReason) {
		this.nextReason = nextReason;
		if (nextReason == IssueReason.EXPIRED) {
			this.renewalFailure = null;
		}
	}

	void renewing(boolean renewing) {
		this.renewing = renewing;
	}

	void failed(RuntimeException failure, boolean renewal) {
		if (renewal) {
			this.renewalFailure = failure;
		}
		else {
			this.lastFailure = failure;
		}
		this.lastFailureAt = this.clock.instant();
	}

	void succeeded() {
		this.lastFailure = null;
		this.renewalFailure = null;
	}

	/**
	 * Return the snapshot for the given cached token.
	 */
	AccessTokenState state(@Nullable AccessToken token, boolean closed, boolean held, @Nullable Instant nextAttempt,
			int youngRejections) {
		AccessTokenState.Status status;
		if (closed) {
			status = AccessTokenState.Status.CLOSED;
		}
		else if (token != null) {
			status = this.renewing ? AccessTokenState.Status.RENEWING : (this.renewalFailure != null)
					? AccessTokenState.Status.RENEWAL_FAILING : AccessTokenState.Status.VALID;
		}
		else if (this.lastFailure != null) {
			status = AccessTokenState.Status.FAILED;
		}
		else {
			status = (held || this.nextReason != IssueReason.FIRST_USE) ? AccessTokenState.Status.EXPIRED
					: AccessTokenState.Status.NOT_ISSUED;
		}
		RuntimeException failure = (token != null && this.renewalFailure != null) ? this.renewalFailure
				: this.lastFailure;
		return new AccessTokenState(status, token, failure, (failure != null) ? this.lastFailureAt : null,
				closed ? null : nextAttempt, youngRejections);
	}

}
