package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Where a provider in cluster mode gets a new token: the shared one when it is usable,
 * else an au10001 under the cluster's issue lock, published for the siblings.
 * <p>
 * <b>Store unreachable.</b> A renewal keeps the cached token (the provider retries it). A
 * caller that has no token gets one issued for this instance alone, at most once per
 * lease, logged; meanwhile further needs fail with {@link KiwoomErrorKind#IO_ERROR}, so
 * an outage cannot turn into an issue storm. Such a token is published once the store
 * answers again; a token the store lost (Redis restarted empty) is published again by
 * whichever member finds it missing first, under the lock, rather than issued anew.
 */
final class ClusterTokenSource implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ClusterTokenSource.class);

	/**
	 * Added to the lease when waiting for the lock: a dead holder's lease ends first.
	 */
	private static final Duration LOCK_MARGIN = Duration.ofMillis(500);

	private final SharedTokenStore store;

	private final TokenIssuer issuer;

	private final Clock clock;

	private final Duration lease;

	private final ScheduledExecutorService reconciler;

	private final Object fallbackMonitor = new Object();

	private long fallbackAtNanos;

	private boolean fellBack;

	private volatile @Nullable AccessToken unpublished;

	/**
	 * The last token this instance issued and published, never adopted as a sibling's.
	 */
	private volatile @Nullable AccessToken ownIssue;

	private volatile SharedTokenStore.@Nullable Subscription subscription;

	private volatile boolean left;

	ClusterTokenSource(SharedTokenStore store, TokenIssuer issuer, Clock clock, Duration lease) {
		this.store = store;
		this.issuer = issuer;
		this.clock = clock;
		this.lease = lease;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("kiwoom-cluster-");
		threads.setDaemon(true);
		this.reconciler = Executors.newSingleThreadScheduledExecutor(threads);
	}

	/**
	 * Join the cluster and follow its token. Never fails: with the store down, the
	 * membership is taken up by the store's heartbeats once it is back.
	 * @param adopt installs a sibling's token
	 * @param current the token cached now
	 */
	void start(Consumer<AccessToken> adopt, Supplier<@Nullable AccessToken> current) {
		try {
			this.store.join();
		}
		catch (SharedTokenStoreException ex) {
			logger.warn("Cluster mode: the shared token store is unreachable at startup (" + ex.getMessage()
					+ "); this instance joins once it answers");
		}
		// The announcement of a token this instance issued comes back to it too, and the
		// store holds it before the issue that published it has installed it here:
		// neither
		// is a sibling's token to adopt
		Consumer<AccessToken> siblings = (token) -> {
			if (!token.equals(this.ownIssue)) {
				adopt.accept(token);
			}
		};
		this.subscription = this.store.subscribe(siblings);
		long period = Math.max(this.lease.toMillis() / 3, 1);
		this.reconciler.scheduleWithFixedDelay(() -> reconcile(siblings, current), period, period,
				TimeUnit.MILLISECONDS);
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
		AccessToken pending = this.unpublished;
		if (pending != null && rejected != null && pending.value().equals(rejected.value())) {
			// Kiwoom no longer takes it: never to be put in the store
			this.unpublished = null;
		}
		return fetch(replacing, rejected, true);
	}

	private Fetched fetch(@Nullable AccessToken replacing, @Nullable AccessToken rejected, boolean firstTry) {
		try {
			AccessToken shared = usable(this.store.read(), replacing, rejected);
			if (shared != null) {
				return new Fetched(shared, false);
			}
			if (rejected != null) {
				this.store.drop(rejected);
			}
			Optional<SharedTokenStore.IssueLock> lock = this.store.awaitLock(this.lease.plus(LOCK_MARGIN));
			if (lock.isEmpty()) {
				shared = usable(this.store.read(), replacing, rejected);
				if (shared != null) {
					return new Fetched(shared, false);
				}
				throw new KiwoomAuthException(KiwoomErrorKind.IO_ERROR,
						"Cluster mode: another instance held the issue lock for longer than kiwoom.token.redis.lease ("
								+ this.lease + ") without publishing a token",
						null);
			}
			try (SharedTokenStore.IssueLock held = lock.get()) {
				shared = usable(this.store.read(), replacing, rejected);
				if (shared != null) {
					return new Fetched(shared, false);
				}
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

	private Fetched issueAndPublish(@Nullable AccessToken replacing, @Nullable AccessToken rejected) {
		AccessToken issued = this.issuer.issue();
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
			this.unpublished = issued;
			logger.warn("Cluster mode: could not publish access token " + issued.masked()
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
		logger.warn("Cluster mode: the shared token store is unreachable (" + ex.getMessage()
				+ "); issuing a token for this instance only (at most once per kiwoom.token.redis.lease), "
				+ "to be published once the store answers");
		AccessToken issued = this.issuer.issue();
		this.unpublished = issued;
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
		if (replacing != null
				&& (token.value().equals(replacing.value()) || token.expiresAt().isBefore(replacing.expiresAt()))) {
			return null;
		}
		return token.isExpiredAt(this.clock.instant()) ? null : token;
	}

	/**
	 * Catch up with the store now and then: adopt a token whose message was missed,
	 * publish a token issued while the store was down, or put the cached token back when
	 * the store lost it.
	 */
	void reconcile(Consumer<AccessToken> adopt, Supplier<@Nullable AccessToken> current) {
		if (this.left) {
			return;
		}
		try {
			AccessToken mine = current.get();
			Optional<AccessToken> shared = this.store.read();
			if (shared.isPresent()) {
				AccessToken token = shared.get();
				if (mine == null || (!token.equals(mine) && !token.expiresAt().isBefore(mine.expiresAt()))) {
					adopt.accept(token);
				}
				else if (!token.equals(mine)) {
					this.store.publish(mine);
				}
				this.unpublished = null;
				return;
			}
			AccessToken candidate = (mine != null) ? mine : this.unpublished;
			if (candidate == null || candidate.isExpiredAt(this.clock.instant())) {
				return;
			}
			Optional<SharedTokenStore.IssueLock> lock = this.store.tryLock();
			if (lock.isPresent()) {
				try (SharedTokenStore.IssueLock held = lock.get()) {
					if (this.store.read().isEmpty() && this.store.publish(candidate)) {
						logger.info("Cluster mode: the shared token store had no token; published access token "
								+ candidate.masked() + " that this instance holds");
					}
				}
			}
			this.unpublished = null;
		}
		catch (SharedTokenStoreException ex) {
			logger.debug("Cluster mode: shared token store unreachable: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.warn("Cluster mode: catching up with the shared token store failed: " + ex);
		}
	}

	/**
	 * Leave the cluster and return the token to revoke, only if this instance was the
	 * last one out. With the store unreachable nothing is revoked: others may hold it.
	 */
	Optional<AccessToken> leave() {
		if (this.left) {
			return Optional.empty();
		}
		this.left = true;
		stopFollowing();
		try {
			Optional<AccessToken> token = this.store.leave();
			if (token.isEmpty()) {
				logger.info("Cluster mode: left the cluster; the shared token stays with the other instances");
			}
			return token;
		}
		catch (SharedTokenStoreException ex) {
			logger.warn("Cluster mode: the shared token store is unreachable at shutdown (" + ex.getMessage()
					+ "); not revoking the shared token, which other instances may still use. "
					+ "This instance's membership ends with kiwoom.token.redis.lease");
			return Optional.empty();
		}
		catch (RuntimeException ex) {
			logger.warn("Cluster mode: leaving the cluster failed (" + ex + "); not revoking the shared token");
			return Optional.empty();
		}
	}

	private void stopFollowing() {
		this.reconciler.shutdownNow();
		SharedTokenStore.Subscription registered = this.subscription;
		if (registered != null) {
			registered.close();
		}
	}

	@Override
	public void close() {
		stopFollowing();
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
