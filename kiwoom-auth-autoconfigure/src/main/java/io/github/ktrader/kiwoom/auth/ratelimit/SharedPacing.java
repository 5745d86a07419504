package io.github.ktrader.kiwoom.auth.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Pacing on the buckets every instance on the key shares (cluster mode): reservations and
 * refusals go to the shared store, an allowance another instance learned lowers this
 * instance's bucket too, and while the store cannot be reached each instance paces on its
 * own at the allowance divided by the members last seen live. Thread-safe.
 */
final class SharedPacing {

	private static final Log logger = LogFactory.getLog(SharedPacing.class);

	/**
	 * How long calls pace locally after the shared store failed before it is tried again.
	 */
	private static final long RETRY_NANOS = 5_000_000_000L;

	private final String account;

	private final SharedPermits shared;

	private final LongSupplier ticker;

	private final ConcurrentMap<String, GcraBucket> fallback = new ConcurrentHashMap<>();

	private volatile boolean down;

	private volatile long retryAt;

	SharedPacing(String account, SharedPermits shared, LongSupplier ticker) {
		this.account = account;
		this.shared = shared;
		this.ticker = ticker;
	}

	long reserve(String apiId, GcraBucket total, GcraBucket perApi, long maxWait) {
		if (this.down && this.ticker.getAsLong() - this.retryAt < 0) {
			// Not every call should wait for a Redis that is down to time out
			return reserveFallback(apiId, total, perApi, maxWait);
		}
		try {
			long keyWide = reserveShared(KiwoomRateLimiter.KEY_WIDE, total, maxWait);
			if (keyWide < 0) {
				return -1;
			}
			long wait = reserveShared(apiId, perApi, maxWait);
			GcraBucket group = perApi.group();
			if (wait >= 0 && group != null) {
				long inGroup = reserveShared(LearnedGroups.name(group), group, maxWait);
				wait = (inGroup < 0) ? -1 : Math.max(wait, inGroup);
			}
			if (this.down) {
				this.down = false;
				this.fallback.clear();
				logger.info("Kiwoom account '" + this.account + "': shared rate limits are reachable again");
			}
			return (wait < 0) ? -1 : Math.max(keyWide, wait);
		}
		catch (RuntimeException ex) {
			this.retryAt = this.ticker.getAsLong() + RETRY_NANOS;
			if (!this.down) {
				this.down = true;
				logger.warn("Kiwoom account '" + this.account + "': shared rate limits are unreachable ("
						+ ex.getClass().getSimpleName() + "); this instance paces alone at 1/"
						+ Math.max(1, this.shared.liveMembers()) + " of the allowance until they are back");
			}
			return reserveFallback(apiId, total, perApi, maxWait);
		}
	}

	private long reserveShared(String name, GcraBucket bucket, long maxWait) {
		long wait = this.shared.reserve(name, bucket.allowance(), bucket.learned(), maxWait);
		learn(name, bucket);
		return wait;
	}

	private void learn(String name, GcraBucket bucket) {
		int learned = this.shared.learned(name);
		if (learned > 0 && bucket.lowerTo(learned)) {
			logger.info("Kiwoom account '" + this.account + "': another instance on the key learned that Kiwoom allows "
					+ learned + " call(s) per second for "
					+ (KiwoomRateLimiter.KEY_WIDE.equals(name) ? "the whole app key" : name) + "; pacing at " + learned
					+ " from now on");
		}
	}

	private long reserveFallback(String apiId, GcraBucket total, GcraBucket perApi, long maxWait) {
		int members = Math.max(1, this.shared.liveMembers());
		return GcraBucket.reserve(fallbackBucket(KiwoomRateLimiter.KEY_WIDE, total, members),
				fallbackBucket(apiId, perApi, members), this.ticker.getAsLong(), maxWait);
	}

	private GcraBucket fallbackBucket(String name, GcraBucket shared, int members) {
		return this.fallback.computeIfAbsent(name,
				(key) -> new GcraBucket(shared.allowance().dividedBy(members), this.ticker.getAsLong()));
	}

	/**
	 * A call waited for a permit of a bucket whose allowance this instance never learned:
	 * read what the other instances learned meanwhile, so that the call reserves again at
	 * it rather than go out at the configured pace. One round trip, and none once this
	 * instance paces at a learned allowance.
	 */
	void refresh(String apiId, GcraBucket total, GcraBucket perApi) {
		if (this.down || perApi.learned() > 0) {
			return;
		}
		try {
			this.shared.refresh(apiId);
			learn(KiwoomRateLimiter.KEY_WIDE, total);
			learn(apiId, perApi);
		}
		catch (RuntimeException ex) {
			// The next reservation falls back
		}
	}

	/**
	 * Tell the other instances of a refusal and of the allowance Kiwoom stated; while the
	 * store is down the local bucket holds it.
	 */
	void refused(String name, GcraBucket bucket, int stated) {
		if (this.down) {
			return;
		}
		try {
			this.shared.refused(name, bucket.allowance(), stated);
		}
		catch (RuntimeException ex) {
			// The local bucket holds the refusal; the next reservation falls back
		}
	}

}
