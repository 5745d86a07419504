package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Ready-made client for Kiwoom's data calls (TRs): base URL {@code kiwoom.host}, JSON,
 * and {@code authorization: Bearer <token>} on every request. <pre class="code">
 * StockInfo info = kiwoomClient.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), StockInfo.class);
 * </pre> Continuous queries (연속조회) page with {@link #postPage} and {@link #postPages},
 * which resume after a failure from {@link KiwoomPagingException#resumeKey()};
 * {@link #restClient()} is the underlying client with the same authentication, for
 * anything else.
 * <p>
 * Every call throws only {@link io.github.ktrader.kiwoom.auth.KiwoomException}: a
 * {@link KiwoomApiException} for Kiwoom's errors, an answer that could not be bound or no
 * answer in time, a {@link io.github.ktrader.kiwoom.auth.KiwoomAuthException} when no
 * token could be issued for the call.
 *
 * @since 0.1.0
 */
public final class KiwoomClient {

	/**
	 * Header that names the TR.
	 */
	public static final String API_ID = "api-id";

	/**
	 * Paging header: {@code Y} on an answer with more pages, and on a request for the
	 * next page.
	 */
	public static final String CONT_YN = "cont-yn";

	/**
	 * Paging header: the key of the next page, as the previous answer gave it.
	 */
	public static final String NEXT_KEY = "next-key";

	private final Supplier<RestClient> restClient;

	private final JsonMapper jsonMapper;

	private final KiwoomStatusReader statusReader;

	/**
	 * Create a client.
	 * @param restClient a client configured by {@link KiwoomRestClientConfigurer}
	 * @param jsonMapper the mapper for request and answer bodies
	 */
	public KiwoomClient(RestClient restClient, JsonMapper jsonMapper) {
		this(KiwoomTokenIssuer.supplier(restClient), jsonMapper);
	}

	/**
	 * Create a client whose {@link RestClient} is built on first use, so that startup
	 * pays nothing for it.
	 * @param restClient supplies a client configured by
	 * {@link KiwoomRestClientConfigurer}; called once per call, so it should cache what
	 * it builds
	 * @param jsonMapper the mapper for request and answer bodies
	 */
	public KiwoomClient(Supplier<RestClient> restClient, JsonMapper jsonMapper) {
		Assert.notNull(restClient, "RestClient must not be null");
		Assert.notNull(jsonMapper, "JsonMapper must not be null");
		this.restClient = restClient;
		this.jsonMapper = jsonMapper;
		this.statusReader = new KiwoomStatusReader(jsonMapper);
	}

	/**
	 * Return the underlying client, with Kiwoom's base URL and authentication.
	 * @return the client
	 */
	public RestClient restClient() {
		return this.restClient.get();
	}

	/**
	 * Call a TR and bind its answer.
	 * @param <T> the answer type
	 * @param apiId the TR id, sent as the {@code api-id} header
	 * @param path the path, such as {@code /api/dostk/stkinfo}
	 * @param body the request body, written as JSON
	 * @param responseType the type to bind the answer to
	 * @return the answer
	 * @throws KiwoomApiException if Kiwoom answered with an error, also after a retry
	 * with a new token, gave no answer in time, or gave one that could not be bound
	 */
	public <T> T post(String apiId, String path, Object body, Class<T> responseType) {
		return postPage(apiId, path, body, responseType, null).body();
	}

	/**
	 * Call one page of a continuous query (연속조회) and return it with the paging headers of
	 * the answer. Without a {@code nextKey} this is the first page; with one, the request
	 * carries {@code cont-yn: Y} and that {@code next-key}.
	 * @param <T> the answer type
	 * @param apiId the TR id, sent as the {@code api-id} header
	 * @param path the path, such as {@code /api/dostk/chart}
	 * @param body the request body, written as JSON (the same for every page)
	 * @param responseType the type to bind each answer to
	 * @param nextKey {@link KiwoomPage#nextKey()} of the previous page, or {@code null}
	 * for the first page
	 * @return the page
	 * @throws KiwoomApiException as {@link #post} does
	 */
	public <T> KiwoomPage<T> postPage(String apiId, String path, Object body, Class<T> responseType,
			@Nullable String nextKey) {
		Assert.hasText(apiId, "ApiId must not be empty");
		Assert.hasText(path, "Path must not be empty");
		Assert.notNull(body, "Body must not be null");
		Assert.notNull(responseType, "ResponseType must not be null");
		return exchange(apiId, path, write(apiId, path, body), responseType, nextKey);
	}

	/**
	 * Walk all pages of a continuous query lazily: each page is one call, made when the
	 * stream reaches it, and the walk ends after the page that says {@code cont-yn: N}.
	 * <pre class="code">
	 * kiwoomClient.postPages("ka10081", "/api/dostk/chart", request, DailyChart.class, 10)
	 *     .forEach((chart) -&gt; save(chart.rows()));
	 * </pre>
	 * @param <T> the answer type
	 * @param apiId the TR id, sent as the {@code api-id} header
	 * @param path the path, such as {@code /api/dostk/chart}
	 * @param body the request body, written as JSON (the same for every page)
	 * @param responseType the type to bind each answer to
	 * @param maxPages the most pages to ask for
	 * @return the answers, one per page
	 * @throws KiwoomPagingException from the stream, for the page that failed, with the
	 * pages read and the {@code next-key} to resume from
	 */
	public <T> Stream<T> postPages(String apiId, String path, Object body, Class<T> responseType, int maxPages) {
		return postPages(apiId, path, body, responseType, null, maxPages);
	}

	/**
	 * Walk the pages of a continuous query lazily from a given {@code next-key}: resumes
	 * a walk that failed, with {@link KiwoomPagingException#resumeKey()}, fetching only
	 * the pages it had not read. <pre class="code">
	 * catch (KiwoomPagingException ex) {
	 *     kiwoomClient.postPages("ka10081", "/api/dostk/chart", request, DailyChart.class, ex.resumeKey(), 10)
	 *         .forEach((chart) -&gt; save(chart.rows()));
	 * }
	 * </pre>
	 * @param <T> the answer type
	 * @param apiId the TR id, sent as the {@code api-id} header
	 * @param path the path, such as {@code /api/dostk/chart}
	 * @param body the request body, written as JSON: the same as the walk that gave the
	 * key
	 * @param responseType the type to bind each answer to
	 * @param nextKey the {@code next-key} to start from, or {@code null} for the first
	 * page
	 * @param maxPages the most pages to ask for
	 * @return the answers, one per page
	 * @throws KiwoomPagingException from the stream, for the page that failed
	 */
	public <T> Stream<T> postPages(String apiId, String path, Object body, Class<T> responseType,
			@Nullable String nextKey, int maxPages) {
		Assert.hasText(apiId, "ApiId must not be empty");
		Assert.hasText(path, "Path must not be empty");
		Assert.notNull(body, "Body must not be null");
		Assert.notNull(responseType, "ResponseType must not be null");
		Assert.isTrue(maxPages > 0, "MaxPages must be positive");
		byte[] requestBody = write(apiId, path, body);
		return KiwoomPages.stream(nextKey, maxPages, (key) -> exchange(apiId, path, requestBody, responseType, key))
			.map(KiwoomPage::body);
	}

	/**
	 * Walk all pages of a continuous query lazily, without a limit on their number.
	 * @param <T> the answer type
	 * @param apiId the TR id, sent as the {@code api-id} header
	 * @param path the path, such as {@code /api/dostk/chart}
	 * @param body the request body, written as JSON (the same for every page)
	 * @param responseType the type to bind each answer to
	 * @return the answers, one per page
	 * @see #postPages(String, String, Object, Class, int)
	 */
	public <T> Stream<T> postPages(String apiId, String path, Object body, Class<T> responseType) {
		return postPages(apiId, path, body, responseType, null, Integer.MAX_VALUE);
	}

	private byte[] write(String apiId, String path, Object body) {
		try {
			return this.jsonMapper.writeValueAsBytes(body);
		}
		catch (JacksonException ex) {
			throw new KiwoomApiException(apiId, path, KiwoomErrorKind.OTHER,
					"the request body (" + body.getClass().getName() + ") could not be written as JSON.");
		}
	}

	private <T> KiwoomPage<T> exchange(String apiId, String path, byte[] requestBody, Class<T> responseType,
			@Nullable String nextKey) {
		try {
			return this.restClient.get().post().uri(path).headers((headers) -> {
				headers.set(API_ID, apiId);
				if (nextKey != null) {
					headers.set(CONT_YN, "Y");
					headers.set(NEXT_KEY, nextKey);
				}
			})
				.body(requestBody)
				.exchange((request, response) -> read(apiId, path, request, response, responseType), true);
		}
		catch (ResourceAccessException ex) {
			throw new KiwoomApiException(apiId, path, ex);
		}
	}

	private <T> KiwoomPage<T> read(String apiId, String path, HttpRequest request, ClientHttpResponse answer,
			Class<T> responseType) throws IOException {
		KiwoomResponse response = KiwoomResponse.of(answer, apiId, path,
				KiwoomAuthInterceptor.DEFAULT_MAX_RESPONSE_SIZE, AuthorizedExchange.MAX_RESPONSE_SIZE_PROPERTY,
				this.statusReader);
		KiwoomStatus status = response.status();
		if (!status.isSuccess()) {
			throw new KiwoomApiException(apiId, path, status);
		}
		T body;
		try {
			body = this.jsonMapper.readValue(response.getBody(), responseType);
		}
		catch (JacksonException ex) {
			throw response.bindingFailure(responseType.getName(), ex);
		}
		return new KiwoomPage<>(body, response.getHeaders().getFirst(CONT_YN),
				response.getHeaders().getFirst(NEXT_KEY));
	}

}
