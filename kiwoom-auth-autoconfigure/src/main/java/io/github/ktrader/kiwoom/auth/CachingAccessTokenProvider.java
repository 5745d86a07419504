package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
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
 * sooner than a quarter of the lifetime (a minute at most) after the previous renewal, so
 * that tokens of any lifetime Kiwoom states are renewed in the background.
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
 * issues after closing stopped waiting for it. In cluster mode
 * {@link #releaseTokens(Duration)} hands nothing over: the provider keeps serving the
 * shared token to beans being destroyed and issues no more, and {@link #close()} leaves
 * the cluster, revoking the shared token only as the last instance out.
 *
 * @since 0.1.0
 */
public final class CachingAccessTokenProvider implements AccessTokenProvider, AutoCloseable {

	private final ProviderParts parts;

	private final ProviderClosing closing;

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
		this.parts = new ProviderParts(issuer, scheduler, clock, renewBefore, renewJitter, renewalBackOff);
		this.closing = new ProviderClosing(this.parts);
	}

	private static BackOff defaultRenewalBackOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(1000, 2.0);
		backOff.setMaxInterval(60_000);
		return backOff;
	}

	/**
	 * Set the name of the key pair this provider serves, which its log lines end with
	 * ({@code (account 'mock')}): {@code default} unless set.
	 * @param account the pair's name, such as {@code mock} for
	 * {@code kiwoom.accounts.mock}
	 * @since 0.1.0
	 */
	public void setAccount(String account) {
		this.parts.log.setAccount(account);
	}

	/**
	 * Return the name of the key pair this provider serves.
	 * @return the pair's name, {@code default} unless set
	 * @since 0.1.0
	 */
	public String getAccount() {
		return this.parts.log.account();
	}

	/**
	 * Set the listener told about issues, failures and rejections.
	 * @param listener the listener
	 */
	public void setListener(AccessTokenListener listener) {
		Assert.notNull(listener, "Listener must not be null");
		this.parts.notices.set(listener);
	}

	/**
	 * Set how long calls fail fast after an au10001 failed: 60 s and 5 s by default.
	 * @param fatal after a failure no retry fixes (wrong keys, wrong environment,
	 * unregistered IP)
	 * @param transientFailure after any other failure (HTTP 5xx, 1700, 429, I/O)
	 */
	public void setFailureCooldown(Duration fatal, Duration transientFailure) {
		Assert.isTrue(!fatal.isNegative() && !transientFailure.isNegative(), "Cool-downs must not be negative");
		this.parts.cooldown.configure(fatal, transientFailure);
	}

	/**
	 * Set when tokens count as dying young, and how often a token may be issued once
	 * three in a row did: 2 s and 30 s by default.
	 * @param youngAge a token rejected before this age died young
	 * @param interval the shortest time between issues while tokens keep dying young
	 */
	public void setRejectionStormGuard(Duration youngAge, Duration interval) {
		Assert.isTrue(!youngAge.isNegative() && !interval.isNegative(), "Durations must not be negative");
		this.parts.stormGuard.configure(youngAge, interval);
	}

	/**
	 * Set how soon a second 8010 (a token used from another public IP), for a token
	 * issued after the first, fails calls as {@link KiwoomErrorKind#UNREGISTERED_IP}
	 * rather than being one more move of the egress IP: 10 min by default.
	 * @param window the window, positive
	 * @since 0.1.0
	 */
	public void setIpMismatchWindow(Duration window) {
		Assert.isTrue(window != null && window.compareTo(Duration.ZERO) > 0, "Window must be positive");
		this.parts.rejections.setIpMismatchWindow(window);
	}

	/**
	 * Set the longest a caller waits for an au10001 that another caller runs: the issue's
	 * own deadline, 60 s by default.
	 * @param issueWait the longest wait
	 */
	public void setIssueWait(Duration issueWait) {
		Assert.isTrue(issueWait.compareTo(Duration.ZERO) > 0, "IssueWait must be positive");
		this.parts.issuing.setIssueWait(issueWait);
	}

	/**
	 * Set what {@link #close()} does with the tokens still valid, usually a bounded
	 * revoke, and how long it waits for an au10001 in flight first.
	 * @param revoke given the tokens to revoke; must not throw and must be bounded
	 * @param awaitIssue the longest time to wait for an issue in flight
	 */
	public void setRevokeOnClose(Consumer<List<AccessToken>> revoke, Duration awaitIssue) {
		setRevokeOnClose(revoke, awaitIssue, () -> true);
	}

	/**
	 * Set what {@link #close()} does with the tokens still valid, how long it waits for
	 * an au10001 in flight first, and whether it revokes at all, asked at close: in
	 * cluster mode, the last instance out leaves the shared token in the store for the
	 * next start when it does not revoke.
	 * @param revoke given the tokens to revoke; must not throw and must be bounded
	 * @param awaitIssue the longest time to wait for an issue in flight
	 * @param enabled whether to revoke, asked when closing
	 * @since 0.1.0
	 */
	public void setRevokeOnClose(Consumer<List<AccessToken>> revoke, Duration awaitIssue, BooleanSupplier enabled) {
		Assert.notNull(revoke, "Revoke must not be null");
		Assert.notNull(awaitIssue, "AwaitIssue must not be null");
		Assert.notNull(enabled, "Enabled must not be null");
		this.parts.handoff.configure(revoke, awaitIssue, enabled);
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
		this.parts.cluster.join(store, lease, this.parts.issuing::adopt, () -> currentToken().orElse(null));
	}

	/**
	 * Return the state of the shared token store, in cluster mode.
	 * @return the store's health, or empty when tokens are not shared
	 * @since 0.1.0
	 */
	public Optional<SharedTokenStore.Health> sharedStoreHealth() {
		return this.parts.cluster.health();
	}

	@Override
	public AccessToken getAccessToken() {
		HeldToken token = this.parts.current.get();
		return (token != null) ? token.token() : this.parts.issuing.obtain();
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * A token used from another public IP than the one that issued it (8010) is dropped
	 * and re-issued once, however many calls report it: the egress IP moved. A token
	 * issued after an 8010 that is itself answered with 8010 within ten minutes is a
	 * configuration error ({@link KiwoomErrorKind#UNREGISTERED_IP}, the token dropped):
	 * calls leave through more than one public IP, and in cluster mode re-issuing would
	 * only take the token from the other members.
	 */
	@Override
	public AccessToken renewRejected(AccessToken rejected, KiwoomStatus status) {
		this.parts.rejections.checkIpMismatch(rejected, status);
		return renewRejected(rejected);
	}

	@Override
	public AccessToken renewRejected(AccessToken rejected) {
		this.parts.rejections.rejected(rejected);
		return getAccessToken();
	}

	/**
	 * Return the token currently cached, without issuing one.
	 * @return the cached token, or empty if none is cached
	 */
	public Optional<AccessToken> currentToken() {
		return Optional.ofNullable(this.parts.cachedToken());
	}

	/**
	 * Return where the token stands, for health checks.
	 * @return a snapshot of the provider's state
	 */
	public AccessTokenState state() {
		return this.parts.state();
	}

	/**
	 * Return whether {@link #close()} has been called.
	 * @return {@code true} once closed
	 */
	public boolean isClosed() {
		return this.parts.slot.isClosed();
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
		return this.closing.release(awaitIssue);
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
		return this.closing.closeAndTake(awaitIssue, true);
	}

	/**
	 * Stop issuing, and hand every token still valid to the revoke-on-close action if one
	 * is set; otherwise they are dropped. Called when the bean is destroyed, after the
	 * beans that depend on this provider.
	 */
	@Override
	public void close() {
		this.closing.close();
	}

}
