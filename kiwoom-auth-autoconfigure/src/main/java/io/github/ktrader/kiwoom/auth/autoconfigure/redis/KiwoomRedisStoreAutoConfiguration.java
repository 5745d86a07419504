package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import java.time.Clock;
import java.time.Duration;

import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.SharedTokenStore;
import io.github.ktrader.kiwoom.auth.SharedTokenStoreFactory;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthProperties;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomTokenRedisProperties;
import io.github.ktrader.kiwoom.auth.ratelimit.SharedPermitsFactory;
import io.github.ktrader.kiwoom.auth.redis.RedisRateLimiter;
import io.github.ktrader.kiwoom.auth.redis.RedisSharedTokenStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the shared token store for cluster mode
 * ({@code kiwoom.token.store=redis}), on the {@link RedisConnectionFactory} that Boot
 * configures from {@code spring.data.redis.*}. Without one, startup stops with a report
 * that says what to add.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = KiwoomAuthAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnProperty(name = "kiwoom.token.store", havingValue = "redis")
@EnableConfigurationProperties(KiwoomAuthProperties.class)
public final class KiwoomRedisStoreAutoConfiguration {

	/**
	 * Longest a caller waits for one Redis command, however long the lease.
	 */
	private static final Duration MAX_COMMAND_TIMEOUT = Duration.ofSeconds(5);

	static Duration commandTimeout(Duration lease) {
		Duration third = lease.dividedBy(3);
		return (third.compareTo(MAX_COMMAND_TIMEOUT) < 0) ? third : MAX_COMMAND_TIMEOUT;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisConnectionFactory.class)
	static class RedisStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SharedTokenStoreFactory kiwoomSharedTokenStoreFactory(ObjectProvider<RedisConnectionFactory> connectionFactory,
				ObjectProvider<ConnectionDetails> connectionDetails) {
			return (credentials, baseUrl, keyPrefix, lease) -> createStore(connectionFactory, connectionDetails,
					credentials, baseUrl, keyPrefix, lease);
		}

		/**
		 * The pairs' rate buckets in Redis, so that the instances on a key share its
		 * allowance.
		 */
		@Bean
		@ConditionalOnMissingBean
		SharedPermitsFactory kiwoomSharedPermitsFactory(ObjectProvider<RedisConnectionFactory> connectionFactory) {
			return (baseUrl, appkey, keyPrefix) -> new RedisRateLimiter(requireFactory(connectionFactory), baseUrl,
					appkey, keyPrefix);
		}

		@Bean
		@ConditionalOnMissingBean(SharedTokenStore.class)
		RedisSharedTokenStore kiwoomSharedTokenStore(ObjectProvider<RedisConnectionFactory> connectionFactory,
				ObjectProvider<ConnectionDetails> connectionDetails, KiwoomAuthProperties properties,
				KiwoomCredentials credentials) {
			KiwoomTokenRedisProperties redis = properties.getToken().getRedis();
			return createStore(connectionFactory, connectionDetails, credentials, properties.baseUrl(),
					redis.getKeyPrefix(), redis.getLease());
		}

		/**
		 * The store talks to Redis through its own copy of a Lettuce factory, so that
		 * Redis stays reachable after Spring stopped the application's factory, until the
		 * provider has left the cluster (see {@link RedisSharedTokenStore}); not for a
		 * master/replica set-up, which the copy could not reproduce.
		 */
		/**
		 * Return the application's connection factory; the pair's rate limiter, which the
		 * token issuer uses, may ask for it before the token store does.
		 */
		private static RedisConnectionFactory requireFactory(ObjectProvider<RedisConnectionFactory> connectionFactory) {
			RedisConnectionFactory factory = connectionFactory.getIfAvailable();
			if (factory == null) {
				throw new RedisStoreUnavailableException(
						"no RedisConnectionFactory bean exists (Boot creates one from spring.data.redis.* when "
								+ "spring-boot-starter-data-redis is on the classpath)");
			}
			return factory;
		}

		private static RedisSharedTokenStore createStore(ObjectProvider<RedisConnectionFactory> connectionFactory,
				ObjectProvider<ConnectionDetails> connectionDetails, KiwoomCredentials credentials, String baseUrl,
				String keyPrefix, Duration lease) {
			RedisConnectionFactory factory = requireFactory(connectionFactory);
			boolean ownConnection = !MasterReplica.isConfigured(connectionDetails);
			RedisSharedTokenStore store = new RedisSharedTokenStore(factory, credentials, baseUrl, keyPrefix, lease,
					commandTimeout(lease), Clock.systemUTC(), ownConnection);
			store.start();
			return store;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.data.redis.connection.RedisConnectionFactory")
	static class MissingRedisConfiguration {

		@Bean
		@ConditionalOnMissingBean(SharedTokenStore.class)
		SharedTokenStore kiwoomSharedTokenStore() {
			throw new RedisStoreUnavailableException("Spring Data Redis is not on the classpath");
		}

	}

	/**
	 * Whether Boot connects to a static master/replica set-up; read only when Boot's
	 * Redis support is on the classpath.
	 */
	private static final class MasterReplica {

		private static final boolean BOOT_REDIS = ClassUtils.isPresent(
				"org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails",
				MasterReplica.class.getClassLoader());

		static boolean isConfigured(ObjectProvider<ConnectionDetails> connectionDetails) {
			return BOOT_REDIS && connectionDetails.stream()
				.anyMatch((details) -> details instanceof DataRedisConnectionDetails redis
						&& redis.getMasterReplica() != null);
		}

	}

}
