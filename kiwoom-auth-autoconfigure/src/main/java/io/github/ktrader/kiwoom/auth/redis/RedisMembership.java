package io.github.ktrader.kiwoom.auth.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.SharedTokenStoreException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

/**
 * This instance's membership: a member of a sorted set scored by the end of its lease
 * (Redis time), refreshed by a heartbeat every third of the lease, so that a crashed
 * instance drops out when its lease runs out.
 */
final class RedisMembership {

	private static final Log logger = LogFactory.getLog(RedisMembership.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisCalls calls;

	private final Duration lease;

	private final ScheduledExecutorService scheduler;

	private final String id = UUID.randomUUID().toString();

	private @Nullable ScheduledFuture<?> heartbeats;

	RedisMembership(StringRedisTemplate redis, RedisKeys keys, RedisCalls calls, Duration lease,
			ScheduledExecutorService scheduler) {
		this.redis = redis;
		this.keys = keys;
		this.calls = calls;
		this.lease = lease;
		this.scheduler = scheduler;
	}

	String id() {
		return this.id;
	}

	synchronized void join() {
		if (this.heartbeats == null) {
			long period = Math.max(1, this.lease.toMillis() / 3);
			this.heartbeats = this.scheduler.scheduleWithFixedDelay(this::scheduledHeartbeat, period, period,
					TimeUnit.MILLISECONDS);
		}
		heartbeat();
	}

	void heartbeat() {
		this.calls.call("heartbeat", () -> this.redis.execute(RedisScripts.MEMBER_HEARTBEAT,
				List.of(this.keys.members()), this.id, Long.toString(this.lease.toMillis())));
	}

	/**
	 * Leave; when this was the last live member and {@code takeToken} is set, take the
	 * sealed token out of the store and return it.
	 * <p>
	 * Fenced in two steps, so that a leave abandoned during a Redis pause cannot take the
	 * token once Redis runs it: Redis's time is asked first, and the leave carries the
	 * moment, by Redis's clock, at which this caller stops waiting for it (that time,
	 * plus the time elapsed here since, plus the command's wait). Only Redis's clock and
	 * this machine's elapsed time are compared, never two machines' clocks; the fence
	 * assumes Redis's clock is not stepped back during the leave. The deadline errs
	 * early: a leave that Redis runs just in time may count as late, and then leaves the
	 * token in the store for the next start.
	 */
	@Nullable String leave(boolean takeToken) {
		stopHeartbeats();
		Long redisNow = this.calls.call("time", () -> this.redis
			.execute((RedisCallback<Long>) (connection) -> connection.serverCommands().time(TimeUnit.MILLISECONDS)));
		long answeredAt = System.nanoTime();
		Assert.state(redisNow != null, "Redis answered nothing to TIME");
		long deadline = redisNow + Duration.ofNanos(System.nanoTime() - answeredAt).toMillis()
				+ this.calls.timeout().toMillis();
		return this.calls.call("leave",
				() -> this.redis.execute(RedisScripts.MEMBER_LEAVE,
						List.of(this.keys.members(), this.keys.token(), this.keys.rebuilt()), this.id,
						takeToken ? "1" : "0", Long.toString(deadline)));
	}

	synchronized void stopHeartbeats() {
		if (this.heartbeats != null) {
			this.heartbeats.cancel(false);
			this.heartbeats = null;
		}
	}

	private void scheduledHeartbeat() {
		try {
			heartbeat();
		}
		catch (SharedTokenStoreException ex) {
			// Logged by RedisCalls when the store goes down; the next heartbeat retries
		}
		catch (RuntimeException ex) {
			logger.warn("Membership heartbeat failed", ex);
		}
	}

}
