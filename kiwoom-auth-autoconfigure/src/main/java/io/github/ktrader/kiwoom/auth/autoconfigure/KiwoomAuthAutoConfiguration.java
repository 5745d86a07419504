package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

import io.github.ktrader.kiwoom.auth.AccessTokenListener;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.TokenIssuer;
import io.github.ktrader.kiwoom.auth.TokenRevoker;
import io.github.ktrader.kiwoom.auth.client.KiwoomAuthInterceptor;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.client.KiwoomRestClientConfigurer;
import io.github.ktrader.kiwoom.auth.client.KiwoomTokenIssuer;
import io.github.ktrader.kiwoom.auth.client.KiwoomTokenRevoker;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEventPublisher;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for Kiwoom access tokens: issued on first use, cached, renewed
 * before expiry, sent as Bearer on every call through {@link KiwoomClient}, and revoked
 * when the context closes.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { RestClientAutoConfiguration.class, JacksonAutoConfiguration.class })
@ConditionalOnClass({ RestClient.class, JsonMapper.class })
@EnableConfigurationProperties(KiwoomAuthProperties.class)
public final class KiwoomAuthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KiwoomCredentials kiwoomCredentials(KiwoomAuthProperties properties) {
		return new KiwoomCredentials(properties.getAppkey(), properties.getSecretkey());
	}

	@Bean
	@ConditionalOnMissingBean
	TokenIssuer kiwoomTokenIssuer(KiwoomAuthProperties properties, KiwoomCredentials credentials,
			ObjectProvider<RestClient.Builder> restClientBuilder) {
		RestClient restClient = tokenRestClient(properties, properties.getReadTimeout(), restClientBuilder);
		return new KiwoomTokenIssuer(restClient, credentials, JsonMapper.shared());
	}

	@Bean
	@ConditionalOnMissingBean
	TokenRevoker kiwoomTokenRevoker(KiwoomAuthProperties properties, KiwoomCredentials credentials,
			ObjectProvider<RestClient.Builder> restClientBuilder) {
		Duration readTimeout = min(properties.getReadTimeout(), properties.getToken().getRevokeTimeout());
		RestClient restClient = tokenRestClient(properties, readTimeout, restClientBuilder);
		return new KiwoomTokenRevoker(restClient, credentials, JsonMapper.shared());
	}

	@Bean
	TokenRenewalScheduler kiwoomTokenRenewalScheduler() {
		return new TokenRenewalScheduler(Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(AccessTokenProvider.class)
	CachingAccessTokenProvider kiwoomAccessTokenProvider(TokenIssuer tokenIssuer, KiwoomAuthProperties properties,
			TokenRenewalScheduler renewalScheduler, ObjectProvider<AccessTokenListener> listeners) {
		KiwoomAuthProperties.Token token = properties.getToken();
		CachingAccessTokenProvider provider = new CachingAccessTokenProvider(tokenIssuer, renewalScheduler.scheduler(),
				Clock.systemUTC(), token.getRenewBefore(), token.getRenewJitter());
		provider.setListener(composite(listeners));
		return provider;
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "kiwoom.token.revoke-on-shutdown", matchIfMissing = true)
	@ConditionalOnMissingBean
	RevokeTokenOnCloseLifecycle kiwoomRevokeTokenOnCloseLifecycle(ObjectProvider<AccessTokenProvider> tokenProvider,
			TokenRevoker tokenRevoker, KiwoomAuthProperties properties, ObjectProvider<AccessTokenListener> listeners) {
		return new RevokeTokenOnCloseLifecycle(tokenProvider.getObject(), tokenRevoker,
				properties.getToken().getRevokeTimeout(), composite(listeners));
	}

	/**
	 * Depends on nothing but the context, so the provider can take it as a listener.
	 */
	@Bean
	@ConditionalOnMissingBean
	KiwoomTokenEventPublisher kiwoomTokenEventPublisher(ApplicationEventPublisher eventPublisher) {
		return new KiwoomTokenEventPublisher(eventPublisher);
	}

	@Bean
	@ConditionalOnMissingBean
	KiwoomAuthInterceptor kiwoomAuthInterceptor(AccessTokenProvider tokenProvider) {
		return new KiwoomAuthInterceptor(tokenProvider, JsonMapper.shared());
	}

	@Bean
	@ConditionalOnMissingBean
	KiwoomRestClientConfigurer kiwoomRestClientConfigurer(KiwoomAuthProperties properties,
			KiwoomAuthInterceptor authInterceptor) {
		return new KiwoomRestClientConfigurer(properties.baseUrl(),
				requestFactory(properties.getConnectTimeout(), properties.getReadTimeout()), authInterceptor);
	}

	@Bean
	@ConditionalOnMissingBean
	KiwoomClient kiwoomClient(KiwoomRestClientConfigurer configurer,
			ObjectProvider<RestClient.Builder> restClientBuilder, ObjectProvider<JsonMapper> jsonMapper) {
		RestClient restClient = configurer.configure(restClientBuilder.getIfAvailable(RestClient::builder)).build();
		return new KiwoomClient(restClient, jsonMapper.getIfAvailable(JsonMapper::shared));
	}

	private static AccessTokenListener composite(ObjectProvider<AccessTokenListener> listeners) {
		return new CompositeAccessTokenListener(listeners.orderedStream().toList());
	}

	private static RestClient tokenRestClient(KiwoomAuthProperties properties, Duration readTimeout,
			ObjectProvider<RestClient.Builder> restClientBuilder) {
		return restClientBuilder.getIfAvailable(RestClient::builder)
			.baseUrl(properties.baseUrl())
			.requestFactory(requestFactory(properties.getConnectTimeout(), readTimeout))
			.bufferContent((uri, method) -> true)
			.build();
	}

	/**
	 * Kiwoom's examples speak HTTP/1.1 with a {@code Content-Length}; the JDK client
	 * would otherwise try HTTP/2 (and {@code Upgrade: h2c} on plain http).
	 */
	private static ClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
		return ClientHttpRequestFactoryBuilder.jdk()
			.withHttpClientCustomizer((builder) -> builder.version(HttpClient.Version.HTTP_1_1))
			.build(HttpClientSettings.defaults().withTimeouts(connectTimeout, readTimeout));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
