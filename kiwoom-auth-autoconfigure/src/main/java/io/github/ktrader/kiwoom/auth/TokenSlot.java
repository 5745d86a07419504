package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The one place the provider's token lives, with its timers, from install until it
 * expires, is rejected or is taken for revocation at shutdown.
 * <p>
 * Threading: the cached token is an {@link AtomicReference} shared with the provider's
 * lookup, read without a lock; every change that must agree with the closed flag, the
 * held token and the timers (install, release, close, retry scheduling) happens under
 * this object's monitor, and nothing here calls a listener or Kiwoom under it.
 */
final class TokenSlot {

	private final TokenLog logger;

	private final AtomicReference<@Nullable HeldToken> current;

	private final Clock clock;

	private final TokenTimeline timeline;

	private final TokenTimers timers;

	private final ShutdownHandoff handoff;

	private final IssueRecord record;

	private final BooleanSupplier clustered;

	private final Consumer<HeldToken> renewal;

	/**
	 * The token this provider issued and would revoke: unlike {@link #current}, it stays
	 * set after the token is dropped on expiry, and is cleared only when Kiwoom rejected
	 * it or shutdown took it.
	 */
	private volatile @Nullable HeldToken held;

	private volatile boolean closed;

	/**
	 * @param clustered whether tokens are shared with other instances, which decides who
	 * revokes a token that arrives during shutdown
	 * @param renewal started by the renewal timer of each installed token
	 */
	TokenSlot(AtomicReference<@Nullable HeldToken> current, Clock clock, TokenTimeline timeline, TokenTimers timers,
			ShutdownHandoff handoff, IssueRecord record, BooleanSupplier clustered, Consumer<HeldToken> renewal,
			TokenLog logger) {
		this.current = current;
		this.clock = clock;
		this.timeline = timeline;
		this.timers = timers;
		this.handoff = handoff;
		this.record = record;
		this.clustered = clustered;
		this.renewal = renewal;
		this.logger = logger;
	}

	@Nullable HeldToken get() {
		return this.current.get();
	}

	boolean isClosed() {
		return this.closed;
	}

	boolean holdsOwnToken() {
		return this.held != null;
	}

	void assertOpen() {
		if (this.closed) {
			throw closedException();
		}
	}

	static KiwoomAuthException closedException() {
		return new KiwoomAuthException(KiwoomErrorKind.CLOSED, KiwoomErrorKind.CLOSED.advice(), null);
	}

	/**
	 * Cache the token and start its timers, unless closed: then it is revoked or kept for
	 * revocation, and never handed out.
	 * @return whether the token was installed
	 */
	boolean install(AccessToken token, boolean renewal) {
		Runnable revokeNow;
		synchronized (this) {
			if (!this.closed && !this.handoff.isReleasing()) {
				TokenTimeline.Placement placement = this.timeline.place(token, this.clock.instant(), renewal);
				HeldToken fresh = new HeldToken(token, placement);
				this.held = fresh;
				this.current.set(fresh);
				this.timers.start(placement.expiresAt(), () -> expire(fresh), placement.renewAt(),
						() -> this.renewal.accept(fresh));
				return true;
			}
			if (this.clustered.getAsBoolean()) {
				// Published for the other instances, which may be using it: not ours to
				// revoke
				this.logger.info("Kiwoom access token " + token.masked() + " arrived after shutdown began; "
						+ "leaving it to the cluster");
				return false;
			}
			revokeNow = this.handoff.arrived(token);
		}
		if (revokeNow != null) {
			// Closing stopped waiting for this issue: revoke it now rather than leak it
			this.logger.info("Kiwoom issued access token " + token.masked() + " after shutdown; revoking it");
			revokeNow.run();
		}
		return false;
	}

	/**
	 * Install a sibling's token if it differs from the cached one, whatever its expiry:
	 * the cluster's store decides which token is live (the most recently issued one).
	 * @param adopted run under the lock once installed, so that the token is known as
	 * adopted before anything can replace it
	 * @return whether it was installed
	 */
	synchronized boolean adopt(AccessToken shared, Runnable adopted) {
		HeldToken cached = this.current.get();
		if (this.closed || this.handoff.isReleasing() || (cached != null && cached.token().equals(shared))) {
			return false;
		}
		install(shared, false);
		adopted.run();
		return true;
	}

	/**
	 * Plan another renewal attempt, unless the token was replaced or closing began
	 * meanwhile.
	 */
	synchronized void retryRenewal(HeldToken stale, Instant at, Runnable renew) {
		if (!this.closed && this.current.get() == stale) {
			this.timers.renewAt(at, renew);
		}
	}

	private void expire(HeldToken token) {
		if (this.current.compareAndSet(token, null)) {
			this.record.dropped(IssueReason.EXPIRED);
			this.logger.info("Kiwoom access token " + token.token() + " expired; the next call issues a new one");
		}
	}

	/**
	 * Drop the cached token if it is still {@code cached}: Kiwoom rejected it, so it is
	 * no longer one to revoke either.
	 * @return whether this call dropped it
	 */
	boolean dropRejected(HeldToken cached) {
		if (!this.current.compareAndSet(cached, null)) {
			return false;
		}
		forget(cached);
		return true;
	}

	private synchronized void forget(HeldToken rejected) {
		if (this.held == rejected) {
			this.held = null;
			this.timers.cancel();
		}
	}

	/**
	 * Take the held token and those that arrive while waiting for the issue in flight,
	 * but stay open: see {@link CachingAccessTokenProvider#releaseTokens(Duration)}.
	 */
	List<AccessToken> release(InFlightIssue inFlight, Duration awaitIssue) {
		synchronized (this) {
			this.timers.cancel();
			this.handoff.releasing(true);
		}
		CompletableFuture<AccessToken> running = inFlight.current();
		if (!inFlight.awaitQuietly(running, awaitIssue)) {
			this.handoff.abandon(running);
		}
		synchronized (this) {
			this.handoff.releasing(false);
			List<AccessToken> tokens = takeValid();
			this.handoff.drainInto(tokens);
			this.current.set(null);
			return tokens;
		}
	}

	/**
	 * Close for good and take every token still valid: see
	 * {@link CachingAccessTokenProvider#closeAndTakeTokens(Duration)}.
	 */
	List<AccessToken> close(InFlightIssue inFlight, Duration awaitIssue) {
		synchronized (this) {
			this.closed = true;
			this.timers.cancel();
		}
		CompletableFuture<AccessToken> running = inFlight.current();
		if (!this.handoff.wasAbandoned(running)) {
			inFlight.awaitQuietly(running, awaitIssue);
		}
		synchronized (this) {
			List<AccessToken> tokens = takeValid();
			this.handoff.drainInto(tokens);
			this.current.set(null);
			this.handoff.taken();
			return tokens;
		}
	}

	private List<AccessToken> takeValid() {
		List<AccessToken> tokens = ShutdownHandoff.newList();
		HeldToken token = this.held;
		if (token != null && this.clock.instant().isBefore(token.placement().expiresAt())) {
			tokens.add(token.token());
		}
		this.held = null;
		return tokens;
	}

}
