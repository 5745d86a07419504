package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Where a provider in cluster mode gets a new token: the shared one when it is usable,
 * else an au10001 under the cluster's issue lock, published for the siblings.
 * <p>
 * <b>Store unreachable.</b> A renewal keeps the cached token (the provider retries it). A
 * caller that has no token gets one issued for this instance alone, at most once per
 * lease, logged; meanwhile further needs fail with {@link KiwoomErrorKind#IO_ERROR}, so
 * an outage cannot turn into an issue storm. Such a token is published once the store
 * answers again; a token the store lost (Redis restarted empty) is published again by
 * whichever member finds it missing first, under the lock, rather than issued anew
 * ({@link ClusterReconciler}).
 * <p>
 * <b>Closing.</b> Once the context closes ({@link #closing()}), a call gets the shared
 * token or fails with {@link KiwoomErrorKind#CLOSED}: nothing is issued, not even with
 * the store unreachable, since other members may still use the cluster's token and a new
 * one could kill it.
 */
final class ClusterTokenSource {

	private final TokenLog logger;

	/**
	 * Added to the lease when waiting for the lock: a dead holder's lease ends first.
	 */
	private static final Duration LOCK_MARGIN = Duration.ofMillis(500);

	private final SharedTokenStore store;

	private final TokenIssuer issuer;

	private final Clock clock;

	private final Duration lease;

	private final ClusterReconciler reconciler;

	private final Object fallbackMonitor = new Object();

	private long fallbackAtNanos;

	private boolean fellBack;

	private volatile boolean closing;

	/**
	 * The last token this instance issued and published, never adopted as a sibling's.
	 */
	private volatile @Nullable AccessToken ownIssue;

	private volatile boolean droppedOut;

	private final Function<RuntimeException, Duration> coolDown;

	ClusterTokenSource(SharedTokenStore store, TokenIssuer issuer, Clock clock, Duration lease,
			ClusterReconciler reconciler, Function<RuntimeException, Duration> coolDown, TokenLog logger) {
		this.logger = logger;
		this.store = store;
		this.issuer = issuer;
		this.clock = clock;
		this.lease = lease;
		this.reconciler = reconciler;
		this.coolDown = coolDown;
	}

	/**
	 * Whether the token is the one this instance issued last, not a sibling's.
	 */
	boolean isOwnIssue(AccessToken token) {
		return token.equals(this.ownIssue);
	}

	SharedTokenStore.Health health() {
		return this.store.health();
	}

	/**
	 * Get a new token: the shared one if usable, else one issued under the lock.
	 * @param replacing the token a renewal replaces, or {@code null} when none is cached
	 * @param rejected the token Kiwoom last rejected, never to be taken back
	 */
	Fetched fetch(@Nullable AccessToken replacing, @Nullable AccessToken rejected) {
		this.reconciler.rejected(rejected);
		return fetch(replacing, rejected, true);
	}

	/**
	 * The context closes: from now on serve the shared token only, never issue.
	 */
	void closing() {
		this.closing = true;
	}

	private Fetched fetch(@Nullable AccessToken replacing, @Nullable AccessToken rejected, boolean firstTry) {
		if (this.closing) {
			return sharedWhileClosing(replacing, rejected);
		}
		try {
			AccessToken shared = usable(this.store.read(), replacing, rejected);
			if (shared != null) {
				return new Fetched(shared, false);
			}
			if (rejected != null) {
				this.store.drop(rejected);
			}
			coolingDown();
			Optional<SharedTokenStore.IssueLock> lock = this.store.awaitLock(this.lease.plus(LOCK_MARGIN));
			if (lock.isEmpty()) {
				shared = usable(this.store.read(), replacing, rejected);
				if (shared != null) {
					return new Fetched(shared, false);
				}
				throw new KiwoomAuthException(KiwoomErrorKind.IO_ERROR,
						"Cluster mode: another instance held the issue lock for longer than kiwoom.token.redis.lease ("
								+ this.lease + ") without publishing a token; if no instance died, its au10001 "
								+ "sequence (attempts and the pacing waits between them) outlasted the lease: "
								+ "raise kiwoom.token.redis.lease",
						null);
			}
			try (SharedTokenStore.IssueLock held = lock.get()) {
				shared = usable(this.store.read(), replacing, rejected);
				if (shared != null) {
					return new Fetched(shared, false);
				}
				coolingDown();
				return issueAndPublish(replacing, rejected);
			}
		}
		catch (SharedTokenStoreException ex) {
			if (replacing != null) {
				throw new KiwoomAuthException(KiwoomErrorKind.IO_ERROR,
						"Cluster mode: the shared token store is unreachable (" + ex.getMessage()
								+ "); keeping the cached token",
						ex);
			}
			if (firstTry) {
				// One slow answer is not an outage: a token of our own would kill the
				// cluster's
				return fetch(null, rejected, false);
			}
			return fallback(ex);
		}
	}

	private Fetched sharedWhileClosing(@Nullable AccessToken replacing, @Nullable AccessToken rejected) {
		String reason;
		try {
			AccessToken shared = usable(this.store.read(), replacing, rejected);
			if (shared != null) {
				return new Fetched(shared, false);
			}
			reason = "the cluster holds no usable token";
		}
		catch (SharedTokenStoreException ex) {
			reason = "the shared token store is unreachable (" + ex.getMessage() + ")";
		}
		throw new KiwoomAuthException(KiwoomErrorKind.CLOSED, "Cluster mode: the application context is closing and "
				+ reason + "; not issuing a token that could kill the one the other instances use", null);
	}

	/**
	 * Fail fast while the cluster cools down after an au10001 sequence failed, with the
	 * kind of error that sequence met, as this instance's own cool-down would.
	 */
	private void coolingDown() {
		Optional<SharedTokenStore.IssueFailure> failure = this.store.issueFailure();
		if (failure.isPresent()) {
			throw new ClusterCoolDownException(kindOf(failure.get().kind()), failure.get().remaining());
		}
	}

	private static KiwoomErrorKind kindOf(String name) {
		for (KiwoomErrorKind kind : KiwoomErrorKind.values()) {
			if (kind.name().equals(name)) {
				return kind;
			}
		}
		return KiwoomErrorKind.OTHER;
	}

	/**
	 * Issue under the lock; a failure is marked in the store before the lock is released,
	 * so that the instances waiting for the lock fail fast instead of issuing in turn.
	 */
	private AccessToken issueUnderLock() {
		try {
			return this.issuer.issue();
		}
		catch (RuntimeException ex) {
			KiwoomErrorKind kind = (ex instanceof KiwoomAuthException kiwoom) ? kiwoom.getKind()
					: KiwoomErrorKind.OTHER;
			if (kind.isFatal()) {
				// Wrong keys, wrong environment, an unregistered IP: this member's own
				// trouble, not the cluster's; it stops counting as a member so that the
				// last working member out still revokes
				dropOut(kind);
			}
			else if (!(ex instanceof ClusterCoolDownException)) {
				try {
					this.store.markIssueFailed(kind.name(), this.coolDown.apply(ex));
				}
				catch (SharedTokenStoreException storeDown) {
					this.logger.debug("Cluster mode: could not share the au10001 failure: " + storeDown.getMessage());
				}
			}
			throw ex;
		}
	}

	private void dropOut(KiwoomErrorKind kind) {
		if (kind == KiwoomErrorKind.CLOSED || this.droppedOut) {
			return;
		}
		this.droppedOut = true;
		try {
			this.store.leave(false);
			this.logger
				.warn("Cluster mode: au10001 failed with " + kind + " for this instance's keys; it no longer counts "
						+ "as a member of the cluster, so that the last working member out revokes the shared token");
		}
		catch (SharedTokenStoreException ex) {
			this.logger.debug("Cluster mode: could not leave after " + kind + ": " + ex.getMessage());
		}
	}

	/**
	 * Whether this instance stopped counting as a member after a fatal au10001 failure:
	 * it must not take the shared token at shutdown.
	 */
	boolean hasDroppedOut() {
		return this.droppedOut;
	}

	private Fetched issueAndPublish(@Nullable AccessToken replacing, @Nullable AccessToken rejected) {
		AccessToken issued = issueUnderLock();
		this.ownIssue = issued;
		try {
			if (!this.store.publish(issued)) {
				AccessToken newer = usable(this.store.read(), replacing, rejected);
				if (newer != null) {
					return new Fetched(newer, false);
				}
			}
		}
		catch (SharedTokenStoreException ex) {
			this.reconciler.unpublished(issued);
			this.logger.warn("Cluster mode: could not publish access token " + issued.masked()
					+ " to the shared token store (" + ex.getMessage() + "); publishing it once the store answers");
		}
		return new Fetched(issued, true);
	}

	private Fetched fallback(SharedTokenStoreException ex) {
		synchronized (this.fallbackMonitor) {
			long now = System.nanoTime();
			if (this.fellBack && now - this.fallbackAtNanos < this.lease.toNanos()) {
				throw new KiwoomAuthException(KiwoomErrorKind.IO_ERROR,
						"Cluster mode: the shared token store is " + "unreachable (" + ex.getMessage()
								+ ") and this instance already issued a token of its own "
								+ "within kiwoom.token.redis.lease (" + this.lease + "); not issuing another meanwhile",
						ex);
			}
			this.fellBack = true;
			this.fallbackAtNanos = now;
		}
		this.logger.warn("Cluster mode: the shared token store is unreachable (" + ex.getMessage()
				+ "); issuing a token for this instance only (at most once per kiwoom.token.redis.lease), "
				+ "to be published once the store answers");
		AccessToken issued = this.issuer.issue();
		this.reconciler.unpublished(issued);
		return new Fetched(issued, true);
	}

	private @Nullable AccessToken usable(Optional<AccessToken> shared, @Nullable AccessToken replacing,
			@Nullable AccessToken rejected) {
		if (shared.isEmpty()) {
			return null;
		}
		AccessToken token = shared.get();
		if (rejected != null && token.value().equals(rejected.value())) {
			return null;
		}
		// The store holds the most recently issued token (ordered by epoch, never by
		// expiry): any other token than the one being replaced is newer
		if (replacing != null && token.value().equals(replacing.value())) {
			return null;
		}
		return token.isExpiredAt(this.clock.instant()) ? null : token;
	}

	/**
	 * A token for the provider.
	 *
	 * @param token the token
	 * @param issued whether this instance issued it (au10001), rather than adopting a
	 * sibling's
	 */
	record Fetched(AccessToken token, boolean issued) {

	}

}
