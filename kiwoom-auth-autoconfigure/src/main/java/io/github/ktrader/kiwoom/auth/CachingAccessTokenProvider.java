package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * {@link AccessTokenProvider} that issues a token on first use, caches it, renews it in
 * the background before it expires, and stops issuing once closed.
 * <p>
 * <b>Lookup.</b> {@link #getAccessToken()} reads one field: no lock, no clock. The field
 * is kept current by two timers per token, placed on this machine's clock by the lifetime
 * Kiwoom states ({@code expires_dt} against the {@code Date} header of the same answer),
 * so a wrong local clock cannot make tokens look expired: a renewal {@code renewBefore}
 * (less a little jitter) ahead of expiry, and an expiry timer that drops the token if it
 * is still cached. Should a timer run late, Kiwoom answers 8005 and
 * {@link #renewRejected(AccessToken)} is the safety net.
 * <p>
 * <b>Issuing.</b> At most one au10001 sequence runs at a time, success or failure. The
 * caller that finds no token runs it on its own thread; every caller that arrives
 * meanwhile waits on the same future and gets its outcome, the token or the exception,
 * interruptibly and for at most the issue's own deadline. After a failure, calls fail
 * fast with the same typed error for a cool-down, longer for a fatal failure than for a
 * transient one, without contacting Kiwoom. While a token is cached, callers never wait,
 * not even during a renewal.
 * <p>
 * <b>Listeners</b> are told after the new state is installed and outside any lock: a
 * listener may call back in (it gets the new token), block, or throw.
 * <p>
 * <b>Renewal.</b> A failed renewal keeps the old token in service and is retried with an
 * exponential back-off until the token expires. If Kiwoom hands back the same token (it
 * may, while that token is still valid), it is kept until it expires and a new one is
 * issued then. A renewal is never scheduled before half of the token's lifetime, nor
 * sooner than a minute after the previous renewal.
 * <p>
 * <b>Rejection.</b> {@link #renewRejected(AccessToken)} drops the rejected token only if
 * it is still the cached one, so a burst of 8005 answers for one token causes one issue.
 * When tokens keep being rejected within seconds of their issue, another process is
 * issuing for the same key: re-issues are then slowed down and calls fail meanwhile with
 * {@link KiwoomErrorKind#KEY_SHARED}.
 * <p>
 * <b>Closing.</b> {@link #releaseTokens(Duration)} hands the held token over for
 * revocation but keeps the provider usable, so that beans being destroyed can still call
 * Kiwoom; {@link #close()} then stops issuing for good and hands every token still valid
 * to the {@linkplain #setRevokeOnClose revoke-on-close action}, including one Kiwoom
 * issues after closing stopped waiting for it.
 *
 * @since 0.1.0
 */
public final class CachingAccessTokenProvider implements AccessTokenProvider, AutoCloseable {

	private static final Log logger = LogFactory.getLog(CachingAccessTokenProvider.class);

	/**
	 * Kiwoom's code for a token used from another IP than the one that issued it.
	 */
	private static final int IP_MISMATCH = 8010;

	private final TokenIssuer issuer;

	private final Clock clock;

	private final TokenTimeline timeline;

	private final BackOff renewalBackOff;

	private final AtomicReference<@Nullable Held> current = new AtomicReference<>();

	private final InFlightIssue inFlight = new InFlightIssue();

	private final FailureCooldown cooldown;

	private final RejectionStormGuard stormGuard;

	private final TokenTimers timers;

	private final ShutdownHandoff handoff = new ShutdownHandoff();

	private volatile Duration issueWait = Duration.ofSeconds(60);

	private volatile @Nullable Held held;

	private volatile boolean closed;

	private final IssueRecord record;

	private volatile AccessTokenListener listener = AccessTokenListener.NONE;

	private volatile @Nullable ClusterTokenSource cluster;

	private volatile @Nullable AccessToken lastRejected;

	private volatile @Nullable AccessToken lastAdopted;

	private final AtomicInteger ipMismatches = new AtomicInteger();

	/**
	 * Create a provider.
	 * @param issuer the issuer used for every new token
	 * @param scheduler the scheduler that runs renewals and expiries; its clock must
	 * agree with {@code clock}
	 * @param clock this machine's clock, on which renewal and expiry are placed
	 * @param renewBefore how long before expiry a renewal starts
	 * @param renewJitter the most that is randomly added to {@code renewBefore}, so that
	 * processes sharing a key do not renew at the same moment
	 */
	public CachingAccessTokenProvider(TokenIssuer issuer, TaskScheduler scheduler, Clock clock, Duration renewBefore,
			Duration renewJitter) {
		this(issuer, scheduler, clock, renewBefore, renewJitter, defaultRenewalBackOff());
	}

	/**
	 * Create a provider with the given back-off between failed renewals.
	 * @param issuer the issuer used for every new token
	 * @param scheduler the scheduler that runs renewals and expiries
	 * @param clock this machine's clock, on which renewal and expiry are placed
	 * @param renewBefore how long before expiry a renewal starts
	 * @param renewJitter the most that is randomly added to {@code renewBefore}
	 * @param renewalBackOff the delays between failed renewals
	 */
	public CachingAccessTokenProvider(TokenIssuer issuer, TaskScheduler scheduler, Clock clock, Duration renewBefore,
			Duration renewJitter, BackOff renewalBackOff) {
		Assert.notNull(issuer, "Issuer must not be null");
		Assert.notNull(scheduler, "Scheduler must not be null");
		Assert.notNull(clock, "Clock must not be null");
		Assert.isTrue(!renewBefore.isNegative(), "RenewBefore must not be negative");
		Assert.isTrue(!renewJitter.isNegative(), "RenewJitter must not be negative");
		Assert.notNull(renewalBackOff, "RenewalBackOff must not be null");
		this.issuer = issuer;
		this.timers = new TokenTimers(scheduler);
		this.clock = clock;
		this.timeline = new TokenTimeline(renewBefore, renewJitter);
		this.renewalBackOff = renewalBackOff;
		this.cooldown = new FailureCooldown(clock);
		this.record = new IssueRecord(clock);
		this.stormGuard = new RejectionStormGuard(clock);
	}

	private static BackOff defaultRenewalBackOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(1000, 2.0);
		backOff.setMaxInterval(60_000);
		return backOff;
	}

	/**
	 * Set the listener told about issues, failures and rejections.
	 * @param listener the listener
	 */
	public void setListener(AccessTokenListener listener) {
		Assert.notNull(listener, "Listener must not be null");
		this.listener = listener;
	}

	/**
	 * Set how long calls fail fast after an au10001 failed: 60 s and 5 s by default.
	 * @param fatal after a failure no retry fixes (wrong keys, wrong environment,
	 * unregistered IP)
	 * @param transientFailure after any other failure (HTTP 5xx, 1700, 429, I/O)
	 */
	public void setFailureCooldown(Duration fatal, Duration transientFailure) {
		Assert.isTrue(!fatal.isNegative() && !transientFailure.isNegative(), "Cool-downs must not be negative");
		this.cooldown.configure(fatal, transientFailure);
	}

	/**
	 * Set when tokens count as dying young, and how often a token may be issued once
	 * three in a row did: 2 s and 30 s by default.
	 * @param youngAge a token rejected before this age died young
	 * @param interval the shortest time between issues while tokens keep dying young
	 */
	public void setRejectionStormGuard(Duration youngAge, Duration interval) {
		Assert.isTrue(!youngAge.isNegative() && !interval.isNegative(), "Durations must not be negative");
		this.stormGuard.configure(youngAge, interval);
	}

	/**
	 * Set the longest a caller waits for an au10001 that another caller runs: the issue's
	 * own deadline, 60 s by default.
	 * @param issueWait the longest wait
	 */
	public void setIssueWait(Duration issueWait) {
		Assert.isTrue(issueWait.compareTo(Duration.ZERO) > 0, "IssueWait must be positive");
		this.issueWait = issueWait;
	}

	/**
	 * Set what {@link #close()} does with the tokens still valid, usually a bounded
	 * revoke, and how long it waits for an au10001 in flight first.
	 * @param revoke given the tokens to revoke; must not throw and must be bounded
	 * @param awaitIssue the longest time to wait for an issue in flight
	 */
	public void setRevokeOnClose(Consumer<List<AccessToken>> revoke, Duration awaitIssue) {
		Assert.notNull(revoke, "Revoke must not be null");
		Assert.notNull(awaitIssue, "AwaitIssue must not be null");
		this.handoff.configure(revoke, awaitIssue);
	}

	/**
	 * Share tokens with the other instances on the same appkey through the given store
	 * (cluster mode), and join them: call once, before the first token is needed. Tokens
	 * are then read from the store or issued under its lock and published; a sibling's
	 * new token is adopted when it is announced; on close only the last instance out
	 * revokes. The lookup stays one field read.
	 * @param store the shared token store
	 * @param lease the store's lease: the longest a dead issuer can hold the issue lock,
	 * and the shortest time between two tokens this instance issues on its own while the
	 * store is unreachable
	 * @since 0.1.0
	 */
	public void setSharedTokenStore(SharedTokenStore store, Duration lease) {
		Assert.notNull(store, "Store must not be null");
		Assert.isTrue(lease != null && lease.compareTo(Duration.ZERO) > 0, "Lease must be positive");
		Assert.state(this.cluster == null, "A shared token store is set already");
		ClusterTokenSource source = new ClusterTokenSource(store, this.issuer, this.clock, lease);
		this.cluster = source;
		source.start(this::adopt, () -> {
			Held cached = this.current.get();
			return (cached != null) ? cached.token() : null;
		});
	}

	/**
	 * Return the state of the shared token store, in cluster mode.
	 * @return the store's health, or empty when tokens are not shared
	 * @since 0.1.0
	 */
	public Optional<SharedTokenStore.Health> sharedStoreHealth() {
		ClusterTokenSource source = this.cluster;
		return (source != null) ? Optional.of(source.health()) : Optional.empty();
	}

	@Override
	public AccessToken getAccessToken() {
		Held token = this.current.get();
		return (token != null) ? token.token() : obtain();
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * In cluster mode, a token used from another public IP than the one that issued it
	 * (8010) is re-issued once; a second 8010 is a configuration error: the members do
	 * not share one egress IP, and re-issuing would only take the token from the others.
	 */
	@Override
	public AccessToken renewRejected(AccessToken rejected, KiwoomStatus status) {
		if (this.cluster != null && Integer.valueOf(IP_MISMATCH).equals(status.code())
				&& this.ipMismatches.getAndIncrement() > 0) {
			KiwoomAuthException ex = new KiwoomAuthException(KiwoomErrorKind.UNREGISTERED_IP, status,
					"Cluster mode: Kiwoom rejected the shared access token with 8010 (used from another IP than the "
							+ "one that issued it) again after a re-issue. Every member of the cluster must reach Kiwoom "
							+ "through the same registered public IP (one NAT gateway or egress proxy); members behind "
							+ "different IPs cannot share a token (give them their own appkey)",
					null);
			this.record.failed(ex, false);
			throw ex;
		}
		return renewRejected(rejected);
	}

	@Override
	public AccessToken renewRejected(AccessToken rejected) {
		if (this.cluster != null) {
			this.lastRejected = rejected;
		}
		Held cached = this.current.get();
		if (cached != null && cached.token().equals(rejected) && this.current.compareAndSet(cached, null)) {
			forget(cached);
			this.record.dropped(IssueReason.REJECTED);
			// A sibling's token adopted here is young on this machine only: not a storm
			// sign
			Duration age = rejected.equals(this.lastAdopted) ? null
					: this.stormGuard.rejected(rejected, cached.placement().issuedAt());
			if (age == null) {
				logger.info("Kiwoom rejected access token " + rejected.masked() + "; issuing a new one");
			}
			tell(() -> this.listener.rejected(rejected));
			if (age != null) {
				tell(() -> this.listener.rejectedYoung(rejected, age));
			}
		}
		return getAccessToken();
	}

	/**
	 * Return the token currently cached, without issuing one.
	 * @return the cached token, or empty if none is cached
	 */
	public Optional<AccessToken> currentToken() {
		Held token = this.current.get();
		return Optional.ofNullable((token != null) ? token.token() : null);
	}

	/**
	 * Return where the token stands, for health checks.
	 * @return a snapshot of the provider's state
	 */
	public AccessTokenState state() {
		Held cached = this.current.get();
		AccessToken token = (cached != null) ? cached.token() : null;
		Instant nextAttempt = this.stormGuard.nextIssueAt();
		if (nextAttempt == null && token == null) {
			nextAttempt = this.cooldown.nextAttemptAt();
		}
		return this.record.state(token, this.closed, this.held != null, nextAttempt, this.stormGuard.streak());
	}

	/**
	 * Return whether {@link #close()} has been called.
	 * @return {@code true} once closed
	 */
	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * Get a token when none is cached: run the issue, or wait for the one in flight.
	 */
	private AccessToken obtain() {
		InFlightIssue.Claim claim = this.inFlight.claim();
		if (!claim.leader()) {
			return InFlightIssue.await(claim.future(), this.issueWait);
		}
		return lead(claim.future(), null, null);
	}

	/**
	 * Run the issue this thread claimed, share its outcome, then tell the listener.
	 * @param renewing the token to renew, or {@code null} for an issue a caller needs
	 */
	private AccessToken lead(CompletableFuture<AccessToken> future, @Nullable Held renewing,
			@Nullable BackOffExecution backOff) {
		List<Runnable> notices = new ArrayList<>(2);
		try {
			AccessToken token = (renewing != null && backOff != null) ? renew(renewing, backOff, notices)
					: issueForCaller(notices);
			this.inFlight.finish(future);
			future.complete(token);
			return token;
		}
		catch (RuntimeException | Error ex) {
			this.inFlight.finish(future);
			future.completeExceptionally(ex);
			throw ex;
		}
		finally {
			notices.forEach(this::tell);
		}
	}

	/**
	 * The seam where a new token comes from for a caller that has none. Gates first:
	 * closed, cool-down after a failure, rejection storm.
	 */
	private AccessToken issueForCaller(List<Runnable> notices) {
		Held cached = this.current.get();
		if (cached != null) {
			return cached.token();
		}
		assertOpen();
		this.cooldown.check();
		this.stormGuard.check();
		IssueReason reason = this.record.nextReason();
		long start = System.nanoTime();
		ClusterTokenSource.Fetched fetched;
		try {
			fetched = fetchNewToken(null);
		}
		catch (RuntimeException ex) {
			this.record.failed(ex, false);
			this.cooldown.failed(ex);
			notices.add(() -> this.listener.issueFailed(ex, reason, since(start)));
			throw ex;
		}
		AccessToken issued = fetched.token();
		this.record.succeeded();
		this.cooldown.succeeded();
		if (fetched.issued()) {
			this.stormGuard.issued();
		}
		if (!install(issued, false)) {
			throw closedException();
		}
		if (fetched.issued()) {
			logger.info("Issued Kiwoom access token " + issued);
			notices.add(() -> this.listener.issued(issued, reason, since(start)));
		}
		else {
			this.lastAdopted = issued;
			logger.info("Adopted the cluster's Kiwoom access token " + issued);
		}
		return issued;
	}

	private AccessToken renew(Held stale, BackOffExecution backOff, List<Runnable> notices) {
		if (this.closed || this.current.get() != stale) {
			Held cached = this.current.get();
			return (cached != null) ? cached.token() : issueForCaller(notices);
		}
		long start = System.nanoTime();
		ClusterTokenSource.Fetched fetched;
		this.record.renewing(true);
		try {
			fetched = fetchNewToken(stale.token());
		}
		catch (RuntimeException ex) {
			this.record.failed(ex, true);
			notices.add(() -> this.listener.issueFailed(ex, IssueReason.RENEWAL, since(start)));
			retryRenewal(stale, backOff, ex);
			return stale.token();
		}
		finally {
			this.record.renewing(false);
		}
		AccessToken fresh = fetched.token();
		this.record.succeeded();
		if (isSameToken(fresh, stale.token())) {
			logger.info("Kiwoom returned the current access token " + stale.token().masked()
					+ " again; a new one will be issued when it expires");
			return stale.token();
		}
		if (fetched.issued()) {
			this.stormGuard.issued();
		}
		if (!install(fresh, true)) {
			return fresh;
		}
		if (fetched.issued()) {
			logger.info("Renewed Kiwoom access token " + stale.token().masked() + " with " + fresh);
			notices.add(() -> this.listener.issued(fresh, IssueReason.RENEWAL, since(start)));
		}
		else {
			this.lastAdopted = fresh;
			logger.info("Renewed Kiwoom access token " + stale.token().masked() + " with the cluster's " + fresh);
		}
		return fresh;
	}

	/**
	 * The one place a new token comes from, always called by the leader of the one issue
	 * in flight: Kiwoom (au10001), or in cluster mode the shared token, or an au10001
	 * under the cluster's issue lock.
	 * @param replacing the token a renewal replaces, {@code null} when none is cached
	 */
	private ClusterTokenSource.Fetched fetchNewToken(@Nullable AccessToken replacing) {
		ClusterTokenSource source = this.cluster;
		if (source == null) {
			return new ClusterTokenSource.Fetched(this.issuer.issue(), true);
		}
		return source.fetch(replacing, this.lastRejected);
	}

	/**
	 * A sibling announced a token: serve it if it differs from the cached one and expires
	 * no earlier, and plan its renewal, which pushes this instance's own renewal back.
	 */
	private void adopt(AccessToken shared) {
		AccessToken rejected = this.lastRejected;
		if (rejected != null && rejected.value().equals(shared.value())) {
			return;
		}
		synchronized (this) {
			Held cached = this.current.get();
			if (this.closed || this.handoff.isReleasing() || (cached != null
					&& (cached.token().equals(shared) || shared.expiresAt().isBefore(cached.token().expiresAt())))) {
				return;
			}
			install(shared, false);
			this.lastAdopted = shared;
		}
		logger.info("Adopted the cluster's Kiwoom access token " + shared);
	}

	private static boolean isSameToken(AccessToken fresh, AccessToken replacing) {
		return fresh.value().equals(replacing.value()) && !fresh.expiresAt().isAfter(replacing.expiresAt());
	}

	/**
	 * Tell the listener, never letting it break the token flow: the outcome is already
	 * installed and shared.
	 */
	private void tell(Runnable notice) {
		try {
			notice.run();
		}
		catch (RuntimeException | Error ex) {
			if (ex instanceof VirtualMachineError && !(ex instanceof StackOverflowError)) {
				throw ex;
			}
			logger.warn("AccessTokenListener " + this.listener.getClass().getName() + " failed: " + ex);
		}
	}

	private void assertOpen() {
		if (this.closed) {
			throw closedException();
		}
	}

	private static KiwoomAuthException closedException() {
		return new KiwoomAuthException(KiwoomErrorKind.CLOSED, KiwoomErrorKind.CLOSED.advice(), null);
	}

	private static Duration since(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

	/**
	 * Cache the token and start its timers, unless closed: then it is revoked or kept for
	 * revocation, and never handed out.
	 * @return whether the token was installed
	 */
	private boolean install(AccessToken token, boolean renewal) {
		Runnable revokeNow;
		synchronized (this) {
			if (!this.closed && !this.handoff.isReleasing()) {
				TokenTimeline.Placement placement = this.timeline.place(token, this.clock.instant(), renewal);
				Held fresh = new Held(token, placement);
				this.held = fresh;
				this.current.set(fresh);
				this.timers.start(placement.expiresAt(), () -> expire(fresh), placement.renewAt(),
						() -> runRenewal(fresh, this.renewalBackOff.start()));
				return true;
			}
			if (this.cluster != null) {
				// Published for the other instances, which may be using it: not ours to
				// revoke
				logger.info("Kiwoom access token " + token.masked() + " arrived after shutdown began; "
						+ "leaving it to the cluster");
				return false;
			}
			revokeNow = this.handoff.arrived(token);
		}
		if (revokeNow != null) {
			// Closing stopped waiting for this issue: revoke it now rather than leak it
			logger.info("Kiwoom issued access token " + token.masked() + " after shutdown; revoking it");
			revokeNow.run();
		}
		return false;
	}

	private void runRenewal(Held stale, BackOffExecution backOff) {
		if (this.closed || this.current.get() != stale) {
			return;
		}
		InFlightIssue.Claim claim = this.inFlight.claim();
		if (!claim.leader()) {
			return;
		}
		try {
			lead(claim.future(), stale, backOff);
		}
		catch (RuntimeException ex) {
			logger.debug("Renewal ended without a token: " + ex.getMessage());
		}
	}

	private void retryRenewal(Held stale, BackOffExecution backOff, RuntimeException ex) {
		if (this.closed) {
			return;
		}
		long delay = backOff.nextBackOff();
		Instant retryAt = this.clock.instant().plusMillis(Math.max(delay, 0));
		boolean retry = delay != BackOffExecution.STOP && retryAt.isBefore(stale.placement().expiresAt());
		logger.warn("Renewing Kiwoom access token " + stale.token().masked() + " failed; still serving it until "
				+ stale.token().expiresAt().atZone(AccessToken.KIWOOM_ZONE).toOffsetDateTime() + ". "
				+ (retry ? "Retrying at " + retryAt : "Not retrying before it expires") + ": " + ex.getMessage());
		if (retry) {
			synchronized (this) {
				if (!this.closed && this.current.get() == stale) {
					this.timers.renewAt(retryAt, () -> runRenewal(stale, backOff));
				}
			}
		}
	}

	private void expire(Held token) {
		if (this.current.compareAndSet(token, null)) {
			this.record.dropped(IssueReason.EXPIRED);
			logger.info("Kiwoom access token " + token.token() + " expired; the next call issues a new one");
		}
	}

	/**
	 * Kiwoom rejected this token: it is no longer one to revoke.
	 */
	private synchronized void forget(Held rejected) {
		if (this.held == rejected) {
			this.held = null;
			this.timers.cancel();
		}
	}

	/**
	 * Hand over the token this provider holds so that it can be revoked, and stop its
	 * timers, but stay usable: a later call issues a new token, which {@link #close()}
	 * hands to the revoke-on-close action. Waits up to {@code awaitIssue} for an au10001
	 * in flight: a token it yields meanwhile is handed over too, and its caller gets a
	 * {@link KiwoomErrorKind#CLOSED} error; a token that arrives later is served and left
	 * for {@link #close()}.
	 * @param awaitIssue the longest time to wait for an issue in flight
	 * @return the tokens to revoke; empty if none
	 * @since 0.1.0
	 */
	public List<AccessToken> releaseTokens(Duration awaitIssue) {
		synchronized (this) {
			this.timers.cancel();
			this.handoff.releasing(true);
		}
		CompletableFuture<AccessToken> running = this.inFlight.current();
		if (!this.inFlight.awaitQuietly(running, awaitIssue)) {
			this.handoff.abandon(running);
		}
		List<AccessToken> tokens;
		synchronized (this) {
			this.handoff.releasing(false);
			tokens = takeValid();
			this.handoff.drainInto(tokens);
			this.current.set(null);
		}
		return lastOneOut(tokens);
	}

	/**
	 * Stop renewing and issuing. Returns the token this provider issued and still holds,
	 * if it has not expired, so that the caller can revoke it. Never waits for an issue
	 * in flight: see {@link #closeAndTakeTokens(Duration)}.
	 * @return the token to revoke, if any
	 */
	public Optional<AccessToken> closeAndTakeToken() {
		return closeAndTakeTokens(Duration.ZERO).stream().findFirst();
	}

	/**
	 * Stop renewing and issuing, wait up to {@code awaitIssue} for an au10001 in flight
	 * to finish, and return every token this provider issued that has not expired: the
	 * one it holds and one that Kiwoom issued after closing began, so that the caller can
	 * revoke them. A token Kiwoom already rejected is not among them. The wait is bounded
	 * so that a hung Kiwoom cannot hold up shutdown, and skipped for an issue that
	 * {@link #releaseTokens(Duration)} already gave up on; a token that arrives after the
	 * wait goes to the revoke-on-close action, if one is set.
	 * @param awaitIssue the longest time to wait for an issue in flight
	 * @return the tokens to revoke, the held one first; empty if none
	 */
	public List<AccessToken> closeAndTakeTokens(Duration awaitIssue) {
		synchronized (this) {
			this.closed = true;
			this.timers.cancel();
		}
		CompletableFuture<AccessToken> running = this.inFlight.current();
		if (!this.handoff.wasAbandoned(running)) {
			this.inFlight.awaitQuietly(running, awaitIssue);
		}
		List<AccessToken> tokens;
		synchronized (this) {
			tokens = takeValid();
			this.handoff.drainInto(tokens);
			this.current.set(null);
			this.handoff.taken();
		}
		return lastOneOut(tokens);
	}

	/**
	 * In cluster mode the tokens this instance held are the cluster's: only the last
	 * instance out revokes, and what it revokes is the shared token.
	 */
	private List<AccessToken> lastOneOut(List<AccessToken> tokens) {
		ClusterTokenSource source = this.cluster;
		if (source == null) {
			return tokens;
		}
		List<AccessToken> shared = ShutdownHandoff.newList();
		source.leave().ifPresent(shared::add);
		return shared;
	}

	private List<AccessToken> takeValid() {
		List<AccessToken> tokens = ShutdownHandoff.newList();
		Held token = this.held;
		if (token != null && this.clock.instant().isBefore(token.placement().expiresAt())) {
			tokens.add(token.token());
		}
		this.held = null;
		return tokens;
	}

	/**
	 * Stop issuing, and hand every token still valid to the revoke-on-close action if one
	 * is set; otherwise they are dropped. Called when the bean is destroyed, after the
	 * beans that depend on this provider.
	 */
	@Override
	public void close() {
		Consumer<List<AccessToken>> revoke = this.handoff.revoke();
		List<AccessToken> tokens = closeAndTakeTokens((revoke != null) ? this.handoff.closeAwait() : Duration.ZERO);
		if (revoke != null && !tokens.isEmpty()) {
			revoke.accept(tokens);
		}
	}

	/**
	 * A cached token and where it stands on this machine's clock.
	 */
	private record Held(AccessToken token, TokenTimeline.Placement placement) {

	}

}
