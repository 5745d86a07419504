package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.redis.RedisSharedTokenStore;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Application contexts in cluster mode, each a whole application on the starter, sharing
 * one appkey against one simulator and one Redis: a small harness for multi-instance
 * tests and measurements.
 */
final class ClusterNodes implements AutoCloseable {

	private final KiwoomSimulator kiwoom;

	private final RedisServer redis;

	private final Duration lease;

	private final String keyPrefix = "test:" + System.nanoTime();

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	ClusterNodes(KiwoomSimulator kiwoom, RedisServer redis, Duration lease) {
		this.kiwoom = kiwoom;
		this.redis = redis;
		this.lease = lease;
	}

	String keyPrefix() {
		return this.keyPrefix;
	}

	/**
	 * Start a new instance and return its index.
	 */
	int start(String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.main.banner-mode=off", "spring.main.log-startup-info=false",
				"kiwoom.host=" + this.kiwoom.url(), "kiwoom.appkey=" + this.kiwoom.appkey(),
				"kiwoom.secretkey=" + this.kiwoom.secretkey(), "kiwoom.read-timeout=2s", "kiwoom.connect-timeout=1s",
				"kiwoom.token.revoke-timeout=1s", "kiwoom.token.store=redis",
				"kiwoom.token.redis.key-prefix=" + this.keyPrefix,
				"kiwoom.token.redis.lease=" + this.lease.toMillis() + "ms",
				"spring.data.redis.host=" + this.redis.host(), "spring.data.redis.port=" + this.redis.port(),
				"spring.data.redis.timeout=500ms",
				// Unpaced unless a test asks for Kiwoom's allowance: these load the token
				"kiwoom.rate-limit.per-api.rate=100000", "kiwoom.rate-limit.per-api.burst=100000",
				"kiwoom.rate-limit.total.rate=100000", "kiwoom.rate-limit.total.burst=100000"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
		synchronized (this.nodes) {
			this.nodes.add(context);
			return this.nodes.size() - 1;
		}
	}

	ConfigurableApplicationContext context(int node) {
		synchronized (this.nodes) {
			return this.nodes.get(node);
		}
	}

	CachingAccessTokenProvider provider(int node) {
		return context(node).getBean(CachingAccessTokenProvider.class);
	}

	Optional<AccessToken> token(int node) {
		return provider(node).currentToken();
	}

	/**
	 * Call ka10001 for Samsung Electronics on the given instance and return the name.
	 */
	Object quote(int node) {
		Map<?, ?> info = context(node).getBean(KiwoomClient.class)
			.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
		return info.get("stk_nm");
	}

	/**
	 * Close the instance as an orderly shutdown would.
	 */
	void stop(int node) {
		context(node).close();
	}

	/**
	 * Make the instance fall silent as a crashed one would: no more heartbeats and no
	 * leave. Its context stays open until {@link #close()}.
	 */
	void crash(int node) {
		context(node).getBean(RedisSharedTokenStore.class).close();
	}

	@Override
	public void close() {
		synchronized (this.nodes) {
			this.nodes.forEach(ConfigurableApplicationContext::close);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
			JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class, KiwoomRedisStoreAutoConfiguration.class })
	static class Application {

	}

}
