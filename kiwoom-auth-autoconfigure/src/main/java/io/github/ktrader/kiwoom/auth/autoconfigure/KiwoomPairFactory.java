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
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import io.github.ktrader.kiwoom.auth.ratelimit.SharedPermitsFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;

/**
 * Builds the objects of one key pair from its settings, the same way for the default pair
 * ({@code kiwoom.*}) and the named ones ({@code kiwoom.accounts.<name>.*}), so that a
 * pair's token lifecycle cannot differ by the way it was declared.
 */
final class KiwoomPairFactory {

	private KiwoomPairFactory() {
	}

	static KiwoomCredentials credentials(KiwoomAuthProperties properties) {
		return new KiwoomCredentials(properties.getAppkey(), properties.getSecretkey());
	}

	static TokenIssuer issuer(KiwoomAuthProperties properties, KiwoomCredentials credentials,
			KiwoomHttpClient httpClient, KiwoomRateLimiter rateLimiter) {
		return new KiwoomTokenIssuer(
				tokenRestClient(properties, httpClient.requestFactory(properties.getReadTimeout())), credentials,
				JsonMapper.shared(), KiwoomTokenIssuer.defaultRetryPolicy(), rateLimiter);
	}

	static TokenRevoker revoker(KiwoomAuthProperties properties, KiwoomCredentials credentials,
			KiwoomHttpClient httpClient, KiwoomRateLimiter rateLimiter) {
		Duration revokeTimeout = properties.getToken().getRevokeTimeout();
		Duration readTimeout = min(properties.getReadTimeout(), revokeTimeout);
		return new KiwoomTokenRevoker(tokenRestClient(properties, httpClient.requestFactory(readTimeout)), credentials,
				JsonMapper.shared(), rateLimiter, revokeTimeout);
	}

	/**
	 * The one place every pair's provider is built: what a provider needs besides its
	 * pair's settings (such as a shared token store) is added here for all pairs.
	 */
	static CachingAccessTokenProvider provider(String account, KiwoomAuthProperties properties, TokenIssuer tokenIssuer,
			TokenRevoker tokenRevoker, KiwoomSchedulerHolder renewalScheduler, AccessTokenListener listener,
			@Nullable SharedTokenStore sharedTokenStore) {
		KiwoomTokenProperties token = properties.getToken();
		CachingAccessTokenProvider provider = new CachingAccessTokenProvider(tokenIssuer, renewalScheduler.scheduler(),
				Clock.systemUTC(), token.getRenewBefore(), token.getRenewJitter());
		provider.setAccount(account);
		provider.setListener(listener);
		provider.setFailureCooldown(token.getFailureCooldown(), token.getTransientFailureCooldown());
		provider.setRejectionStormGuard(token.getYoungTokenAge(), token.getRejectionStormInterval());
		provider.setIpMismatchWindow(token.getIpMismatchWindow());
		provider.setIssueWait(issueDeadline(properties));
		// Destroyed after the beans that use it: what they cause to be issued while they
		// are destroyed, or during a refresh that fails, is revoked here
		TokenRevocation revocation = new TokenRevocation(tokenRevoker, token.getRevokeTimeout(), listener,
				token::isRevokeOnShutdown, account);
		provider.setRevokeOnClose(revocation::revokeAll, token.getRevokeTimeout(), revocation::isEnabled);
		if (sharedTokenStore != null) {
			// Cluster mode (kiwoom.token.store=redis)
			provider.setSharedTokenStore(sharedTokenStore, token.getRedis().getLease());
		}
		return provider;
	}

	static RevokeTokenOnCloseLifecycle revokeOnClose(AccessTokenProvider tokenProvider, TokenRevoker tokenRevoker,
			KiwoomAuthProperties properties, AccessTokenListener listener) {
		KiwoomTokenProperties token = properties.getToken();
		return new RevokeTokenOnCloseLifecycle(tokenProvider, tokenRevoker, token.getRevokeTimeout(), listener,
				token::isRevokeOnShutdown);
	}

	static KiwoomAuthInterceptor interceptor(AccessTokenProvider tokenProvider, KiwoomAuthProperties properties,
			KiwoomRateLimiter rateLimiter) {
		return new KiwoomAuthInterceptor(tokenProvider, JsonMapper.shared(), properties.getMaxResponseSize(),
				rateLimiter);
	}

	/**
	 * The pair's pacing, shared with the other instances on its key in cluster mode.
	 * @param name the pair's name
	 * @param properties the pair's settings
	 * @param prefix where they are bound, such as {@code kiwoom}
	 * @param sharedPermits creates the shared buckets in cluster mode, or {@code null}
	 */
	static KiwoomRateLimiter rateLimiter(String name, KiwoomAuthProperties properties, String prefix,
			@Nullable SharedPermitsFactory sharedPermits) {
		KiwoomRateLimiter limiter = new KiwoomRateLimiter(name,
				properties.getRateLimit().toSettings(prefix + ".rate-limit"));
		if (sharedPermits != null && properties.getToken().getStore() == KiwoomAuthProperties.TokenStore.REDIS) {
			limiter.setSharedPermits(sharedPermits.create(properties.baseUrl(), credentials(properties).appkey(),
					properties.getToken().getRedis().getKeyPrefix()));
		}
		return limiter;
	}

	static KiwoomRestClientConfigurer restClientConfigurer(KiwoomAuthProperties properties, KiwoomHttpClient httpClient,
			KiwoomAuthInterceptor authInterceptor, JsonMapper jsonMapper) {
		return new KiwoomRestClientConfigurer(properties.baseUrl(),
				httpClient.requestFactory(properties.getReadTimeout()), authInterceptor, jsonMapper);
	}

	static KiwoomClient client(KiwoomRestClientConfigurer configurer, ObjectProvider<RestClientCustomizer> customizers,
			JsonMapper jsonMapper) {
		return new KiwoomClient(
				SingletonSupplier.of(() -> configurer.configure(dataRestClientBuilder(customizers)).build()),
				jsonMapper);
	}

	/**
	 * A call in flight when the context closes may keep the HTTP client for the issue's
	 * deadline plus the revoke of the token it yields.
	 */
	static KiwoomHttpClient httpClient(KiwoomAuthProperties properties) {
		return new KiwoomHttpClient(properties.getConnectTimeout(),
				issueDeadline(properties).plus(properties.getToken().getRevokeTimeout()));
	}

	/**
	 * How long a caller waits for an au10001 another caller runs: the longest the issue
	 * itself can take, four attempts (one and the default three retries) of connect and
	 * read timeout, plus their back-off delays (at most 3 s each), plus the wait for
	 * au10001's permit of Kiwoom's allowance ({@code kiwoom.rate-limit.max-wait}).
	 */
	static Duration issueDeadline(KiwoomAuthProperties properties) {
		return properties.getConnectTimeout()
			.plus(properties.getReadTimeout())
			.multipliedBy(4)
			.plusSeconds(10)
			.plus(properties.getRateLimit().getMaxWait());
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
