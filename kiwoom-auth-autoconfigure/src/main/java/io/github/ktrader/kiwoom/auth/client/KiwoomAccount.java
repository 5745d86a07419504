package io.github.ktrader.kiwoom.auth.client;

import java.util.Optional;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.AccessTokenState;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What the application uses of one Kiwoom key pair: its client, its token provider and
 * its configurers, all bound to the pair's host and app key.
 *
 * @since 0.1.0
 */
public final class KiwoomAccount {

	private final String name;

	private final String host;

	private final KiwoomClient client;

	private final AccessTokenProvider tokenProvider;

	private final KiwoomRestClientConfigurer restClientConfigurer;

	private final Supplier<@Nullable KiwoomWebClientConfigurer> webClientConfigurer;

	private final @Nullable KiwoomRateLimiter rateLimiter;

	/**
	 * Create a view of a key pair.
	 * @param name the pair's name: {@code default}, or its name under
	 * {@code kiwoom.accounts}
	 * @param host the pair's Kiwoom host
	 * @param client the pair's client
	 * @param tokenProvider the pair's token provider
	 * @param restClientConfigurer the pair's {@code RestClient} configurer
	 * @param webClientConfigurer the pair's {@code WebClient} configurer, giving
	 * {@code null} without WebFlux
	 */
	public KiwoomAccount(String name, String host, KiwoomClient client, AccessTokenProvider tokenProvider,
			KiwoomRestClientConfigurer restClientConfigurer,
			Supplier<@Nullable KiwoomWebClientConfigurer> webClientConfigurer) {
		this(name, host, client, tokenProvider, restClientConfigurer, webClientConfigurer, null);
	}

	/**
	 * Create a view of a key pair that paces its calls.
	 * @param name the pair's name
	 * @param host the pair's Kiwoom host
	 * @param client the pair's client
	 * @param tokenProvider the pair's token provider
	 * @param restClientConfigurer the pair's {@code RestClient} configurer
	 * @param webClientConfigurer the pair's {@code WebClient} configurer, giving
	 * {@code null} without WebFlux
	 * @param rateLimiter the pair's pacing, or {@code null}
	 */
	public KiwoomAccount(String name, String host, KiwoomClient client, AccessTokenProvider tokenProvider,
			KiwoomRestClientConfigurer restClientConfigurer,
			Supplier<@Nullable KiwoomWebClientConfigurer> webClientConfigurer,
			@Nullable KiwoomRateLimiter rateLimiter) {
		Assert.hasText(name, "Name must not be empty");
		Assert.hasText(host, "Host must not be empty");
		Assert.notNull(client, "Client must not be null");
		Assert.notNull(tokenProvider, "TokenProvider must not be null");
		Assert.notNull(restClientConfigurer, "RestClientConfigurer must not be null");
		Assert.notNull(webClientConfigurer, "WebClientConfigurer must not be null");
		this.name = name;
		this.host = host;
		this.client = client;
		this.tokenProvider = tokenProvider;
		this.restClientConfigurer = restClientConfigurer;
		this.webClientConfigurer = webClientConfigurer;
		this.rateLimiter = rateLimiter;
	}

	/**
	 * Return the pair's pacing, when it is the starter's.
	 * @return the rate limiter, or empty
	 */
	public Optional<KiwoomRateLimiter> rateLimiter() {
		return Optional.ofNullable(this.rateLimiter);
	}

	/**
	 * Return the pair's name.
	 * @return {@code default}, or the name under {@code kiwoom.accounts}
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the Kiwoom host the pair's calls go to.
	 * @return the host, such as {@code https://mockapi.kiwoom.com}
	 */
	public String host() {
		return this.host;
	}

	/**
	 * Return the client that calls the pair's host with the pair's token.
	 * @return the client
	 */
	public KiwoomClient client() {
		return this.client;
	}

	/**
	 * Return the provider of the pair's token.
	 * @return the provider
	 */
	public AccessTokenProvider tokenProvider() {
		return this.tokenProvider;
	}

	/**
	 * Return the configurer that points a {@code RestClient.Builder} at the pair.
	 * @return the configurer
	 */
	public KiwoomRestClientConfigurer restClientConfigurer() {
		return this.restClientConfigurer;
	}

	/**
	 * Return the configurer that points a {@code WebClient.Builder} at the pair.
	 * @return the configurer
	 * @throws IllegalStateException if WebFlux is not on the class path
	 */
	public KiwoomWebClientConfigurer webClientConfigurer() {
		KiwoomWebClientConfigurer configurer = this.webClientConfigurer.get();
		Assert.state(configurer != null, () -> "No WebClient configurer for Kiwoom account '" + this.name
				+ "': spring-webflux is not on the class path");
		return configurer;
	}

	/**
	 * Return the state of the pair's token, when its provider is the starter's.
	 * @return the state, or empty for a provider of the application's own
	 */
	public Optional<AccessTokenState> state() {
		return (this.tokenProvider instanceof CachingAccessTokenProvider caching) ? Optional.of(caching.state())
				: Optional.empty();
	}

	@Override
	public String toString() {
		return "KiwoomAccount[" + this.name + ", " + this.host + "]";
	}

}
