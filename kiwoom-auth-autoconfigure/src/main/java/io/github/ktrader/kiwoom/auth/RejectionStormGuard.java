package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Notices tokens that Kiwoom rejects within seconds of their issue, the mark of another
 * process issuing tokens for the same app key, and slows re-issues down once they keep
 * dying young so that two processes do not kill each other's tokens in a loop.
 * <p>
 * A rejection of an older token ends the streak, so an occasional rejection is always
 * answered with an immediate re-issue.
 */
final class RejectionStormGuard {

	static final int STREAK = 3;

	private final TokenLog logger;

	private final Clock clock;

	private volatile Duration youngAge = Duration.ofSeconds(2);

	private volatile Duration interval = Duration.ofSeconds(30);

	private volatile int streak;

	private volatile @Nullable Instant lastIssueAt;

	RejectionStormGuard(Clock clock, TokenLog logger) {
		this.clock = clock;
		this.logger = logger.forCategory(RejectionStormGuard.class);
	}

	void configure(Duration youngAge, Duration interval) {
		this.youngAge = youngAge;
		this.interval = interval;
	}

	/**
	 * Record that Kiwoom rejected a token this provider issued at {@code issuedAt} on
	 * this machine's clock.
	 * @return the token's age if it died young, else {@code null}
	 */
	synchronized @Nullable Duration rejected(AccessToken token, Instant issuedAt) {
		Duration age = Duration.between(issuedAt, this.clock.instant());
		if (age.compareTo(this.youngAge) >= 0) {
			this.streak = 0;
			return null;
		}
		int now = ++this.streak;
		if (now == 1 || now == STREAK) {
			this.logger.warn("Kiwoom rejected access token " + token.masked() + " " + age.toMillis()
					+ " ms after its issue" + ((now == STREAK) ? " (" + STREAK + " in a row)" : "")
					+ ". Another process is most likely using the same kiwoom.appkey: Kiwoom keeps one token per key, "
					+ "and each new issue can kill the others' token. "
					+ ((now == STREAK) ? "From now on a new token is issued at most once every "
							+ this.interval.toSeconds() + " s (kiwoom.token.rejection-storm-interval). " : "")
					+ "Give each process its own key, or share one token (cluster mode, kiwoom.token.store=redis).");
		}
		return age;
	}

	void issued() {
		this.lastIssueAt = this.clock.instant();
	}

	/**
	 * Refuse a re-issue while tokens keep dying young and the last issue was too recent.
	 */
	void check() {
		Instant next = nextIssueAt();
		if (next != null) {
			throw new KiwoomAuthException(KiwoomErrorKind.KEY_SHARED,
					"No Kiwoom access token: the last " + this.streak + " tokens were rejected within "
							+ this.youngAge.toMillis() + " ms of their issue. " + KiwoomErrorKind.KEY_SHARED.advice()
							+ " No new au10001 before " + next.atZone(AccessToken.KIWOOM_ZONE).toOffsetDateTime()
							+ " (kiwoom.token.rejection-storm-interval).",
					null);
		}
	}

	@Nullable Instant nextIssueAt() {
		Instant last = this.lastIssueAt;
		if (this.streak < STREAK || last == null) {
			return null;
		}
		Instant next = last.plus(this.interval);
		return this.clock.instant().isBefore(next) ? next : null;
	}

	int streak() {
		return this.streak;
	}

}
