package io.github.ktrader.kiwoom.auth.autoconfigure.reactive;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthProperties;
import io.github.ktrader.kiwoom.auth.autoconfigure.service.KiwoomHttpServiceProperties;
import io.github.ktrader.kiwoom.auth.client.KiwoomWebClientConfigurer;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.autoconfigure.HttpClientProperties;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of {@link KiwoomWebClientConfigurer} when WebFlux's
 * {@link WebClient} is on the classpath, and of the WebClient-backed HTTP service group
 * {@code kiwoom.http-service.group}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = KiwoomAuthAutoConfiguration.class)
public final class KiwoomWebClientAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, reactor.core.publisher.Mono.class })
	@ConditionalOnBean(AccessTokenProvider.class)
	static class WebClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		KiwoomWebClientConfigurer kiwoomWebClientConfigurer(KiwoomAuthProperties properties,
				AccessTokenProvider tokenProvider, ObjectProvider<JsonMapper> jsonMapper,
				ObjectProvider<KiwoomRateLimiter> rateLimiter) {
			return new KiwoomWebClientConfigurer(properties.baseUrl(), tokenProvider,
					jsonMapper.getIfAvailable(JsonMapper::shared),
					rateLimiter.getIfAvailable(KiwoomRateLimiter::unpaced));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, reactor.core.publisher.Mono.class, WebClientHttpServiceGroupConfigurer.class,
			HttpServiceClientProperties.class })
	@ConditionalOnBean(AccessTokenProvider.class)
	@EnableConfigurationProperties(KiwoomHttpServiceProperties.class)
	static class HttpServiceConfiguration {

		@Bean
		KiwoomWebClientHttpServiceGroupConfigurer kiwoomWebClientHttpServiceGroupConfigurer(
				KiwoomHttpServiceProperties serviceProperties, KiwoomAuthProperties properties,
				KiwoomWebClientConfigurer configurer,
				ObjectProvider<HttpServiceClientProperties> serviceClientProperties) {
			return new KiwoomWebClientHttpServiceGroupConfigurer(serviceProperties.getGroup(), properties.baseUrl(),
					configurer, (group) -> userBaseUrl(serviceClientProperties, group));
		}

		private static @Nullable String userBaseUrl(ObjectProvider<HttpServiceClientProperties> serviceClientProperties,
				String group) {
			HttpServiceClientProperties all = serviceClientProperties.getIfAvailable();
			HttpClientProperties properties = (all != null) ? all.get(group) : null;
			return (properties != null) ? properties.getBaseUrl() : null;
		}

	}

}
