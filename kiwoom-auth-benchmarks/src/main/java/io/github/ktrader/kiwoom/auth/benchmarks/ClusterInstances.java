package io.github.ktrader.kiwoom.auth.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.realtime.KiwoomRealtimeAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.realtime.KiwoomRealtimeClusterAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.redis.KiwoomRedisStoreAutoConfiguration;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.redis.RedisSharedTokenStore;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Whole applications on the starter in cluster mode ({@code kiwoom.token.store=redis}),
 * sharing one appkey against one simulator and one Redis, as the auto-configuration
 * builds them: the benchmarks' copy of the autoconfigure module's test harness.
 */
final class ClusterInstances implements AutoCloseable {

	/**
	 * Environment variable naming the {@code redis-server} binary; {@code benchmarks/run}
	 * sets it. Without it, {@code redis-server} is looked up on the {@code PATH}.
	 */
	static final String REDIS_SERVER = "KIWOOM_BENCHMARKS_REDIS_SERVER";

	private final KiwoomSimulator kiwoom;

	private final RedisServer redis;

	private final Duration lease;

	private final String keyPrefix = "benchmarks:" + System.nanoTime();

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	ClusterInstances(KiwoomSimulator kiwoom, RedisServer redis, Duration lease) {
		this.kiwoom = kiwoom;
		this.redis = redis;
		this.lease = lease;
	}

	/**
	 * Return the {@code redis-server} binary, or {@code null} when there is none.
	 */
	static @Nullable Path redisServerBinary() {
		String named = System.getenv(REDIS_SERVER);
		if (named != null && !named.isBlank()) {
			Path binary = Path.of(named);
			return Files.isExecutable(binary) ? binary : null;
		}
		String path = System.getenv("PATH");
		for (String folder : (path != null) ? path.split(java.io.File.pathSeparator) : new String[0]) {
			Path binary = Path.of(folder, "redis-server");
			if (Files.isExecutable(binary)) {
				return binary;
			}
		}
		return null;
	}

	static RedisServer startRedis() {
		Path binary = redisServerBinary();
		if (binary == null) {
			throw new IllegalStateException("No redis-server binary (set " + REDIS_SERVER + " or put it on the PATH)");
		}
		return RedisServer.start(binary);
	}

	String keyPrefix() {
		return this.keyPrefix;
	}

	/**
	 * Start a new instance and return its index.
	 */
	int start(String... properties) {
		return start(Application.class, properties);
	}

	/**
	 * Start a new instance with the real-time socket in cluster mode as well and return
	 * its index.
	 */
	int startRealtime(String... properties) {
		return start(RealtimeApplication.class, properties);
	}

	private int start(Class<?> application, String... properties) {
		List<String> all = new ArrayList<>(
				List.of("spring.main.log-startup-info=false", "kiwoom.host=" + this.kiwoom.url(),
						"kiwoom.appkey=" + this.kiwoom.appkey(), "kiwoom.secretkey=" + this.kiwoom.secretkey(),
						"kiwoom.read-timeout=2s", "kiwoom.connect-timeout=1s", "kiwoom.token.revoke-timeout=1s",
						"kiwoom.token.store=redis", "kiwoom.token.redis.key-prefix=" + this.keyPrefix,
						"kiwoom.token.redis.lease=" + this.lease.toMillis() + "ms",
						"spring.data.redis.host=" + this.redis.host(), "spring.data.redis.port=" + this.redis.port(),
						"spring.data.redis.timeout=500ms"));
		all.addAll(MinimalApplication.FREE_PERMITS);
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.properties(all.toArray(String[]::new))
			.run();
		synchronized (this.instances) {
			this.instances.add(context);
			return this.instances.size() - 1;
		}
	}

	ConfigurableApplicationContext context(int instance) {
		synchronized (this.instances) {
			return this.instances.get(instance);
		}
	}

	CachingAccessTokenProvider provider(int instance) {
		return context(instance).getBean(CachingAccessTokenProvider.class);
	}

	/**
	 * Call ka10001 for Samsung Electronics on the given instance and return the name.
	 */
	Object quote(int instance) {
		Map<?, ?> info = context(instance).getBean(KiwoomClient.class)
			.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
		return info.get("stk_nm");
	}

	/**
	 * Return a store of a further member on the first instance's connections, not
	 * started: a publisher, or a lock owner that dies.
	 */
	RedisSharedTokenStore memberStore() {
		return new RedisSharedTokenStore(context(0).getBean(RedisConnectionFactory.class),
				new KiwoomCredentials(this.kiwoom.appkey(), this.kiwoom.secretkey()), this.kiwoom.url(), this.keyPrefix,
				this.lease, Duration.ofSeconds(1), Clock.systemUTC());
	}

	@Override
	public void close() {
		synchronized (this.instances) {
			this.instances.forEach(ConfigurableApplicationContext::close);
			this.instances.clear();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
			JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class, KiwoomRedisStoreAutoConfiguration.class })
	static class Application {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
			JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class, KiwoomRedisStoreAutoConfiguration.class,
			KiwoomRealtimeClusterAutoConfiguration.class, KiwoomRealtimeAutoConfiguration.class })
	static class RealtimeApplication {

	}

}
