package io.github.ktrader.kiwoom.auth.client;

import java.util.function.Function;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.codec.CodecException;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Walks a continuous query (연속조회) as a {@link Flux} of pages, one request per page and
 * only as the subscriber asks for it: <pre class="code">
 * KiwoomReactivePages.postPages(kiwoomWebClient, "ka10081", "/api/dostk/chart", request, DailyChart.class, null, 10)
 *     .concatMap((page) -&gt; save(page.body()));
 * </pre> A failed page ends the flux with {@link KiwoomPagingException}, carrying the
 * pages read and the {@code next-key} to resume from; passing that key as {@code nextKey}
 * resumes the walk where it stopped.
 *
 * @since 0.1.0
 * @see KiwoomPages
 */
public final class KiwoomReactivePages {

	private KiwoomReactivePages() {
	}

	/**
	 * Walk the pages of a TR with a {@link WebClient} configured by
	 * {@link KiwoomWebClientConfigurer}: each request carries the {@code api-id} header,
	 * and each one after the first {@code cont-yn: Y} and the previous answer's
	 * {@code next-key}.
	 * @param <T> the answer type
	 * @param webClient a client configured by {@link KiwoomWebClientConfigurer}
	 * @param apiId the TR id, sent as the {@code api-id} header
	 * @param path the path, such as {@code /api/dostk/chart}
	 * @param body the request body, written as JSON (the same for every page)
	 * @param responseType the type to bind each answer to
	 * @param nextKey the {@code next-key} to start from, such as
	 * {@link KiwoomPagingException#resumeKey()}, or {@code null} for the first page
	 * @param maxPages the most pages to ask for
	 * @return the pages
	 */
	public static <T> Flux<KiwoomPage<T>> postPages(WebClient webClient, String apiId, String path, Object body,
			Class<T> responseType, @Nullable String nextKey, int maxPages) {
		Assert.notNull(webClient, "WebClient must not be null");
		Assert.hasText(apiId, "ApiId must not be empty");
		Assert.hasText(path, "Path must not be empty");
		Assert.notNull(body, "Body must not be null");
		Assert.notNull(responseType, "ResponseType must not be null");
		return pages(nextKey, maxPages, (key) -> webClient.post().uri(path).headers((headers) -> {
			headers.set(KiwoomClient.API_ID, apiId);
			if (key != null) {
				headers.set(KiwoomClient.CONT_YN, "Y");
				headers.set(KiwoomClient.NEXT_KEY, key);
			}
		})
			.bodyValue(body)
			.retrieve()
			.toEntity(responseType)
			.onErrorMap(CodecException.class, (ex) -> unbound(apiId, path, responseType))
			.map((entity) -> page(entity, apiId, path, responseType)));
	}

	/**
	 * Walk the pages with any call that fetches one page, such as a reactive HTTP service
	 * interface method returning {@code Mono<KiwoomPage<T>>}. A page is asked for only
	 * when the subscriber has demand for it, and never before the previous one arrived.
	 * @param <T> the answer type
	 * @param nextKey the {@code next-key} to start from, or {@code null} for the first
	 * page
	 * @param maxPages the most pages to ask for
	 * @param fetchPage fetches the page for a {@code next-key}, or the first page for
	 * {@code null}; called once per page, when that page is due
	 * @return the pages
	 */
	public static <T> Flux<KiwoomPage<T>> pages(@Nullable String nextKey, int maxPages,
			Function<@Nullable String, Mono<KiwoomPage<T>>> fetchPage) {
		Assert.isTrue(maxPages > 0, "MaxPages must be positive");
		Assert.notNull(fetchPage, "FetchPage must not be null");
		return Flux.defer(() -> {
			KiwoomPages.Walk walk = new KiwoomPages.Walk(nextKey);
			// concatMap without prefetch subscribes to a page's call once the previous
			// page was delivered, even without demand; the call itself waits for it
			return Flux.range(0, maxPages)
				.concatMap((tick) -> whenRequested(() -> fetchPage.apply(walk.key()))
					.onErrorMap((ex) -> ex instanceof KiwoomException && !(ex instanceof KiwoomPagingException),
							(ex) -> walk.failure((KiwoomException) ex))
					.doOnNext(walk::read), 0)
				.takeUntil((page) -> !page.hasNext());
		});
	}

	/**
	 * Return a publisher that makes the call when its subscriber first asks for an
	 * element, not when it subscribes: subscribing to a WebClient exchange may already
	 * send the request.
	 */
	private static <T> Flux<T> whenRequested(Supplier<Mono<T>> call) {
		// hide(): a scalar source would let concatMap call at once, on subscription
		return Flux.just(Boolean.TRUE).hide().concatMap((ignored) -> call.get(), 0);
	}

	private static <T> KiwoomPage<T> page(ResponseEntity<T> entity, String apiId, String path, Class<T> type) {
		T body = entity.getBody();
		if (body == null) {
			throw unbound(apiId, path, type);
		}
		return new KiwoomPage<>(body, entity.getHeaders().getFirst(KiwoomClient.CONT_YN),
				entity.getHeaders().getFirst(KiwoomClient.NEXT_KEY));
	}

	private static KiwoomApiException unbound(String apiId, String path, Class<?> type) {
		return new KiwoomApiException(apiId, path, KiwoomErrorKind.MALFORMED_RESPONSE,
				"Kiwoom's answer could not be bound to " + type.getName() + ".");
	}

}
