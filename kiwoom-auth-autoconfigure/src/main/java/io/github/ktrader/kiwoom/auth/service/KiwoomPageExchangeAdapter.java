package io.github.ktrader.kiwoom.auth.service;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.client.KiwoomApiException;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.client.KiwoomPage;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.web.service.invoker.HttpExchangeAdapter;
import org.springframework.web.service.invoker.HttpExchangeAdapterDecorator;
import org.springframework.web.service.invoker.HttpRequestValues;

/**
 * {@link HttpExchangeAdapterDecorator} that lets an HTTP service method return
 * {@link KiwoomPage KiwoomPage&lt;T&gt;}: the answer is bound to {@code T} and the page
 * carries the answer's {@code cont-yn} and {@code next-key} headers. Other return types
 * pass through unchanged.
 * <p>
 * Stateless; thread-safe.
 *
 * @since 0.1.0
 * @see KiwoomNextKey
 */
public class KiwoomPageExchangeAdapter extends HttpExchangeAdapterDecorator {

	/**
	 * Decorate an adapter.
	 * @param delegate the adapter to decorate
	 */
	public KiwoomPageExchangeAdapter(HttpExchangeAdapter delegate) {
		super(delegate);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T exchangeForBody(HttpRequestValues values, ParameterizedTypeReference<T> bodyType) {
		Type pageBody = pageBodyType(bodyType);
		if (pageBody == null) {
			return super.exchangeForBody(values, bodyType);
		}
		var entity = super.exchangeForEntity(values, ParameterizedTypeReference.forType(pageBody));
		return (T) page(entity.getBody(), entity.getHeaders(), values);
	}

	/**
	 * Return {@code T} of a {@code KiwoomPage<T>} body type, or {@code null} for any
	 * other type.
	 * @param bodyType the type a method's answer is bound to
	 * @return the page's body type, or {@code null}
	 */
	static @Nullable Type pageBodyType(ParameterizedTypeReference<?> bodyType) {
		Type type = bodyType.getType();
		if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == KiwoomPage.class) {
			return parameterized.getActualTypeArguments()[0];
		}
		if (type == KiwoomPage.class) {
			throw new IllegalStateException("A KiwoomPage return type must name its body type: KiwoomPage<T>");
		}
		return null;
	}

	/**
	 * Build a page from an answer's body and headers.
	 * @param body the bound body, or {@code null} if there was none
	 * @param headers the answer's headers
	 * @param values the request, for the error message
	 * @return the page
	 */
	static KiwoomPage<Object> page(@Nullable Object body, HttpHeaders headers, HttpRequestValues values) {
		if (body == null) {
			String apiId = values.getHeaders().getFirst(KiwoomClient.API_ID);
			String template = values.getUriTemplate();
			String path = (template != null) ? template : String.valueOf(values.getUri());
			throw new KiwoomApiException(apiId, path, KiwoomErrorKind.MALFORMED_RESPONSE,
					"Kiwoom's answer had no body to make a page of.");
		}
		return new KiwoomPage<>(body, headers.getFirst(KiwoomClient.CONT_YN), headers.getFirst(KiwoomClient.NEXT_KEY));
	}

}
