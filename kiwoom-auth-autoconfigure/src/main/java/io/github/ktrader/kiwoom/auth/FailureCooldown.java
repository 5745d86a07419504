package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Keeps callers from contacting Kiwoom again right after an au10001 failed: they get the
 * same typed error at once until the cool-down ends. A fatal failure (wrong keys, keys of
 * the other environment, an unregistered IP) cools down longer than a transient one (HTTP
 * 5xx, 1700, 429, I/O), since no retry will fix it.
 */
final class FailureCooldown {

	private final Clock clock;

	private volatile Duration fatal = Duration.ofSeconds(60);

	private volatile Duration transientFailure = Duration.ofSeconds(5);

	private volatile @Nullable RuntimeException failure;

	private volatile @Nullable Instant until;

	private volatile String key = "kiwoom.token.transient-failure-cooldown";

	FailureCooldown(Clock clock) {
		this.clock = clock;
	}

	void configure(Duration fatal, Duration transientFailure) {
		this.fatal = fatal;
		this.transientFailure = transientFailure;
	}

	void failed(RuntimeException failure) {
		this.failure = failure;
		this.key = isFatal(failure) ? "kiwoom.token.failure-cooldown" : "kiwoom.token.transient-failure-cooldown";
		this.until = this.clock.instant().plus(coolDownOf(failure));
	}

	/**
	 * Return how long the given failure cools down.
	 */
	Duration coolDownOf(RuntimeException failure) {
		if (failure instanceof ClusterCoolDownException cluster) {
			// The cluster's cool-down, begun by another instance: end with it
			return cluster.remaining();
		}
		return isFatal(failure) ? this.fatal : this.transientFailure;
	}

	private static boolean isFatal(RuntimeException failure) {
		return (failure instanceof KiwoomAuthException kiwoom) && kiwoom.getKind().isFatal()
				&& kiwoom.getKind() != KiwoomErrorKind.CLOSED;
	}

	void succeeded() {
		this.failure = null;
		this.until = null;
	}

	/**
	 * Throw the last failure again, without contacting Kiwoom, while cooling down.
	 */
	void check() {
		Instant end = this.until;
		RuntimeException last = this.failure;
		if (end == null || last == null || !this.clock.instant().isBefore(end)) {
			return;
		}
		String message = last.getMessage() + " No new au10001 before "
				+ end.atZone(AccessToken.KIWOOM_ZONE).toOffsetDateTime() + " (" + this.key + ").";
		if (last instanceof KiwoomAuthException kiwoom) {
			throw new KiwoomAuthException(kiwoom.getKind(), kiwoom.getStatus(), message, last);
		}
		throw new KiwoomAuthException(KiwoomErrorKind.OTHER, null, message, last);
	}

	/**
	 * Return when the next au10001 may be sent, or {@code null} if now.
	 */
	@Nullable Instant nextAttemptAt() {
		Instant end = this.until;
		return (end != null && this.clock.instant().isBefore(end)) ? end : null;
	}

}
