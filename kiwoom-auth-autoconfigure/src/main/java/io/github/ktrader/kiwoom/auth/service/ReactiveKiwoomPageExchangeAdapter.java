package io.github.ktrader.kiwoom.auth.service;

import java.lang.reflect.Type;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.service.invoker.HttpExchangeAdapter;
import org.springframework.web.service.invoker.HttpRequestValues;
import org.springframework.web.service.invoker.ReactorHttpExchangeAdapterDecorator;

/**
 * {@link ReactorHttpExchangeAdapterDecorator} that lets a WebClient-backed HTTP service
 * method return {@code Mono<KiwoomPage<T>>} or {@code KiwoomPage<T>}, as
 * {@link KiwoomPageExchangeAdapter} does for RestClient-backed ones.
 * <p>
 * Stateless; thread-safe.
 *
 * @since 0.1.0
 * @see io.github.ktrader.kiwoom.auth.client.KiwoomReactivePages
 */
public class ReactiveKiwoomPageExchangeAdapter extends ReactorHttpExchangeAdapterDecorator {

	/**
	 * Decorate an adapter.
	 * @param delegate the adapter to decorate, a
	 * {@link org.springframework.web.service.invoker.ReactorHttpExchangeAdapter}
	 */
	public ReactiveKiwoomPageExchangeAdapter(HttpExchangeAdapter delegate) {
		super(delegate);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> Mono<T> exchangeForBodyMono(HttpRequestValues values, ParameterizedTypeReference<T> bodyType) {
		Type pageBody = KiwoomPageExchangeAdapter.pageBodyType(bodyType);
		if (pageBody == null) {
			return super.exchangeForBodyMono(values, bodyType);
		}
		return super.exchangeForEntityMono(values, ParameterizedTypeReference.<Object>forType(pageBody))
			.map((entity) -> (T) KiwoomPageExchangeAdapter.page(entity.getBody(), entity.getHeaders(), values));
	}

	@Override
	public <T> @Nullable T exchangeForBody(HttpRequestValues values, ParameterizedTypeReference<T> bodyType) {
		if (KiwoomPageExchangeAdapter.pageBodyType(bodyType) == null) {
			return super.exchangeForBody(values, bodyType);
		}
		Duration timeout = getBlockTimeout();
		Mono<T> page = exchangeForBodyMono(values, bodyType);
		return (timeout != null) ? page.block(timeout) : page.block();
	}

}
