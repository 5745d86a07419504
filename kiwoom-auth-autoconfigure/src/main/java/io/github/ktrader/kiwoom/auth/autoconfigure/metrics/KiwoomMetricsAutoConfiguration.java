package io.github.ktrader.kiwoom.auth.autoconfigure.metrics;

import java.time.Clock;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.client.KiwoomAccounts;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEventPublisher;
import io.github.ktrader.kiwoom.auth.metrics.KiwoomAuthMetrics;
import io.github.ktrader.kiwoom.auth.metrics.KiwoomRateLimitMetrics;
import io.github.ktrader.kiwoom.auth.metrics.KiwoomTokenExpiryMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for Kiwoom access-token metrics: {@value KiwoomAuthMetrics#ISSUE},
 * {@value KiwoomAuthMetrics#REVOKE}, {@value KiwoomAuthMetrics#REJECTED} and
 * {@value KiwoomTokenExpiryMeterBinder#EXPIRES_IN}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = KiwoomAuthAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, AccessTokenProvider.class })
public final class KiwoomMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KiwoomAuthMetrics kiwoomAuthMetrics(MeterRegistry meterRegistry) {
		return new KiwoomAuthMetrics(meterRegistry);
	}

	@Bean
	@ConditionalOnBean(CachingAccessTokenProvider.class)
	@ConditionalOnMissingBean
	KiwoomTokenExpiryMeterBinder kiwoomTokenExpiryMeterBinder(CachingAccessTokenProvider tokenProvider) {
		return new KiwoomTokenExpiryMeterBinder(tokenProvider, Clock.systemUTC());
	}

	/**
	 * Every pair's pacing meters, set on its limiter once all singletons exist.
	 */
	@Bean
	SmartInitializingSingleton kiwoomRateLimitMetricsBinder(MeterRegistry registry,
			ObjectProvider<KiwoomRateLimiter> rateLimiter, ObjectProvider<KiwoomAccounts> accounts) {
		return () -> {
			rateLimiter.ifAvailable((limiter) -> limiter
				.setListener(new KiwoomRateLimitMetrics(registry, KiwoomTokenEventPublisher.DEFAULT_ACCOUNT)));
			accounts.ifAvailable((all) -> all.names()
				.stream()
				.filter((name) -> !KiwoomTokenEventPublisher.DEFAULT_ACCOUNT.equals(name))
				.forEach((name) -> all.get(name)
					.rateLimiter()
					.ifPresent((limiter) -> limiter.setListener(new KiwoomRateLimitMetrics(registry, name)))));
		};
	}

	/**
	 * The named pairs' gauges; their timers and counters come from
	 * {@link KiwoomAuthMetrics#forAccount(String)}.
	 */
	@Bean
	@ConditionalOnBean(KiwoomAccounts.class)
	MeterBinder kiwoomAccountsTokenExpiryMeterBinder(KiwoomAccounts accounts) {
		return (registry) -> accounts.names()
			.stream()
			.filter((name) -> !KiwoomTokenEventPublisher.DEFAULT_ACCOUNT.equals(name))
			.forEach((name) -> {
				if (accounts.get(name).tokenProvider() instanceof CachingAccessTokenProvider caching) {
					new KiwoomTokenExpiryMeterBinder(caching, Clock.systemUTC(), name).bindTo(registry);
				}
			});
	}

}
