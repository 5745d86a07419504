package io.github.ktrader.kiwoom.auth.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Application instances for the Redis tests: each store gets a connection factory of its
 * own, as a separate process would, with Lettuce's default settings. Closes them all.
 */
final class RedisInstances implements AutoCloseable {

	static final String HOST = "https://api.kiwoom.com";

	static final String APPKEY = "AppKeyAbcdefghijklmnopqrstuvwxyz0123456789";

	static final String SECRETKEY = "SecretKeyAbcdefghijklmnopqrstuvwxyz012345";

	static final String PREFIX = "kiwoom:auth";

	private final RedisServer server;

	private final List<AutoCloseable> resources = new ArrayList<>();

	RedisInstances(RedisServer server) {
		this.server = server;
	}

	RedisSharedTokenStore store() {
		return store(SECRETKEY, Duration.ofSeconds(30));
	}

	RedisSharedTokenStore store(Duration lease) {
		return store(SECRETKEY, lease);
	}

	RedisSharedTokenStore store(String secretkey, Duration lease) {
		return store(secretkey, lease, Duration.ofSeconds(1));
	}

	RedisSharedTokenStore store(String secretkey, Duration lease, Duration commandTimeout) {
		RedisSharedTokenStore store = new RedisSharedTokenStore(connectionFactory(),
				new KiwoomCredentials(APPKEY, secretkey), HOST, PREFIX, lease, commandTimeout, Clock.systemUTC());
		this.resources.add(store);
		store.start();
		return store;
	}

	/**
	 * Return a plain template for looking at what is stored.
	 */
	RedisRateLimiter rateLimiter() {
		return new RedisRateLimiter(connectionFactory(), HOST, APPKEY, PREFIX);
	}

	/**
	 * A limiter whose commands give up after a second, as with
	 * {@code spring.data.redis.timeout=1s}.
	 */
	RedisRateLimiter rateLimiterWithShortTimeout() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(this.server.host(), this.server.port()),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(1)).build());
		factory.afterPropertiesSet();
		factory.start();
		this.resources.add(factory::destroy);
		return new RedisRateLimiter(factory, HOST, APPKEY, PREFIX);
	}

	StringRedisTemplate redis() {
		return new StringRedisTemplate(connectionFactory());
	}

	RedisKeys keys() {
		return new RedisKeys(PREFIX, HOST, APPKEY);
	}

	private LettuceConnectionFactory connectionFactory() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(this.server.host(), this.server.port()));
		factory.afterPropertiesSet();
		factory.start();
		this.resources.add(factory::destroy);
		return factory;
	}

	@Override
	public void close() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
		this.resources.clear();
	}

}
