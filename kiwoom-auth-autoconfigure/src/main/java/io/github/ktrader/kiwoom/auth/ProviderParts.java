package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.backoff.BackOff;

/**
 * The collaborators of one {@link CachingAccessTokenProvider}, wired to each other: the
 * provider's public methods delegate to them, so that the provider itself only checks
 * arguments and documents its contract.
 */
final class ProviderParts {

	/**
	 * The lookup's one field, shared with the slot that keeps it current.
	 */
	final AtomicReference<@Nullable HeldToken> current = new AtomicReference<>();

	final InFlightIssue inFlight = new InFlightIssue();

	final FailureCooldown cooldown;

	final RejectionStormGuard stormGuard;

	final ShutdownHandoff handoff = new ShutdownHandoff();

	final IssueRecord record;

	final ListenerNotices notices = new ListenerNotices();

	final TokenSlot slot;

	final TokenRejections rejections;

	final TokenIssuing issuing;

	final TokenRenewal renewal;

	final ClusterMembership cluster;

	/**
	 * Logged under the provider's name, the category users configure.
	 */
	final TokenLog log = new TokenLog(CachingAccessTokenProvider.class);

	ProviderParts(TokenIssuer issuer, TaskScheduler scheduler, Clock clock, Duration renewBefore, Duration renewJitter,
			BackOff renewalBackOff) {
		this.cooldown = new FailureCooldown(clock);
		this.cluster = new ClusterMembership(issuer, clock, this.cooldown::coolDownOf, this.log);
		this.record = new IssueRecord(clock);
		this.stormGuard = new RejectionStormGuard(clock, this.log);
		this.slot = new TokenSlot(this.current, clock, new TokenTimeline(renewBefore, renewJitter, this.log),
				new TokenTimers(scheduler), this.handoff, this.record, this.cluster::isClustered, this::startRenewal,
				this.log);
		this.rejections = new TokenRejections(this.slot, this.record, this.stormGuard, this.notices,
				this.cluster::isClustered, clock, this.log);
		this.issuing = new TokenIssuing(issuer, this.slot, this.inFlight, this.cooldown, this.stormGuard, this.record,
				this.notices, this.rejections, this.cluster::source, this.log);
		this.renewal = new TokenRenewal(this.slot, this.inFlight, this.issuing, this.record, this.stormGuard,
				this.notices, this.rejections, clock, renewalBackOff, this.log);
	}

	/**
	 * Run by a token's renewal timer; a method rather than a lambda because the slot that
	 * starts the timers is built before the renewal.
	 */
	private void startRenewal(HeldToken fresh) {
		this.renewal.start(fresh);
	}

	@Nullable AccessToken cachedToken() {
		HeldToken token = this.current.get();
		return (token != null) ? token.token() : null;
	}

	AccessTokenState state() {
		AccessToken token = cachedToken();
		Instant nextAttempt = this.stormGuard.nextIssueAt();
		if (nextAttempt == null && token == null) {
			nextAttempt = this.cooldown.nextAttemptAt();
		}
		return this.record.state(token, this.slot.isClosed(), this.slot.holdsOwnToken(), nextAttempt,
				this.stormGuard.streak());
	}

}
