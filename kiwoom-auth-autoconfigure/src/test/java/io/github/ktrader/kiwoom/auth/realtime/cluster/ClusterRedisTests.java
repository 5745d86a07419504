package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRedis.Subscribed;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterRedis} against a real {@code redis-server}: the lease belongs
 * to one term at a time and only it renews or releases it; the union counts live members
 * only.
 */
class ClusterRedisTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	private LettuceConnectionFactory connectionFactory;

	private StringRedisTemplate template;

	private final ClusterKeys keys = new ClusterKeys("test:" + System.nanoTime(), "https://api.kiwoom.com", "appkey");

	@BeforeEach
	void setUp() {
		RedisServer redis = redisServer.server();
		redis.start();
		this.connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(redis.host(), redis.port()));
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		this.template = new StringRedisTemplate(this.connectionFactory);
	}

	@AfterEach
	void tearDown() {
		this.connectionFactory.destroy();
	}

	private ClusterRedis member(String id, Duration lease) {
		return new ClusterRedis(this.template, this.keys, id, lease, 100);
	}

	@Test
	void theLeaseBelongsToOneTermAndOnlyItRenewsOrReleasesIt() {
		ClusterRedis first = member("first", Duration.ofSeconds(10));
		ClusterRedis second = member("second", Duration.ofSeconds(10));
		String firstTerm = first.newTerm();
		assertThat(first.acquireOrRenew(firstTerm)).isTrue();
		assertThat(first.acquireOrRenew(firstTerm)).isTrue();
		assertThat(second.acquireOrRenew(second.newTerm())).isFalse();
		assertThat(first.acquireOrRenew(first.newTerm())).as("another term of the same member").isFalse();
		second.release(second.newTerm());
		assertThat(first.holder()).isEqualTo(firstTerm);
		assertThat(ClusterRedis.memberOf(firstTerm)).isEqualTo("first");
		first.release(firstTerm);
		assertThat(first.holder()).isNull();
		assertThat(second.acquireOrRenew(second.newTerm())).isTrue();
	}

	@Test
	void theUnionHasEachItemOnceAndDropsAMemberWhoseLeaseRanOut() {
		ClusterRedis first = member("first", Duration.ofSeconds(10));
		ClusterRedis crashed = member("crashed", Duration.ofMillis(50));
		first.put(Map.of("0B", Set.of("005930", "000660")));
		crashed.put(Map.of("0B", Set.of("000660", "035420"), "00", Set.of("")));
		assertThat(first.union()).containsExactlyInAnyOrder(new Subscribed("0B", "005930"),
				new Subscribed("0B", "000660"), new Subscribed("0B", "035420"), new Subscribed("00", ""));
		// No heartbeat from the crashed member: its lease runs out (Redis's clock)
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(first.union()).containsExactlyInAnyOrder(new Subscribed("0B", "005930"),
					new Subscribed("0B", "000660")));
		first.leave();
		assertThat(first.union()).isEmpty();
	}

}
