package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

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
 * <b>Lookup.</b> {@link #getAccessToken()} reads one field: no lock, no clock, no
 * allocation. The field is kept current by two timers per token: a renewal timer
 * {@code renewBefore} (less a little jitter) ahead of {@code expires_dt}, and an expiry
 * timer at {@code expires_dt} that drops the token if it is still cached. Should a timer
 * run late, Kiwoom answers 8005 and {@link #renewRejected(AccessToken)} is the safety
 * net.
 * <p>
 * <b>Issuing.</b> At most one au10001 is in flight at a time: callers that find no token
 * wait on one lock while the first of them issues. While a token is cached, callers never
 * wait, not even during a renewal.
 * <p>
 * <b>Renewal.</b> A failed renewal keeps the old token in service and is retried with an
 * exponential back-off until the token expires. If Kiwoom hands back the same token (it
 * may, while that token is still valid), it is kept until it expires and a new one is
 * issued then. A renewal is never scheduled before half of the token's remaining lifetime
 * has passed, so a short-lived token cannot cause a burst of issues.
 * <p>
 * <b>Rejection.</b> {@link #renewRejected(AccessToken)} drops the rejected token only if
 * it is still the cached one, so a burst of 8005 answers for one token causes one issue.
 * <p>
 * <b>Closing.</b> {@link #closeAndTakeTokens(Duration)} cancels the timers, waits a
 * bounded time for an issue in flight, and returns the tokens still valid so that they
 * can be revoked; afterwards no token is issued or handed out, and a token Kiwoom issues
 * after closing began is kept for revocation instead.
 *
 * @since 0.1.0
 */
public final class CachingAccessTokenProvider implements AccessTokenProvider, AutoCloseable {

	private static final Log logger = LogFactory.getLog(CachingAccessTokenProvider.class);

	private static final Duration MIN_VALIDITY = Duration.ofSeconds(30);

	private final TokenIssuer issuer;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final Duration renewBefore;

	private final Duration renewJitter;

	private final BackOff renewalBackOff;

	private final AtomicReference<@Nullable AccessToken> current = new AtomicReference<>();

	private final ReentrantLock issueLock = new ReentrantLock();

	private volatile @Nullable AccessToken held;

	private volatile @Nullable AccessToken issuedAfterClose;

	private volatile @Nullable ScheduledFuture<?> renewalTask;

	private volatile @Nullable ScheduledFuture<?> expiryTask;

	private volatile boolean closed;

	private volatile boolean renewing;

	private volatile IssueReason nextIssueReason = IssueReason.FIRST_USE;

	private volatile @Nullable RuntimeException lastFailure;

	private volatile @Nullable Instant lastFailureAt;

	private volatile @Nullable RuntimeException renewalFailure;

	private volatile AccessTokenListener listener = AccessTokenListener.NONE;

	/**
	 * Create a provider.
	 * @param issuer the issuer used for every new token
	 * @param scheduler the scheduler that runs renewals and expiries; its clock must
	 * agree with {@code clock}
	 * @param clock the clock that tells when a token expires
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
	 * @param clock the clock that tells when a token expires
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
		this.scheduler = scheduler;
		this.clock = clock;
		this.renewBefore = renewBefore;
		this.renewJitter = renewJitter;
		this.renewalBackOff = renewalBackOff;
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

	@Override
	public AccessToken getAccessToken() {
		AccessToken token = this.current.get();
		return (token != null) ? token : issueOrAwait();
	}

	@Override
	public AccessToken renewRejected(AccessToken rejected) {
		if (this.current.compareAndSet(rejected, null)) {
			this.nextIssueReason = IssueReason.REJECTED;
			logger.info("Kiwoom rejected access token " + rejected.masked() + "; issuing a new one");
			this.listener.rejected(rejected);
		}
		return getAccessToken();
	}

	/**
	 * Return the token currently cached, without issuing one.
	 * @return the cached token, or empty if none is cached
	 */
	public Optional<AccessToken> currentToken() {
		return Optional.ofNullable(this.current.get());
	}

	/**
	 * Return where the token stands, for health checks.
	 * @return a snapshot of the provider's state
	 */
	public AccessTokenState state() {
		AccessToken token = this.current.get();
		AccessTokenState.Status status;
		if (this.closed) {
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
			status = (this.held != null) ? AccessTokenState.Status.EXPIRED : AccessTokenState.Status.NOT_ISSUED;
		}
		RuntimeException failure = (token != null && this.renewalFailure != null) ? this.renewalFailure
				: this.lastFailure;
		return new AccessTokenState(status, token, failure, (failure != null) ? this.lastFailureAt : null);
	}

	/**
	 * Return whether {@link #close()} has been called.
	 * @return {@code true} once closed
	 */
	public boolean isClosed() {
		return this.closed;
	}

	private AccessToken issueOrAwait() {
		this.issueLock.lock();
		try {
			AccessToken token = this.current.get();
			if (token != null) {
				return token;
			}
			assertOpen();
			IssueReason reason = this.nextIssueReason;
			AccessToken issued = issue(reason, null);
			if (!install(issued)) {
				// Kiwoom answered after shutdown began: keep the token for revocation,
				// hand out none
				throw closedException();
			}
			logger.info("Issued Kiwoom access token " + issued);
			return issued;
		}
		finally {
			this.issueLock.unlock();
		}
	}

	/**
	 * Call the issuer, recording the outcome for {@link #state()} and the listener.
	 * Kiwoom handing back the token being replaced is no new token, so the listener is
	 * not told.
	 */
	private AccessToken issue(IssueReason reason, @Nullable AccessToken replacing) {
		long start = System.nanoTime();
		try {
			AccessToken token = this.issuer.issue();
			this.lastFailure = null;
			this.renewalFailure = null;
			if (!isSameToken(token, replacing)) {
				this.listener.issued(token, reason, Duration.ofNanos(System.nanoTime() - start));
			}
			return token;
		}
		catch (RuntimeException ex) {
			if (reason == IssueReason.RENEWAL) {
				this.renewalFailure = ex;
			}
			else {
				this.lastFailure = ex;
			}
			this.lastFailureAt = this.clock.instant();
			this.listener.issueFailed(ex, reason, Duration.ofNanos(System.nanoTime() - start));
			throw ex;
		}
	}

	private static boolean isSameToken(AccessToken fresh, @Nullable AccessToken replacing) {
		return replacing != null && fresh.value().equals(replacing.value())
				&& !fresh.expiresAt().isAfter(replacing.expiresAt());
	}

	private void assertOpen() {
		if (this.closed) {
			throw closedException();
		}
	}

	private static KiwoomAuthException closedException() {
		return new KiwoomAuthException(KiwoomErrorKind.CLOSED, KiwoomErrorKind.CLOSED.advice(), null);
	}

	/**
	 * Cache the token and start its timers, unless closed: then it is only kept for
	 * revocation. Called with the issue lock held; synchronized with
	 * {@link #closeAndTakeTokens(Duration)}.
	 */
	private synchronized boolean install(AccessToken token) {
		if (this.closed) {
			this.issuedAfterClose = token;
			return false;
		}
		Instant now = this.clock.instant();
		Instant expiry = token.expiresAt();
		if (!expiry.isAfter(now.plus(MIN_VALIDITY))) {
			logger.warn("Kiwoom access token " + token + " expires within " + MIN_VALIDITY.toSeconds()
					+ "s by this machine's clock; is the clock right? Keeping it until Kiwoom rejects it");
			expiry = now.plus(MIN_VALIDITY);
		}
		cancelTimers();
		this.held = token;
		this.current.set(token);
		this.expiryTask = this.scheduler.schedule(() -> expire(token), expiry);
		scheduleRenewal(token, renewalTime(now, expiry), this.renewalBackOff.start());
		return true;
	}

	private Instant renewalTime(Instant now, Instant expiry) {
		long jitterMillis = this.renewJitter.toMillis();
		Duration jitter = Duration
			.ofMillis((jitterMillis > 0) ? ThreadLocalRandom.current().nextLong(jitterMillis + 1) : 0);
		Instant planned = expiry.minus(this.renewBefore).minus(jitter);
		Instant halfway = now.plus(Duration.between(now, expiry).dividedBy(2));
		return planned.isBefore(halfway) ? halfway : planned;
	}

	private void scheduleRenewal(AccessToken token, Instant at, BackOffExecution backOff) {
		this.renewalTask = this.scheduler.schedule(() -> renew(token, backOff), at);
	}

	private void renew(AccessToken stale, BackOffExecution backOff) {
		this.issueLock.lock();
		try {
			if (this.closed || this.current.get() != stale) {
				return;
			}
			AccessToken fresh;
			this.renewing = true;
			try {
				fresh = issue(IssueReason.RENEWAL, stale);
			}
			catch (RuntimeException ex) {
				retryRenewal(stale, backOff, ex);
				return;
			}
			finally {
				this.renewing = false;
			}
			if (isSameToken(fresh, stale)) {
				logger.info("Kiwoom returned the current access token " + stale.masked()
						+ " again; a new one will be issued when it expires");
				return;
			}
			if (install(fresh)) {
				logger.info("Renewed Kiwoom access token " + stale.masked() + " with " + fresh);
			}
		}
		finally {
			this.issueLock.unlock();
		}
	}

	private void retryRenewal(AccessToken stale, BackOffExecution backOff, RuntimeException ex) {
		if (this.closed) {
			return;
		}
		long delay = backOff.nextBackOff();
		Instant retryAt = this.clock.instant().plusMillis(Math.max(delay, 0));
		boolean retry = delay != BackOffExecution.STOP && retryAt.isBefore(stale.expiresAt());
		logger.warn("Renewing Kiwoom access token " + stale.masked() + " failed; still serving it until "
				+ stale.expiresAt().atZone(AccessToken.KIWOOM_ZONE).toOffsetDateTime() + ". "
				+ (retry ? "Retrying at " + retryAt : "Not retrying before it expires") + ": " + ex.getMessage());
		if (retry) {
			scheduleRenewal(stale, retryAt, backOff);
		}
	}

	private void expire(AccessToken token) {
		if (this.current.compareAndSet(token, null)) {
			this.nextIssueReason = IssueReason.EXPIRED;
			this.renewalFailure = null;
			logger.info("Kiwoom access token " + token + " expired; the next call issues a new one");
		}
	}

	/**
	 * Stop renewing and issuing. Returns the token this provider issued and still holds,
	 * if it has not expired by the clock, so that the caller can revoke it. Never waits
	 * for an issue in flight: see {@link #closeAndTakeTokens(Duration)}.
	 * @return the token to revoke, if any
	 */
	public Optional<AccessToken> closeAndTakeToken() {
		return closeAndTakeTokens(Duration.ZERO).stream().findFirst();
	}

	/**
	 * Stop renewing and issuing, wait up to {@code awaitIssue} for an au10001 in flight
	 * to finish, and return every token this provider issued that has not expired by the
	 * clock: the one it holds and one that Kiwoom issued after closing began, so that the
	 * caller can revoke them. The wait is bounded so that a hung Kiwoom cannot hold up
	 * shutdown.
	 * @param awaitIssue the longest time to wait for an issue in flight
	 * @return the tokens to revoke, the held one first; empty if none
	 */
	public List<AccessToken> closeAndTakeTokens(Duration awaitIssue) {
		synchronized (this) {
			this.closed = true;
			cancelTimers();
		}
		boolean locked = false;
		try {
			locked = this.issueLock.tryLock(awaitIssue.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			return takeTokens();
		}
		finally {
			if (locked) {
				this.issueLock.unlock();
			}
		}
	}

	private synchronized List<AccessToken> takeTokens() {
		Instant now = this.clock.instant();
		List<AccessToken> tokens = new ArrayList<>(2);
		for (AccessToken token : new AccessToken[] { this.held, this.issuedAfterClose }) {
			if (token != null && !token.isExpiredAt(now) && !tokens.contains(token)) {
				tokens.add(token);
			}
		}
		this.held = null;
		this.issuedAfterClose = null;
		this.current.set(null);
		return tokens;
	}

	@Override
	public void close() {
		closeAndTakeToken();
	}

	private void cancelTimers() {
		cancel(this.renewalTask);
		cancel(this.expiryTask);
		this.renewalTask = null;
		this.expiryTask = null;
	}

	private static void cancel(@Nullable ScheduledFuture<?> task) {
		if (task != null) {
			task.cancel(false);
		}
	}

}
