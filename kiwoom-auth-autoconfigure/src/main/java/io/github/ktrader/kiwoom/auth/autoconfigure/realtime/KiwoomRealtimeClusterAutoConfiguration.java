package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthProperties;
import io.github.ktrader.kiwoom.auth.autoconfigure.redis.KiwoomRedisStoreAutoConfiguration;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEventPublisher;
import io.github.ktrader.kiwoom.auth.realtime.CompositeRealtimeObserver;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeObserver;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSession;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSettings;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterObserver;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRealtime;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the real-time socket in cluster mode
 * ({@code kiwoom.token.store=redis}): the default pair's {@link KiwoomRealtime} is a
 * {@link ClusterRealtime}, so that the cluster holds one socket per (host, appkey) and
 * every member receives what it subscribed to through Redis. Outside cluster mode nothing
 * here applies.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = KiwoomRealtimeAutoConfiguration.class,
		after = { KiwoomAuthAutoConfiguration.class, KiwoomRedisStoreAutoConfiguration.class },
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnProperty(name = "kiwoom.token.store", havingValue = "redis")
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnBean({ AccessTokenProvider.class, RedisConnectionFactory.class })
public final class KiwoomRealtimeClusterAutoConfiguration {

	/**
	 * About how many {@code 00}/{@code 04} entries the account stream keeps.
	 */
	static final long ACCOUNT_STREAM_LENGTH = 10_000;

	@Bean
	@Qualifier(KiwoomTokenEventPublisher.DEFAULT_ACCOUNT)
	@ConditionalOnMissingBean(KiwoomRealtime.class)
	ClusterRealtime kiwoomRealtime(KiwoomAuthProperties properties, KiwoomCredentials credentials,
			ObjectProvider<AccessTokenProvider> tokenProvider, RealtimeScheduler scheduler, RealtimeObservers observers,
			RedisConnectionFactory connectionFactory, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<ClusterObserver> clusterObservers) {
		String account = KiwoomTokenEventPublisher.DEFAULT_ACCOUNT;
		RealtimeSettings settings = RealtimeSettingsFactory.create(account, "kiwoom", properties);
		JsonMapper mapper = jsonMapper.getIfAvailable(JsonMapper::shared);
		RealtimeObserver accountObserver = observers.forAccount(account);
		Duration lease = properties.getToken().getRedis().getLease();
		return new ClusterRealtime(settings, connectionFactory, properties.getToken().getRedis().getKeyPrefix(),
				credentials.appkey(), lease, ACCOUNT_STREAM_LENGTH,
				(hook) -> new RealtimeSession(settings, tokenProvider::getObject, scheduler.scheduler(),
						new CompositeRealtimeObserver(List.of(accountObserver, hook)), mapper),
				accountObserver, clusterObservers.getIfAvailable(() -> ClusterObserver.NONE), mapper,
				Clock.systemUTC());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("kiwoomRealtimeCluster")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "kiwoomRealtimeClusterHealthIndicator")
		HealthIndicator kiwoomRealtimeClusterHealthIndicator(ObjectProvider<KiwoomRealtime> realtime) {
			return new ClusterRealtimeHealthIndicator(realtime);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ClusterObserver kiwoomRealtimeClusterMetrics(MeterRegistry registry) {
			return new ClusterMetrics(registry, KiwoomTokenEventPublisher.DEFAULT_ACCOUNT);
		}

	}

}
