package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import java.time.Clock;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthProperties;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomSchedulerHolder;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEventPublisher;
import io.github.ktrader.kiwoom.auth.metrics.KiwoomRealtimeMetrics;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.ReactiveKiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSession;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for Kiwoom's real-time socket: a {@link KiwoomRealtime} per key
 * pair ({@code kiwoomRealtime}, and {@code kiwoomRealtime.<name>} qualified with the
 * pair's name), {@code @KiwoomRealtimeListener} methods, and Reactor fluxes when Reactor
 * is there. Nothing is opened until something subscribes.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = KiwoomAuthAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnBean(AccessTokenProvider.class)
public final class KiwoomRealtimeAutoConfiguration {

	@Bean
	KiwoomSchedulerHolder kiwoomRealtimeScheduler() {
		return new KiwoomSchedulerHolder("kiwoom-realtime-", Clock.systemUTC());
	}

	@Bean
	RealtimeObservers kiwoomRealtimeObservers(ApplicationEventPublisher publisher, ListableBeanFactory beanFactory) {
		return new RealtimeObservers(publisher, beanFactory);
	}

	@Bean
	@Qualifier(KiwoomTokenEventPublisher.DEFAULT_ACCOUNT)
	@ConditionalOnMissingBean(KiwoomRealtime.class)
	RealtimeSession kiwoomRealtime(KiwoomAuthProperties properties, ObjectProvider<AccessTokenProvider> tokenProvider,
			@Qualifier("kiwoomRealtimeScheduler") KiwoomSchedulerHolder scheduler, RealtimeObservers observers,
			ObjectProvider<JsonMapper> jsonMapper) {
		String account = KiwoomTokenEventPublisher.DEFAULT_ACCOUNT;
		return new RealtimeSession(RealtimeSettingsFactory.create(account, "kiwoom", properties),
				tokenProvider::getObject, scheduler.scheduler(), observers.forAccount(account),
				jsonMapper.getIfAvailable(JsonMapper::shared));
	}

	/**
	 * Reads {@code kiwoom.accounts} itself: static, as a registry post-processor must be.
	 */
	@Bean
	static KiwoomRealtimeRegistrar kiwoomRealtimeRegistrar() {
		return new KiwoomRealtimeRegistrar();
	}

	@Bean
	static KiwoomRealtimeListenerProcessor kiwoomRealtimeListenerProcessor() {
		return new KiwoomRealtimeListenerProcessor();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Flux.class)
	static class ReactorConfiguration {

		@Bean
		@Qualifier(KiwoomTokenEventPublisher.DEFAULT_ACCOUNT)
		@ConditionalOnMissingBean
		ReactiveKiwoomRealtime reactiveKiwoomRealtime(KiwoomRealtime realtime) {
			return new ReactiveKiwoomRealtime(realtime);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		RealtimeObservers.AccountObserverFactory kiwoomRealtimeMetrics(MeterRegistry registry) {
			return (account) -> new KiwoomRealtimeMetrics(registry, account);
		}

	}

}
