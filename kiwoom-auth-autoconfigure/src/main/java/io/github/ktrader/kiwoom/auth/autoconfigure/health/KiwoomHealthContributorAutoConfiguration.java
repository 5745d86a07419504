package io.github.ktrader.kiwoom.auth.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthProperties;
import io.github.ktrader.kiwoom.auth.client.KiwoomAccount;
import io.github.ktrader.kiwoom.auth.client.KiwoomAccounts;
import io.github.ktrader.kiwoom.auth.health.KiwoomHealthIndicator;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code kiwoom} health indicator
 * ({@code management.health.kiwoom.enabled}): one indicator for the default key pair, or,
 * with {@code kiwoom.accounts}, a composite with one indicator per pair ({@code default},
 * then each name), so that one pair's failure shows on that pair and in the aggregate
 * only.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = KiwoomAuthAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(CachingAccessTokenProvider.class)
@ConditionalOnEnabledHealthIndicator("kiwoom")
public final class KiwoomHealthContributorAutoConfiguration {

	@Bean
	@Conditional(OnKiwoomAccountsCondition.None.class)
	@ConditionalOnMissingBean(value = KiwoomHealthIndicator.class, name = "kiwoomHealthIndicator")
	KiwoomHealthIndicator kiwoomHealthIndicator(CachingAccessTokenProvider tokenProvider,
			KiwoomAuthProperties properties, ObjectProvider<KiwoomRateLimiter> rateLimiter) {
		KiwoomHealthIndicator indicator = new KiwoomHealthIndicator(tokenProvider, properties.baseUrl());
		indicator.setRateLimiter(rateLimiter.getIfAvailable());
		return indicator;
	}

	@Bean
	@Conditional(OnKiwoomAccountsCondition.Some.class)
	@ConditionalOnMissingBean(name = { "kiwoomHealthIndicator", "kiwoomHealthContributor" })
	CompositeHealthContributor kiwoomHealthContributor(CachingAccessTokenProvider tokenProvider,
			KiwoomAuthProperties properties, KiwoomAccounts accounts) {
		Map<String, HealthContributor> pairs = new LinkedHashMap<>();
		for (String name : accounts.names()) {
			KiwoomAccount account = accounts.get(name);
			if (account.tokenProvider() instanceof CachingAccessTokenProvider caching) {
				KiwoomHealthIndicator indicator = new KiwoomHealthIndicator(caching, account.host());
				indicator.setRateLimiter(account.rateLimiter().orElse(null));
				pairs.put(name, indicator);
			}
		}
		pairs.putIfAbsent("default", new KiwoomHealthIndicator(tokenProvider, properties.baseUrl()));
		return CompositeHealthContributor.fromMap(pairs);
	}

}
