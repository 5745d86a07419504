package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import io.github.ktrader.kiwoom.auth.AccessTokenListener;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.SharedTokenStore;
import io.github.ktrader.kiwoom.auth.TokenIssuer;
import io.github.ktrader.kiwoom.auth.TokenRevoker;
import io.github.ktrader.kiwoom.auth.client.KiwoomAccounts;
import io.github.ktrader.kiwoom.auth.client.KiwoomAuthInterceptor;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.client.KiwoomRestClientConfigurer;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEventPublisher;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import io.github.ktrader.kiwoom.auth.ratelimit.SharedPermitsFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
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
	KiwoomCredentials kiwoomCredentials(KiwoomAuthProperties properties, Environment environment) {
		new KiwoomPropertiesValidator("kiwoom", environment).validateKeys(properties.getAppkey(),
				properties.getSecretkey());
		return KiwoomPairFactory.credentials(properties);
	}

	@Bean
	KiwoomHttpClient kiwoomHttpClient(KiwoomAuthProperties properties, Environment environment) {
		new KiwoomPropertiesValidator("kiwoom", environment).validateSettings(properties);
		return KiwoomPairFactory.httpClient(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	TokenIssuer kiwoomTokenIssuer(KiwoomAuthProperties properties, KiwoomCredentials credentials,
			KiwoomHttpClient httpClient, KiwoomRateLimiter rateLimiter) {
		return KiwoomPairFactory.issuer(properties, credentials, httpClient, rateLimiter);
	}

	@Bean
	@ConditionalOnMissingBean
	TokenRevoker kiwoomTokenRevoker(KiwoomAuthProperties properties, KiwoomCredentials credentials,
			KiwoomHttpClient httpClient, KiwoomRateLimiter rateLimiter) {
		return KiwoomPairFactory.revoker(properties, credentials, httpClient, rateLimiter);
	}

	@Bean
	KiwoomSchedulerHolder kiwoomTokenRenewalScheduler() {
		return new KiwoomSchedulerHolder("kiwoom-token-", Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(AccessTokenProvider.class)
	@Qualifier(KiwoomTokenEventPublisher.DEFAULT_ACCOUNT)
	CachingAccessTokenProvider kiwoomAccessTokenProvider(TokenIssuer tokenIssuer, TokenRevoker tokenRevoker,
			KiwoomAuthProperties properties,
			@Qualifier("kiwoomTokenRenewalScheduler") KiwoomSchedulerHolder renewalScheduler,
			ObjectProvider<AccessTokenListener> listeners, ObjectProvider<SharedTokenStore> sharedTokenStore) {
		return KiwoomPairFactory.provider(KiwoomTokenEventPublisher.DEFAULT_ACCOUNT, properties, tokenIssuer,
				tokenRevoker, renewalScheduler, composite(listeners), sharedTokenStore.getIfAvailable());
	}

	/**
	 * Registered whatever {@code kiwoom.token.revoke-on-shutdown} says and reading it at
	 * shutdown: a condition would be frozen when the application is processed ahead of
	 * time.
	 */
	@Bean
	@ConditionalOnMissingBean
	RevokeTokenOnCloseLifecycle kiwoomRevokeTokenOnCloseLifecycle(ObjectProvider<AccessTokenProvider> tokenProvider,
			TokenRevoker tokenRevoker, KiwoomAuthProperties properties, ObjectProvider<AccessTokenListener> listeners) {
		return KiwoomPairFactory.revokeOnClose(tokenProvider.getObject(), tokenRevoker, properties,
				composite(listeners));
	}

	/**
	 * How long a caller waits for an au10001 another caller runs.
	 * @see KiwoomPairFactory#issueDeadline(KiwoomAuthProperties)
	 */
	static Duration issueDeadline(KiwoomAuthProperties properties) {
		return KiwoomPairFactory.issueDeadline(properties);
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
	KiwoomEnvironmentLogger kiwoomEnvironmentLogger(KiwoomAuthProperties properties, KiwoomCredentials credentials) {
		return new KiwoomEnvironmentLogger(properties.baseUrl(), credentials.appkey());
	}

	@Bean
	@ConditionalOnMissingBean
	KiwoomRateLimiter kiwoomRateLimiter(KiwoomAuthProperties properties,
			ObjectProvider<SharedPermitsFactory> sharedPermits) {
		return KiwoomPairFactory.rateLimiter(KiwoomTokenEventPublisher.DEFAULT_ACCOUNT, properties, "kiwoom",
				sharedPermits.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	KiwoomAuthInterceptor kiwoomAuthInterceptor(AccessTokenProvider tokenProvider, KiwoomAuthProperties properties,
			KiwoomRateLimiter rateLimiter) {
		return KiwoomPairFactory.interceptor(tokenProvider, properties, rateLimiter);
	}

	/**
	 * Backs off only for a {@code @Primary} configurer: any other one the application
	 * declares (for another host, say) must not redirect the default pair's calls.
	 */
	@Bean
	@Primary
	@Qualifier(KiwoomTokenEventPublisher.DEFAULT_ACCOUNT)
	@ConditionalOnNoReplacement(KiwoomRestClientConfigurer.class)
	KiwoomRestClientConfigurer kiwoomRestClientConfigurer(KiwoomAuthProperties properties, KiwoomHttpClient httpClient,
			KiwoomAuthInterceptor authInterceptor, ObjectProvider<JsonMapper> jsonMapper) {
		return KiwoomPairFactory.restClientConfigurer(properties, httpClient, authInterceptor,
				jsonMapper.getIfAvailable(JsonMapper::shared));
	}

	/**
	 * Backs off only for a {@code @Primary} client: any other one the application
	 * declares (for another host, say) must not redirect the default pair's calls.
	 */
	@Bean
	@Primary
	@Qualifier(KiwoomTokenEventPublisher.DEFAULT_ACCOUNT)
	@ConditionalOnNoReplacement(KiwoomClient.class)
	KiwoomClient kiwoomClient(KiwoomRestClientConfigurer configurer, ObjectProvider<RestClientCustomizer> customizers,
			ObjectProvider<JsonMapper> jsonMapper) {
		return KiwoomPairFactory.client(configurer, customizers, jsonMapper.getIfAvailable(JsonMapper::shared));
	}

	/**
	 * Reads {@code kiwoom.accounts} itself: static, as a registry post-processor must be.
	 */
	@Bean
	static KiwoomAccountsRegistrar kiwoomAccountsRegistrar() {
		return new KiwoomAccountsRegistrar();
	}

	@Bean
	KiwoomAccounts kiwoomAccounts(KiwoomAuthProperties properties, ListableBeanFactory beanFactory) {
		return KiwoomAccountsFactory.accounts(properties, beanFactory);
	}

	@Bean
	KiwoomBackOffReporter kiwoomBackOffReporter(ConfigurableListableBeanFactory beanFactory) {
		return new KiwoomBackOffReporter(beanFactory);
	}

	private static AccessTokenListener composite(ObjectProvider<AccessTokenListener> listeners) {
		return new CompositeAccessTokenListener(listeners.orderedStream().toList());
	}

}
