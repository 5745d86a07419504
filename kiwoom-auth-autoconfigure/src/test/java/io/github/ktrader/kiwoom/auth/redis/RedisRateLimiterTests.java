package io.github.ktrader.kiwoom.auth.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import io.github.ktrader.kiwoom.auth.ratelimit.Allowance;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import io.github.ktrader.kiwoom.auth.ratelimit.RateLimitSettings;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisRateLimiter} on a real {@code redis-server}: instances on one key
 * share one bucket, timed by Redis's clock, and each paces alone at its part of the
 * allowance while Redis is down.
 */
class RedisRateLimiterTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	private static final long SECOND = 1_000_000_000L;

	private static final Allowance ONE_PER_SECOND = new Allowance(1, 1);

	private static final long INTERVAL = ONE_PER_SECOND.intervalNanos();

	private RedisServer server;

	private RedisInstances instances;

	@BeforeEach
	void setUp() {
		this.server = redisServer.server();
		this.server.start();
		this.server.flushAll();
		this.instances = new RedisInstances(this.server);
	}

	@AfterEach
	void tearDown() throws Exception {
		this.server.start();
		this.instances.close();
	}

	@Test
	void instancesOnOneKeyShareOneBucket() {
		RedisRateLimiter one = this.instances.rateLimiter();
		RedisRateLimiter two = this.instances.rateLimiter();
		assertThat(one.reserve("ka10001", ONE_PER_SECOND, 0, 10 * SECOND)).isZero();
		long wait = two.reserve("ka10001", ONE_PER_SECOND, 0, 10 * SECOND);
		assertThat(wait).isBetween(SECOND / 2, INTERVAL);
		assertThat(one.reserve("ka10001", ONE_PER_SECOND, 0, 10 * SECOND)).isBetween(wait + SECOND / 2,
				wait + INTERVAL);
		assertThat(two.reserve("ka10081", ONE_PER_SECOND, 0, 10 * SECOND)).isZero();
	}

	@Test
	void permitLaterThanMaxWaitIsNotReserved() {
		RedisRateLimiter one = this.instances.rateLimiter();
		assertThat(one.reserve("ka10001", ONE_PER_SECOND, 0, SECOND / 2)).isZero();
		assertThat(one.reserve("ka10001", ONE_PER_SECOND, 0, SECOND / 2)).isEqualTo(-1);
		assertThat(one.reserve("ka10001", ONE_PER_SECOND, 0, 2 * SECOND)).isBetween(SECOND / 2, INTERVAL);
	}

	@Test
	void refusalPushesTheSharedBucketsNextPermit() {
		RedisRateLimiter one = this.instances.rateLimiter();
		one.refused("ka10001", ONE_PER_SECOND, 0);
		assertThat(this.instances.rateLimiter().reserve("ka10001", ONE_PER_SECOND, 0, 10 * SECOND))
			.isBetween(SECOND / 2, INTERVAL);
	}

	@Test
	void allowanceOneInstanceLearnedPacesEveryInstance() {
		Allowance tenPerSecond = new Allowance(10, 1);
		RedisRateLimiter one = this.instances.rateLimiter();
		RedisRateLimiter two = this.instances.rateLimiter();
		assertThat(two.reserve("ka10001", tenPerSecond, 0, 10 * SECOND)).isZero();
		one.refused("ka10001", ONE_PER_SECOND, 1);
		assertThat(one.learned("ka10001")).isOne();
		long afterRefusal = two.reserve("ka10001", tenPerSecond, 0, 10 * SECOND);
		assertThat(two.learned("ka10001")).isOne();
		// Paced at one a second from now on, though this instance was configured at ten
		assertThat(two.reserve("ka10001", tenPerSecond, 0, 10 * SECOND)).isBetween(afterRefusal + SECOND / 2,
				afterRefusal + INTERVAL);
		// An instance that joins later reads it too
		RedisRateLimiter three = this.instances.rateLimiter();
		three.reserve("ka10081", tenPerSecond, 0, 10 * SECOND);
		assertThat(three.learned("ka10081")).isZero();
		three.reserve("ka10001", tenPerSecond, 0, 10 * SECOND);
		assertThat(three.learned("ka10001")).isOne();
	}

	@Test
	void instanceThatLearnedPutsTheAllowanceBackWhenRedisLostIt() {
		Allowance tenPerSecond = new Allowance(10, 1);
		RedisRateLimiter one = this.instances.rateLimiter();
		one.refused("ka10001", ONE_PER_SECOND, 1);
		this.server.flushAll();
		one.reserve("ka10001", ONE_PER_SECOND, 1, 10 * SECOND);
		RedisRateLimiter two = this.instances.rateLimiter();
		assertThat(two.reserve("ka10001", tenPerSecond, 0, 10 * SECOND)).isBetween(SECOND / 2, INTERVAL);
		assertThat(two.learned("ka10001")).isOne();
	}

	@Test
	void keysNameTheHashNeverTheAppkey() {
		this.instances.rateLimiter().reserve("ka10001", ONE_PER_SECOND, 0, SECOND);
		assertThat(this.instances.redis().keys("*")).singleElement()
			.isEqualTo(this.instances.keys() + ":rate:ka10001")
			.asString()
			.doesNotContain(RedisInstances.APPKEY);
	}

	@Test
	void redisDownFallsBackToLocalBucketsAtTheLiveMembersPart() {
		long leaseEnd = System.currentTimeMillis() + 60_000;
		this.instances.redis().opsForZSet().add(this.instances.keys().members(), "member-1", leaseEnd);
		this.instances.redis().opsForZSet().add(this.instances.keys().members(), "member-2", leaseEnd);
		RedisRateLimiter shared = this.instances.rateLimiterWithShortTimeout();
		RateLimitSettings defaults = RateLimitSettings.defaults();
		long[] now = { 0 };
		KiwoomRateLimiter limiter = new KiwoomRateLimiter("default",
				new RateLimitSettings(new Allowance(2, 1), Map.of(), defaults.total(), Duration.ofSeconds(10), 2, false,
						defaults.orderApiIds(), defaults.orderPaths()),
				() -> now[0], (nanos) -> now[0] += nanos, Clock.systemUTC());
		limiter.setSharedPermits(shared);
		assertThat(limiter.reserve("ka10081")).isZero();
		assertThat(shared.liveMembers()).isEqualTo(2);
		this.server.stop();
		assertThat(limiter.reserve("ka10001")).isZero();
		assertThat(limiter.reserve("ka10001")).isEqualTo(INTERVAL);
		limiter.refused("ka10001", KiwoomStatus.of(429, null, null).rateLimitRefusal());
	}

}
