package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Keeps a member in step with the shared token store every third of the lease: adopts the
 * stored token when it differs from the cached one (the store holds the most recently
 * issued token, by epoch), publishes a token this instance issued while the store was
 * unreachable, and puts the cached token back with its own epoch, together with this
 * membership, when the store lost it (Redis restarted empty), under the issue lock; the
 * store refuses to put back a token older than one it held since.
 */
final class ClusterReconciler implements AutoCloseable {

	private final TokenLog logger;

	private final SharedTokenStore store;

	private final Clock clock;

	private final Duration lease;

	private final ScheduledExecutorService scheduler;

	/**
	 * A token this instance issued that the store has not taken yet.
	 */
	private volatile @Nullable AccessToken unpublished;

	private volatile boolean stopped;

	ClusterReconciler(SharedTokenStore store, Clock clock, Duration lease, TokenLog logger) {
		this.logger = logger;
		this.store = store;
		this.clock = clock;
		this.lease = lease;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("kiwoom-cluster-");
		threads.setDaemon(true);
		this.scheduler = Executors.newSingleThreadScheduledExecutor(threads);
	}

	void start(Consumer<AccessToken> adopt, Supplier<@Nullable AccessToken> current) {
		long period = Math.max(this.lease.toMillis() / 3, 1);
		this.scheduler.scheduleWithFixedDelay(() -> reconcile(adopt, current), period, period, TimeUnit.MILLISECONDS);
	}

	/**
	 * Remember a token issued while the store did not answer, to publish it later.
	 */
	void unpublished(AccessToken token) {
		this.unpublished = token;
	}

	/**
	 * Forget the unpublished token if Kiwoom rejected it: never to be put in the store.
	 */
	void rejected(@Nullable AccessToken rejected) {
		AccessToken pending = this.unpublished;
		if (pending != null && rejected != null && pending.value().equals(rejected.value())) {
			this.unpublished = null;
		}
	}

	/**
	 * Catch up with the store once.
	 */
	void reconcile(Consumer<AccessToken> adopt, Supplier<@Nullable AccessToken> current) {
		if (this.stopped) {
			return;
		}
		try {
			AccessToken mine = current.get();
			Optional<AccessToken> shared = this.store.read();
			AccessToken pending = this.unpublished;
			if (shared.isPresent()) {
				AccessToken token = shared.get();
				if (mine != null && !token.equals(mine) && mine.equals(pending)) {
					// Issued while the store was unreachable, after the stored one: the
					// most recently issued token, published with the next epoch
					this.store.publish(mine);
				}
				else if (!token.equals(mine)) {
					// The store holds the most recently issued token (the epoch decides,
					// never the expiry): follow it
					adopt.accept(token);
				}
				this.unpublished = null;
				return;
			}
			AccessToken candidate = (mine != null) ? mine : pending;
			if (candidate == null || candidate.isExpiredAt(this.clock.instant())) {
				return;
			}
			Optional<SharedTokenStore.IssueLock> lock = this.store.tryLock();
			if (lock.isPresent()) {
				try (SharedTokenStore.IssueLock held = lock.get()) {
					if (this.store.read().isEmpty() && this.store.restore(candidate)) {
						this.logger.info("Cluster mode: the shared token store had no token; published access token "
								+ candidate.masked() + " that this instance holds");
					}
				}
			}
			this.unpublished = null;
		}
		catch (SharedTokenStoreException ex) {
			this.logger.debug("Cluster mode: shared token store unreachable: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			this.logger.warn("Cluster mode: catching up with the shared token store failed: " + ex);
		}
	}

	boolean isStopped() {
		return this.stopped;
	}

	@Override
	public void close() {
		this.stopped = true;
		this.scheduler.shutdownNow();
	}

}
