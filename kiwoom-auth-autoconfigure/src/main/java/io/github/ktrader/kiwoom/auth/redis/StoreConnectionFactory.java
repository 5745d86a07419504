package io.github.ktrader.kiwoom.auth.redis;

import java.time.Duration;
import java.util.Optional;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.RedisCredentialsProviderFactory;

/**
 * The store's own connection factory: a copy of the application's Lettuce factory (same
 * servers, same client configuration and client resources) whose lifecycle the store
 * controls, and which reconnects on demand rather than in the background.
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
 * <p>
 * Why on demand: Lettuce's background reconnect logs a WARN every few seconds for as long
 * as Redis is down, per connection, while the store already says so once. Without it, a
 * connection Redis dropped stays closed: the next command opens a new one (one attempt
 * per command, which fails fast while Redis is down), and a lost subscription is reported
 * to the store, which subscribes again. A Redis Cluster keeps Lettuce's reconnect: its
 * node connections are the cluster client's to manage.
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
		RedisConfiguration configuration = configuration(lettuce);
		LettuceConnectionFactory copy;
		if (configuration instanceof RedisClusterConfiguration) {
			copy = new LettuceConnectionFactory(configuration, lettuce.getClientConfiguration());
			copy.setShareNativeConnection(lettuce.getShareNativeConnection());
			copy.setValidateConnection(lettuce.getValidateConnection());
			return copy;
		}
		copy = new OnDemand(configuration, new WithoutAutoReconnect(lettuce.getClientConfiguration()));
		// The store's commands are single commands and scripts: one shared connection
		// serves them all
		copy.setShareNativeConnection(true);
		return copy;
	}

	/**
	 * Run {@code lost} (on a Lettuce thread: hand it over, never block) when Redis drops
	 * a subscription of the started copy, which it will not take up again by itself.
	 */
	static void onSubscriptionLost(LettuceConnectionFactory copy, Runnable lost) {
		if (!(copy instanceof OnDemand)) {
			return;
		}
		copy.getNativeClient().addListener(new RedisConnectionStateListener() {

			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
				// Not closed by us (stopping the subscription closes it first)
				if (connection instanceof StatefulRedisPubSubConnection && !connection.isClosed()) {
					lost.run();
				}
			}

		});
	}

	private static RedisConfiguration configuration(LettuceConnectionFactory factory) {
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

	/**
	 * Replaces the shared connection once Redis has dropped it, at the next command.
	 */
	private static final class OnDemand extends LettuceConnectionFactory {

		OnDemand(RedisConfiguration configuration, LettuceClientConfiguration clientConfiguration) {
			super(configuration, clientConfiguration);
		}

		@Override
		protected synchronized @Nullable StatefulRedisConnection<byte[], byte[]> getSharedConnection() {
			StatefulRedisConnection<byte[], byte[]> connection = super.getSharedConnection();
			if (connection != null && !connection.isOpen()) {
				resetConnection();
				connection = super.getSharedConnection();
			}
			return connection;
		}

	}

	/**
	 * The application's client configuration with Lettuce's background reconnect off.
	 */
	private record WithoutAutoReconnect(LettuceClientConfiguration delegate) implements LettuceClientConfiguration {

		@Override
		public Optional<ClientOptions> getClientOptions() {
			ClientOptions options = this.delegate.getClientOptions().orElseGet(ClientOptions::create);
			return Optional.of(options.mutate().autoReconnect(false).build());
		}

		@Override
		public boolean isUseSsl() {
			return this.delegate.isUseSsl();
		}

		@Override
		@Deprecated
		public boolean isVerifyPeer() {
			return this.delegate.isVerifyPeer();
		}

		@Override
		public SslVerifyMode getVerifyMode() {
			return this.delegate.getVerifyMode();
		}

		@Override
		public boolean isStartTls() {
			return this.delegate.isStartTls();
		}

		@Override
		public Optional<ClientResources> getClientResources() {
			return this.delegate.getClientResources();
		}

		@Override
		public Optional<String> getClientName() {
			return this.delegate.getClientName();
		}

		@Override
		public Optional<ReadFrom> getReadFrom() {
			return this.delegate.getReadFrom();
		}

		@Override
		public Optional<RedisCredentialsProviderFactory> getRedisCredentialsProviderFactory() {
			return this.delegate.getRedisCredentialsProviderFactory();
		}

		@Override
		public Duration getCommandTimeout() {
			return this.delegate.getCommandTimeout();
		}

		@Override
		public Duration getShutdownTimeout() {
			return this.delegate.getShutdownTimeout();
		}

		@Override
		public Duration getShutdownQuietPeriod() {
			return this.delegate.getShutdownQuietPeriod();
		}

	}

}
