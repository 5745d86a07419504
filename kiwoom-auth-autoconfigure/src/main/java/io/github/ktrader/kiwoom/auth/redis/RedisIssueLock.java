package io.github.ktrader.kiwoom.auth.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.ktrader.kiwoom.auth.SharedTokenStore;
import io.github.ktrader.kiwoom.auth.SharedTokenStoreException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Issue lock held under a random owner id ({@code SET NX PX}); renewed and released only
 * by that owner, through compare-and-pexpire and compare-and-delete.
 * <p>
 * Renewed every third of the lease on the store's scheduler until it is closed or found
 * lost, so that an issue slower than the lease (retries against a slow Kiwoom) keeps it,
 * while a dead process, whose scheduler died with it, loses it after one lease.
 */
final class RedisIssueLock implements SharedTokenStore.IssueLock {

	private static final Log logger = LogFactory.getLog(RedisIssueLock.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisCalls calls;

	private final String owner;

	private final Duration lease;

	private final AtomicBoolean released = new AtomicBoolean();

	private volatile @Nullable ScheduledFuture<?> renewals;

	RedisIssueLock(StringRedisTemplate redis, RedisKeys keys, RedisCalls calls, String owner, Duration lease) {
		this.redis = redis;
		this.keys = keys;
		this.calls = calls;
		this.owner = owner;
		this.lease = lease;
	}

	/**
	 * Renew the lock every third of the lease until it is closed or lost.
	 */
	RedisIssueLock keepRenewed(ScheduledExecutorService scheduler) {
		long period = Math.max(1, this.lease.toMillis() / 3);
		try {
			this.renewals = scheduler.scheduleWithFixedDelay(this::scheduledRenewal, period, period,
					TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// The store is closing: the lock ends with its lease
		}
		return this;
	}

	private void scheduledRenewal() {
		try {
			if (!renew()) {
				stopRenewals();
			}
		}
		catch (RuntimeException ex) {
			// Redis is down (logged by RedisCalls); the next renewal retries while the
			// lease lasts
		}
	}

	private void stopRenewals() {
		ScheduledFuture<?> renewals = this.renewals;
		if (renewals != null) {
			renewals.cancel(false);
		}
	}

	@Override
	public boolean renew() {
		if (this.released.get()) {
			return false;
		}
		Long renewed = this.calls.call("lock renewal", () -> this.redis.execute(RedisScripts.LOCK_RENEW,
				List.of(this.keys.lock()), this.owner, Long.toString(this.lease.toMillis())));
		return renewed != null && renewed == 1L;
	}

	@Override
	public void close() {
		if (!this.released.compareAndSet(false, true)) {
			return;
		}
		stopRenewals();
		try {
			this.calls.call("lock release", () -> this.redis.execute(RedisScripts.LOCK_RELEASE,
					List.of(this.keys.lock()), this.owner, this.keys.channel()));
		}
		catch (SharedTokenStoreException ex) {
			logger.debug("Issue lock not released; it ends with its lease of " + this.lease, ex);
		}
	}

	@Override
	public String toString() {
		return "RedisIssueLock[" + this.keys.lock() + "]";
	}

}
