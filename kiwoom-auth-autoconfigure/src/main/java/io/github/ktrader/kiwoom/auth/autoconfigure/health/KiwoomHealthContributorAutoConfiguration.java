package io.github.ktrader.kiwoom.auth.autoconfigure.health;

import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthProperties;
import io.github.ktrader.kiwoom.auth.health.KiwoomHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code kiwoom} health indicator
 * ({@code management.health.kiwoom.enabled}).
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
	@ConditionalOnMissingBean(value = KiwoomHealthIndicator.class, name = "kiwoomHealthIndicator")
	KiwoomHealthIndicator kiwoomHealthIndicator(CachingAccessTokenProvider tokenProvider,
			KiwoomAuthProperties properties) {
		return new KiwoomHealthIndicator(tokenProvider, properties.baseUrl());
	}

}
