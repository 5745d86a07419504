package io.github.ktrader.kiwoom.auth.redis;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

import io.github.ktrader.kiwoom.auth.SharedTokenStore.IssueLock;
import io.github.ktrader.kiwoom.auth.SharedTokenStoreException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Taking the issue lock of one (host, appkey): at once, or waiting for the channel's news
 * of a release; each lock under a new owner id ({@code <member id>/<uuid>}), renewed on
 * the store's scheduler while held.
 */
final class RedisIssueLocks {

	/**
	 * Longest a waiter for the lock sleeps between attempts, in case it missed a message.
	 */
	private static final Duration MAX_LOCK_WAIT = Duration.ofMillis(250);

	// Logs under the store's category, as before the store was split along its jobs
	private static final Log logger = LogFactory.getLog(RedisSharedTokenStore.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisCalls calls;

	private final Duration lease;

	private final TokenChannel channel;

	private final ScheduledExecutorService scheduler;

	private final String memberId;

	RedisIssueLocks(StringRedisTemplate redis, RedisKeys keys, RedisCalls calls, Duration lease, TokenChannel channel,
			ScheduledExecutorService scheduler, String memberId) {
		this.redis = redis;
		this.keys = keys;
		this.calls = calls;
		this.lease = lease;
		this.channel = channel;
		this.scheduler = scheduler;
		this.memberId = memberId;
	}

	Optional<IssueLock> tryLock() {
		String owner = newOwner();
		return (acquire(owner) < 0) ? Optional.of(lock(owner)) : Optional.empty();
	}

	/**
	 * Wait for the lock; an interrupted waiter returns empty with its interrupt flag set.
	 */
	Optional<IssueLock> awaitLock(Duration timeout) {
		String owner = newOwner();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long seen = this.channel.generation();
			long remaining = acquire(owner);
			if (remaining < 0) {
				return Optional.of(lock(owner));
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return Optional.empty();
			}
			long waitNanos = Math.min(Math.min(Duration.ofMillis(remaining).toNanos(), left), MAX_LOCK_WAIT.toNanos());
			try {
				this.channel.awaitChange(seen, Duration.ofNanos(Math.max(waitNanos, 1_000_000)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Optional.empty();
			}
		}
	}

	/**
	 * Return -1 when the lock was taken, else the holder's remaining lease in ms.
	 */
	private long acquire(String owner) {
		Long result;
		try {
			result = this.calls.call("lock", () -> this.redis.execute(RedisScripts.LOCK_ACQUIRE,
					List.of(this.keys.lock()), owner, Long.toString(this.lease.toMillis())));
		}
		catch (SharedTokenStoreException ex) {
			giveBack(owner);
			throw ex;
		}
		if (result == null) {
			throw new SharedTokenStoreException("Redis answered nothing to the lock script",
					new IllegalStateException("null script result"));
		}
		return result;
	}

	/**
	 * An abandoned lock command may still run once Redis answers again (after a pause):
	 * send a release for its owner, which Redis runs after it on the same connection, so
	 * that a lock nobody holds does not block the cluster for a lease.
	 */
	private void giveBack(String owner) {
		try {
			this.scheduler.execute(() -> {
				try {
					this.calls.call("abandoned lock release", () -> this.redis.execute(RedisScripts.LOCK_RELEASE,
							List.of(this.keys.lock()), owner, this.keys.channel()));
				}
				catch (SharedTokenStoreException ex) {
					logger.debug("Abandoned issue lock not released; it ends with its lease of " + this.lease);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Closing: the lock ends with its lease
		}
	}

	private IssueLock lock(String owner) {
		return new RedisIssueLock(this.redis, this.keys, this.calls, owner, this.lease).keepRenewed(this.scheduler);
	}

	private String newOwner() {
		return this.memberId + "/" + UUID.randomUUID();
	}

}
