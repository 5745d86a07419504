package io.github.ktrader.kiwoom.auth.client;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * {@link ClientHttpRequestInterceptor} that sends {@code authorization: Bearer <token>}
 * with every Kiwoom call and recovers once when Kiwoom rejects the token.
 * <p>
 * A rejection is HTTP 401, or any answer whose code is 8005, 8010, 8031 or 8103, whether
 * it arrives in brackets in {@code return_msg} of an HTTP 200 answer or as
 * {@code return_code} itself. The provider then drops that token (if it is still the
 * cached one) and hands out a new one, and the call is sent once more. Nothing else is
 * retried but a call Kiwoom refused for its rate, so an order is never sent twice after
 * Kiwoom may have accepted it; calls are paced to Kiwoom's allowance when the interceptor
 * is given a {@link KiwoomRateLimiter} (the starter's are).
 * <p>
 * Answers are bounded: the caller reads at most {@code kiwoom.max-response-size} bytes
 * (counted after decompression), past which the call fails with a
 * {@link KiwoomApiException} of kind
 * {@link io.github.ktrader.kiwoom.auth.KiwoomErrorKind#RESPONSE_TOO_LARGE}. Only a small
 * answer (a rejection is a small JSON object) is read ahead to check it; a large one
 * streams to the caller uncopied. A call that gets no answer fails with a
 * {@link KiwoomApiException} naming the TR rather than an {@link java.io.IOException}.
 * <p>
 * {@link KiwoomRestClientConfigurer} uses it only where it must keep a request factory it
 * did not make; otherwise it wraps its own factory, which does the same without the copy
 * of every request that a {@code RestClient} with an interceptor makes. Add it yourself
 * to a {@code RestTemplate} or a client whose request factory is not Kiwoom's.
 *
 * @since 0.1.0
 */
public final class KiwoomAuthInterceptor implements ClientHttpRequestInterceptor {

	/**
	 * Header that carries the token, spelled as in Kiwoom's guide.
	 */
	public static final String AUTHORIZATION = "authorization";

	/**
	 * Default of {@code kiwoom.max-response-size}: 4 MiB.
	 */
	static final long DEFAULT_MAX_RESPONSE_SIZE = 4L * 1024 * 1024;

	private final AuthorizedExchange exchange;

	/**
	 * Create an interceptor that reads answers of up to 4 MiB.
	 * @param tokenProvider where tokens come from
	 * @param jsonMapper the mapper used to read {@code return_code} from answers
	 */
	public KiwoomAuthInterceptor(AccessTokenProvider tokenProvider, JsonMapper jsonMapper) {
		this(tokenProvider, jsonMapper, DataSize.ofBytes(DEFAULT_MAX_RESPONSE_SIZE));
	}

	/**
	 * Create an interceptor.
	 * @param tokenProvider where tokens come from
	 * @param jsonMapper the mapper used to read {@code return_code} from answers
	 * @param maxResponseSize the largest answer a caller may read
	 * ({@code kiwoom.max-response-size})
	 */
	public KiwoomAuthInterceptor(AccessTokenProvider tokenProvider, JsonMapper jsonMapper, DataSize maxResponseSize) {
		this(tokenProvider, jsonMapper, maxResponseSize, KiwoomRateLimiter.unpaced());
	}

	/**
	 * Create an interceptor that paces its calls to Kiwoom's allowance.
	 * @param tokenProvider where tokens come from
	 * @param jsonMapper the mapper used to read {@code return_code} from answers
	 * @param maxResponseSize the largest answer a caller may read
	 * ({@code kiwoom.max-response-size})
	 * @param rateLimiter the key pair's pacing ({@code kiwoom.rate-limit.*})
	 */
	public KiwoomAuthInterceptor(AccessTokenProvider tokenProvider, JsonMapper jsonMapper, DataSize maxResponseSize,
			KiwoomRateLimiter rateLimiter) {
		Assert.notNull(tokenProvider, "TokenProvider must not be null");
		Assert.notNull(jsonMapper, "JsonMapper must not be null");
		Assert.notNull(maxResponseSize, "MaxResponseSize must not be null");
		Assert.isTrue(maxResponseSize.toBytes() > 0, "MaxResponseSize must be positive");
		Assert.notNull(rateLimiter, "RateLimiter must not be null");
		this.exchange = new AuthorizedExchange(tokenProvider, new KiwoomStatusReader(jsonMapper),
				maxResponseSize.toBytes(), rateLimiter);
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution) {
		return this.exchange.exchange(request, (token) -> {
			request.getHeaders().set(AUTHORIZATION, token.authorization());
			return execution.execute(request, body);
		});
	}

	/**
	 * Return a request factory that does what this interceptor does, without the copy of
	 * every request that any interceptor costs a {@code RestClient}.
	 * @param delegate the factory that does the HTTP
	 * @return the factory
	 */
	ClientHttpRequestFactory requestFactory(ClientHttpRequestFactory delegate) {
		return new KiwoomRequestFactory(delegate, this.exchange);
	}

}
