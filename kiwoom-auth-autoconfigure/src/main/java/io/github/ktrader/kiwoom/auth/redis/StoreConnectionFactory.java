package io.github.ktrader.kiwoom.auth.redis;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The store's own connection factory: a copy of the application's Lettuce factory (same
 * servers, same client configuration and client resources) whose lifecycle the store
 * controls.
 * <p>
 * Why a copy: Spring stops every {@code SmartLifecycle}, the application's
 * {@link LettuceConnectionFactory} included, before it destroys any bean, so a bean that
 * calls Kiwoom from {@code @PreDestroy} would find Redis gone and the provider could
 * neither read the shared token nor leave the cluster after that call. The copy is
 * started with the store and destroyed in {@link RedisSharedTokenStore#close()}, which
 * runs after the provider has left. A factory that cannot be copied (not Lettuce; a
 * static master/replica set-up, which the public API does not reveal, is never given
 * here) is used as it is: the provider then meets a stopped factory during
 * {@code @PreDestroy} and fails such calls rather than issue.
 */
final class StoreConnectionFactory {

	private static final Log logger = LogFactory.getLog(StoreConnectionFactory.class);

	private StoreConnectionFactory() {
	}

	/**
	 * Return a new, not yet started copy of the factory, or {@code null} when it cannot
	 * be copied.
	 */
	static @Nullable LettuceConnectionFactory copyOf(RedisConnectionFactory factory) {
		if (!(factory instanceof LettuceConnectionFactory lettuce)) {
			logger.debug("Cluster mode shares the application's " + factory.getClass().getSimpleName()
					+ "; calls from @PreDestroy cannot reach Redis once it is stopped");
			return null;
		}
		LettuceConnectionFactory copy = new LettuceConnectionFactory(configuration(lettuce),
				lettuce.getClientConfiguration());
		copy.setShareNativeConnection(lettuce.getShareNativeConnection());
		copy.setValidateConnection(lettuce.getValidateConnection());
		return copy;
	}

	private static @Nullable RedisConfiguration configuration(LettuceConnectionFactory factory) {
		if (factory.getClusterConfiguration() != null) {
			return factory.getClusterConfiguration();
		}
		if (factory.getSentinelConfiguration() != null) {
			return factory.getSentinelConfiguration();
		}
		if (factory.getSocketConfiguration() != null) {
			return factory.getSocketConfiguration();
		}
		return factory.getStandaloneConfiguration();
	}

}
