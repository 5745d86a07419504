package io.github.ktrader.kiwoom.auth.autoconfigure.reactive;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthProperties;
import io.github.ktrader.kiwoom.auth.client.KiwoomWebClientConfigurer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of {@link KiwoomWebClientConfigurer} when WebFlux's
 * {@link WebClient} is on the classpath.
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
				AccessTokenProvider tokenProvider, ObjectProvider<JsonMapper> jsonMapper) {
			return new KiwoomWebClientConfigurer(properties.baseUrl(), tokenProvider,
					jsonMapper.getIfAvailable(JsonMapper::shared));
		}

	}

}
