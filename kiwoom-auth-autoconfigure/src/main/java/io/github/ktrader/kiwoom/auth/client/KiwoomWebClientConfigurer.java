package io.github.ktrader.kiwoom.auth.client;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Puts Kiwoom's base URL, JSON content type, Bearer authentication with its recovery, and
 * Kiwoom's error model on a {@link WebClient.Builder}, for WebFlux applications:
 * <pre class="code">
 * WebClient kiwoom = kiwoomWebClientConfigurer.configure(webClientBuilder).build();
 * </pre>
 * <p>
 * Obtaining a token never blocks the calling thread: a cached token is used at once;
 * otherwise au10001 runs on {@link Schedulers#boundedElastic()}, and concurrent callers
 * share that one issue. When Kiwoom rejects the token (8005, 8010, 8031, 8103 or HTTP
 * 401), it is renewed and the call sent once more. A Kiwoom error (a status other than
 * 2xx, a non-zero {@code return_code}) then fails the call with
 * {@link KiwoomApiException}; {@link #withoutErrorChecks()} hands such answers on as
 * ordinary responses instead, for reading raw bodies.
 *
 * @since 0.1.0
 */
public final class KiwoomWebClientConfigurer {

	private final String host;

	private final KiwoomExchangeFilter filter;

	/**
	 * Create a configurer.
	 * @param host the Kiwoom host, such as {@code https://api.kiwoom.com}
	 * @param tokenProvider where tokens come from
	 * @param jsonMapper the mapper used to read {@code return_code} from answers
	 */
	public KiwoomWebClientConfigurer(String host, AccessTokenProvider tokenProvider, JsonMapper jsonMapper) {
		this(host, tokenProvider, jsonMapper, Schedulers.boundedElastic());
	}

	/**
	 * Create a configurer whose clients pace their calls to Kiwoom's allowance.
	 * @param host the Kiwoom host, such as {@code https://api.kiwoom.com}
	 * @param tokenProvider where tokens come from
	 * @param jsonMapper the mapper used to read {@code return_code} from answers
	 * @param rateLimiter the key pair's pacing ({@code kiwoom.rate-limit.*})
	 */
	public KiwoomWebClientConfigurer(String host, AccessTokenProvider tokenProvider, JsonMapper jsonMapper,
			KiwoomRateLimiter rateLimiter) {
		this(host, tokenProvider, jsonMapper, Schedulers.boundedElastic(), rateLimiter, Schedulers.parallel());
	}

	KiwoomWebClientConfigurer(String host, AccessTokenProvider tokenProvider, JsonMapper jsonMapper,
			Scheduler scheduler) {
		this(host, tokenProvider, jsonMapper, scheduler, KiwoomRateLimiter.unpaced(), Schedulers.parallel());
	}

	KiwoomWebClientConfigurer(String host, AccessTokenProvider tokenProvider, JsonMapper jsonMapper,
			Scheduler scheduler, KiwoomRateLimiter rateLimiter, Scheduler delays) {
		Assert.hasText(host, "Host must not be empty");
		Assert.notNull(tokenProvider, "TokenProvider must not be null");
		Assert.notNull(jsonMapper, "JsonMapper must not be null");
		Assert.notNull(rateLimiter, "RateLimiter must not be null");
		this.host = host;
		this.filter = new KiwoomExchangeFilter(new ReactiveAccessTokens(tokenProvider, scheduler),
				new KiwoomStatusReader(jsonMapper), true, rateLimiter, delays);
	}

	private KiwoomWebClientConfigurer(String host, KiwoomExchangeFilter filter) {
		this.host = host;
		this.filter = filter;
	}

	/**
	 * Return a configurer whose clients still authenticate and recover, but hand Kiwoom's
	 * error answers on as ordinary responses.
	 * @return a configurer without error checks
	 */
	public KiwoomWebClientConfigurer withoutErrorChecks() {
		return new KiwoomWebClientConfigurer(this.host, this.filter.withoutErrorChecks());
	}

	/**
	 * Configure the builder for Kiwoom calls.
	 * @param builder the builder to configure
	 * @return the same builder
	 */
	public WebClient.Builder configure(WebClient.Builder builder) {
		Assert.notNull(builder, "Builder must not be null");
		return builder.baseUrl(this.host)
			.defaultHeader(HttpHeaders.CONTENT_TYPE, KiwoomAuthCalls.JSON_UTF8.toString())
			.filter(this.filter);
	}

}
