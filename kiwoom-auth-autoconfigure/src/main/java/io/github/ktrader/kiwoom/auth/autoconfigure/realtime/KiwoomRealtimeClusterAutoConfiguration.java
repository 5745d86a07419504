package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthProperties;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomSchedulerHolder;
import io.github.ktrader.kiwoom.auth.autoconfigure.redis.KiwoomRedisStoreAutoConfiguration;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEventPublisher;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRealtime;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
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
 * ({@code kiwoom.token.store=redis}): every pair's {@link KiwoomRealtime} (the default
 * one's here, a named one's through {@link KiwoomRealtimeRegistrar} unless it sets its
 * own {@code token.store=memory}) is a {@link ClusterRealtime}, so that the cluster holds
 * one socket per (host, appkey) and every member receives what it subscribed to through
 * Redis. Outside cluster mode nothing here applies.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = KiwoomRealtimeAutoConfiguration.class,
		after = { KiwoomAuthAutoConfiguration.class, KiwoomRedisStoreAutoConfiguration.class },
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnProperty(name = "kiwoom.token.store", havingValue = "redis")
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnBean({ AccessTokenProvider.class, RedisConnectionFactory.class })
public final class KiwoomRealtimeClusterAutoConfiguration {

	/**
	 * The name of the factory's bean, by which {@link KiwoomRealtimeRegistrar} tells that
	 * cluster mode applies.
	 */
	static final String CLUSTER_FACTORY = "kiwoomRealtimeClusterFactory";

	@Bean
	ClusterObservers kiwoomRealtimeClusterObservers(ListableBeanFactory beanFactory) {
		return new ClusterObservers(beanFactory);
	}

	/**
	 * Makes every pair's cluster real-time: the default pair's below, the named pairs'
	 * through {@link KiwoomRealtimeRegistrar}.
	 */
	@Bean(CLUSTER_FACTORY)
	ClusterRealtimeFactory kiwoomRealtimeClusterFactory(RedisConnectionFactory connectionFactory,
			@Qualifier("kiwoomRealtimeScheduler") KiwoomSchedulerHolder scheduler, RealtimeObservers observers,
			ClusterObservers clusterObservers, ObjectProvider<JsonMapper> jsonMapper) {
		return new ClusterRealtimeFactory(connectionFactory, scheduler, observers, clusterObservers, jsonMapper);
	}

	@Bean
	@Qualifier(KiwoomTokenEventPublisher.DEFAULT_ACCOUNT)
	@ConditionalOnMissingBean(KiwoomRealtime.class)
	ClusterRealtime kiwoomRealtime(ClusterRealtimeFactory factory, KiwoomAuthProperties properties,
			KiwoomCredentials credentials, ObjectProvider<AccessTokenProvider> tokenProvider) {
		return factory.create(KiwoomTokenEventPublisher.DEFAULT_ACCOUNT, "kiwoom", properties, credentials.appkey(),
				tokenProvider::getObject);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("kiwoomRealtimeCluster")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "kiwoomRealtimeClusterHealthIndicator")
		HealthIndicator kiwoomRealtimeClusterHealthIndicator(ListableBeanFactory beanFactory) {
			return new ClusterRealtimeHealthIndicator(beanFactory);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		ClusterObservers.AccountClusterObserverFactory kiwoomRealtimeClusterMetrics(MeterRegistry registry) {
			return (account) -> new ClusterMetrics(registry, account);
		}

	}

}
