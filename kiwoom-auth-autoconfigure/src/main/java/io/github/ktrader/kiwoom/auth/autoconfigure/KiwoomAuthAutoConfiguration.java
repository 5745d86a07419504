package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.AccessTokenListener;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.SharedTokenStore;
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
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.function.SingletonSupplier;
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
		return new KiwoomCredentials(properties.getAppkey(), properties.getSecretkey());
	}

	@Bean
	KiwoomHttpClient kiwoomHttpClient(KiwoomAuthProperties properties, Environment environment) {
		new KiwoomPropertiesValidator("kiwoom", environment).validateSettings(properties);
		return new KiwoomHttpClient(properties.getConnectTimeout(),
				issueDeadline(properties).plus(properties.getToken().getRevokeTimeout()));
	}

	@Bean
	@ConditionalOnMissingBean
	TokenIssuer kiwoomTokenIssuer(KiwoomAuthProperties properties, KiwoomCredentials credentials,
			KiwoomHttpClient httpClient) {
		return new KiwoomTokenIssuer(
				tokenRestClient(properties, httpClient.requestFactory(properties.getReadTimeout())), credentials,
				JsonMapper.shared(), KiwoomTokenIssuer.defaultRetryPolicy());
	}

	@Bean
	@ConditionalOnMissingBean
	TokenRevoker kiwoomTokenRevoker(KiwoomAuthProperties properties, KiwoomCredentials credentials,
			KiwoomHttpClient httpClient) {
		Duration readTimeout = min(properties.getReadTimeout(), properties.getToken().getRevokeTimeout());
		return new KiwoomTokenRevoker(tokenRestClient(properties, httpClient.requestFactory(readTimeout)), credentials,
				JsonMapper.shared());
	}

	@Bean
	TokenRenewalScheduler kiwoomTokenRenewalScheduler() {
		return new TokenRenewalScheduler(Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(AccessTokenProvider.class)
	CachingAccessTokenProvider kiwoomAccessTokenProvider(TokenIssuer tokenIssuer, TokenRevoker tokenRevoker,
			KiwoomAuthProperties properties, TokenRenewalScheduler renewalScheduler,
			ObjectProvider<AccessTokenListener> listeners, ObjectProvider<SharedTokenStore> sharedTokenStore) {
		KiwoomAuthProperties.Token token = properties.getToken();
		CachingAccessTokenProvider provider = new CachingAccessTokenProvider(tokenIssuer, renewalScheduler.scheduler(),
				Clock.systemUTC(), token.getRenewBefore(), token.getRenewJitter());
		AccessTokenListener listener = composite(listeners);
		provider.setListener(listener);
		provider.setFailureCooldown(token.getFailureCooldown(), token.getTransientFailureCooldown());
		provider.setRejectionStormGuard(token.getYoungTokenAge(), token.getRejectionStormInterval());
		provider.setIssueWait(issueDeadline(properties));
		// Destroyed after the beans that use it: what they cause to be issued while they
		// are destroyed, or during a refresh that fails, is revoked here
		TokenRevocation revocation = new TokenRevocation(tokenRevoker, token.getRevokeTimeout(), listener,
				token::isRevokeOnShutdown);
		provider.setRevokeOnClose(revocation::revokeAll, token.getRevokeTimeout());
		// Cluster mode (kiwoom.token.store=redis)
		sharedTokenStore.ifAvailable((store) -> provider.setSharedTokenStore(store, token.getRedis().getLease()));
		return provider;
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
		KiwoomAuthProperties.Token token = properties.getToken();
		return new RevokeTokenOnCloseLifecycle(tokenProvider.getObject(), tokenRevoker, token.getRevokeTimeout(),
				composite(listeners), token::isRevokeOnShutdown);
	}

	/**
	 * How long a caller waits for an au10001 another caller runs: the longest the issue
	 * itself can take, four attempts (one and the default three retries) of connect and
	 * read timeout, plus their back-off delays (at most 3 s each).
	 */
	static Duration issueDeadline(KiwoomAuthProperties properties) {
		return properties.getConnectTimeout().plus(properties.getReadTimeout()).multipliedBy(4).plusSeconds(10);
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
	KiwoomAuthInterceptor kiwoomAuthInterceptor(AccessTokenProvider tokenProvider, KiwoomAuthProperties properties) {
		return new KiwoomAuthInterceptor(tokenProvider, JsonMapper.shared(), properties.getMaxResponseSize());
	}

	@Bean
	@ConditionalOnMissingBean
	KiwoomRestClientConfigurer kiwoomRestClientConfigurer(KiwoomAuthProperties properties, KiwoomHttpClient httpClient,
			KiwoomAuthInterceptor authInterceptor, ObjectProvider<JsonMapper> jsonMapper) {
		return new KiwoomRestClientConfigurer(properties.baseUrl(),
				httpClient.requestFactory(properties.getReadTimeout()), authInterceptor,
				jsonMapper.getIfAvailable(JsonMapper::shared));
	}

	@Bean
	@ConditionalOnMissingBean
	KiwoomClient kiwoomClient(KiwoomRestClientConfigurer configurer, ObjectProvider<RestClientCustomizer> customizers,
			ObjectProvider<JsonMapper> jsonMapper) {
		return new KiwoomClient(
				SingletonSupplier.of(() -> configurer.configure(dataRestClientBuilder(customizers)).build()),
				jsonMapper.getIfAvailable(JsonMapper::shared));
	}

	/**
	 * The application's customizations on a builder of our own: Boot's
	 * {@code RestClient.Builder} bean builds a request factory, and so a JDK
	 * {@code HttpClient}, every time it is handed out, which the configurer would only
	 * replace with the one {@link KiwoomHttpClient}.
	 */
	private static RestClient.Builder dataRestClientBuilder(ObjectProvider<RestClientCustomizer> customizers) {
		RestClient.Builder builder = RestClient.builder();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	private static AccessTokenListener composite(ObjectProvider<AccessTokenListener> listeners) {
		return new CompositeAccessTokenListener(listeners.orderedStream().toList());
	}

	/**
	 * Built on first use: an application that never calls Kiwoom pays nothing at startup.
	 * A builder of its own, never the application's: its customizers and interceptors
	 * would see the secret key (au10001, au10002) and the token (au10002).
	 */
	private static Supplier<RestClient> tokenRestClient(KiwoomAuthProperties properties,
			ClientHttpRequestFactory requestFactory) {
		return SingletonSupplier
			.of(() -> RestClient.builder().baseUrl(properties.baseUrl()).requestFactory(requestFactory).build());
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
