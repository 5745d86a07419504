package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.SharedTokenStore;
import io.github.ktrader.kiwoom.auth.ratelimit.Allowance;
import io.github.ktrader.kiwoom.auth.ratelimit.SharedPermits;
import io.github.ktrader.kiwoom.auth.ratelimit.SharedPermitsFactory;
import io.github.ktrader.kiwoom.auth.redis.RedisSharedTokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a Redis outage leaves in the log: one WARN from the starter when the store goes
 * down and one INFO when it is back, not Lettuce's reconnect stream from the store's own
 * connection. Pacing is kept local here, so that the application's own Redis connection
 * (which the shared rate limits use, and which keeps Lettuce's reconnect and its log)
 * stays unused and every Lettuce line would be the store's.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
class ClusterRedisOutageLogTests {

	private static final Duration LEASE = Duration.ofSeconds(3);

	@RegisterExtension
	static final ClusterExtension cluster = new ClusterExtension("Outage", LEASE);

	private static final Duration OUTAGE = Duration.ofSeconds(12);

	private static final RedisScript<List> CHANNELS = RedisScript.of("return redis.call('PUBSUB', 'CHANNELS', ARGV[1])",
			List.class);

	@Test
	void anOutageIsOneWarnAndOneInfoFromTheStarterAndCallsGoOn(CapturedOutput output) {
		int node = cluster.nodes().start(new Class<?>[] { LocalPacing.class });
		assertThat(cluster.nodes().quote(node)).isEqualTo("삼성전자");
		AccessToken shared = cluster.nodes().token(node).orElseThrow();
		assertThat(subscribedChannels()).hasSize(1);
		int before = output.getAll().length();
		cluster.server().stop();
		long end = System.nanoTime() + OUTAGE.toNanos();
		while (System.nanoTime() < end) {
			assertThat(cluster.nodes().quote(node)).isEqualTo("삼성전자");
			await().pollDelay(Duration.ofMillis(200)).until(() -> true);
		}
		assertThat(store(node).health().status()).isEqualTo(SharedTokenStore.Health.Status.DOWN);
		cluster.server().start();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> store(node).health().status() == SharedTokenStore.Health.Status.UP
					&& store(node).read().isPresent());
		assertThat(store(node).read()).as("the shared token put back").contains(shared);
		await("subscribed again").atMost(Duration.ofSeconds(5)).until(() -> subscribedChannels().size() == 1);
		assertThat(cluster.nodes().quote(node)).isEqualTo("삼성전자");
		assertThat(cluster.kiwoom().requests("/oauth2/token")).as("no au10001 for the outage").hasSize(1);
		List<String> lines = output.getAll().substring(before).lines().toList();
		assertThat(lines)
			.filteredOn((line) -> line.contains(" WARN ") && (line.contains("io.lettuce") || line.contains("i.l.core")))
			.as("Lettuce's reconnect WARNs")
			.isEmpty();
		assertThat(lines).filteredOn((line) -> line.contains(" WARN ") && line.contains("Shared token store is down"))
			.hasSize(1);
		assertThat(lines).filteredOn((line) -> line.contains("Redis answers again")).hasSize(1);
	}

	/**
	 * The store's channels someone is subscribed to (with one instance, its own), asked
	 * on a connection of the test's.
	 */
	private List<?> subscribedChannels() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(cluster.server().host(), cluster.server().port()));
		factory.afterPropertiesSet();
		factory.start();
		try {
			return new StringRedisTemplate(factory).execute(CHANNELS, List.of(), cluster.nodes().keyPrefix() + ":*");
		}
		finally {
			factory.destroy();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class LocalPacing {

		@Bean
		SharedPermitsFactory localPermits() {
			return (baseUrl, appkey, keyPrefix) -> new SharedPermits() {

				@Override
				public long reserve(String bucket, Allowance allowance, int learned, long maxWaitNanos) {
					return 0;
				}

				@Override
				public void refused(String bucket, Allowance allowance, int stated) {
				}

				@Override
				public void refresh(String bucket) {
				}

				@Override
				public int learned(String bucket) {
					return 0;
				}

				@Override
				public int liveMembers() {
					return 1;
				}

			};
		}

	}

	private RedisSharedTokenStore store(int node) {
		return cluster.nodes().context(node).getBean(RedisSharedTokenStore.class);
	}

}
