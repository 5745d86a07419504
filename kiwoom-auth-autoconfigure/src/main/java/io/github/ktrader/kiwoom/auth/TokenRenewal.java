package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The background renewal of the cached token: a failed renewal keeps the old token in
 * service and is retried with a back-off until it expires, and a token Kiwoom hands back
 * unchanged is kept until it expires.
 * <p>
 * Threading: a renewal runs on the scheduler's thread as the leader of the one issue in
 * flight, so it never overlaps a caller's issue; it is skipped when that issue is already
 * claimed, and callers keep the old token meanwhile without waiting.
 */
final class TokenRenewal {

	private final TokenLog logger;

	private final TokenSlot slot;

	private final InFlightIssue inFlight;

	private final TokenIssuing issuing;

	private final IssueRecord record;

	private final RejectionStormGuard stormGuard;

	private final ListenerNotices notices;

	private final TokenRejections rejections;

	private final Clock clock;

	private final BackOff backOff;

	TokenRenewal(TokenSlot slot, InFlightIssue inFlight, TokenIssuing issuing, IssueRecord record,
			RejectionStormGuard stormGuard, ListenerNotices notices, TokenRejections rejections, Clock clock,
			BackOff backOff, TokenLog logger) {
		this.slot = slot;
		this.inFlight = inFlight;
		this.issuing = issuing;
		this.record = record;
		this.stormGuard = stormGuard;
		this.notices = notices;
		this.rejections = rejections;
		this.clock = clock;
		this.backOff = backOff;
		this.logger = logger;
	}

	/**
	 * Run by the renewal timer of a freshly installed token.
	 */
	void start(HeldToken fresh) {
		run(fresh, this.backOff.start());
	}

	private void run(HeldToken stale, BackOffExecution backOff) {
		if (this.slot.isClosed() || this.slot.get() != stale) {
			return;
		}
		InFlightIssue.Claim claim = this.inFlight.claim();
		if (!claim.leader()) {
			return;
		}
		try {
			this.issuing.lead(claim.future(), (notices) -> renew(stale, backOff, notices));
		}
		catch (RuntimeException ex) {
			this.logger.debug("Renewal ended without a token: " + ex.getMessage());
		}
	}

	private AccessToken renew(HeldToken stale, BackOffExecution backOff, List<Runnable> notices) {
		if (this.slot.isClosed() || this.slot.get() != stale) {
			HeldToken cached = this.slot.get();
			return (cached != null) ? cached.token() : this.issuing.issueForCaller(notices);
		}
		long start = System.nanoTime();
		ClusterTokenSource.Fetched fetched;
		this.record.renewing(true);
		try {
			fetched = this.issuing.fetchNewToken(stale.token());
		}
		catch (RuntimeException ex) {
			this.record.failed(ex, true);
			notices.add(() -> this.notices.listener().issueFailed(ex, IssueReason.RENEWAL, TokenIssuing.since(start)));
			retry(stale, backOff, ex);
			return stale.token();
		}
		finally {
			this.record.renewing(false);
		}
		AccessToken fresh = fetched.token();
		this.record.succeeded();
		if (isSameToken(fresh, stale.token())) {
			this.logger.info("Kiwoom returned the current access token " + stale.token().masked()
					+ " again; a new one will be issued when it expires");
			return stale.token();
		}
		if (!fetched.issued()) {
			// Unless the token's announcement installed it meanwhile, logged as adopted
			if (this.slot.adopt(fresh, () -> this.rejections.adopted(fresh))) {
				this.logger
					.info("Renewed Kiwoom access token " + stale.token().masked() + " with the cluster's " + fresh);
			}
			return fresh;
		}
		this.stormGuard.issued();
		if (!this.slot.install(fresh, true)) {
			return fresh;
		}
		this.logger.info("Renewed Kiwoom access token " + stale.token().masked() + " with " + fresh);
		notices.add(() -> this.notices.listener().issued(fresh, IssueReason.RENEWAL, TokenIssuing.since(start)));
		return fresh;
	}

	private void retry(HeldToken stale, BackOffExecution backOff, RuntimeException ex) {
		if (this.slot.isClosed()) {
			return;
		}
		long delay = backOff.nextBackOff();
		Instant retryAt = this.clock.instant().plusMillis(Math.max(delay, 0));
		boolean retry = delay != BackOffExecution.STOP && retryAt.isBefore(stale.placement().expiresAt());
		this.logger.warn("Renewing Kiwoom access token " + stale.token().masked() + " failed; still serving it until "
				+ stale.token().expiresAt().atZone(AccessToken.KIWOOM_ZONE).toOffsetDateTime() + ". "
				+ (retry ? "Retrying at " + retryAt : "Not retrying before it expires") + ": " + ex.getMessage());
		if (retry) {
			this.slot.retryRenewal(stale, retryAt, () -> run(stale, backOff));
		}
	}

	/**
	 * Kiwoom may hand back the token still valid instead of a new one: replacing it with
	 * itself would only restart its timers.
	 */
	private static boolean isSameToken(AccessToken fresh, AccessToken replacing) {
		return fresh.value().equals(replacing.value()) && !fresh.expiresAt().isAfter(replacing.expiresAt());
	}

}
