package io.github.ktrader.kiwoom.auth.service;

import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.util.StringUtils;
import org.springframework.web.service.invoker.HttpRequestValues;
import org.springframework.web.service.invoker.HttpServiceArgumentResolver;

/**
 * {@link HttpServiceArgumentResolver} that sends a {@link KiwoomNextKey @KiwoomNextKey}
 * argument as the paging headers {@code cont-yn: Y} and {@code next-key}, and nothing for
 * a {@code null} or empty one (the first page).
 * <p>
 * Stateless; thread-safe.
 *
 * @since 0.1.0
 */
public final class KiwoomNextKeyArgumentResolver implements HttpServiceArgumentResolver {

	@Override
	public boolean resolve(@Nullable Object argument, MethodParameter parameter,
			HttpRequestValues.Builder requestValues) {
		if (!parameter.hasParameterAnnotation(KiwoomNextKey.class)) {
			return false;
		}
		if (parameter.getParameterType() != String.class) {
			throw new IllegalStateException("@KiwoomNextKey parameter " + parameter.getParameterIndex() + " of "
					+ parameter.getExecutable().toGenericString() + " must be a String");
		}
		if (argument instanceof String nextKey && StringUtils.hasText(nextKey)) {
			requestValues.addHeader(KiwoomClient.CONT_YN, "Y");
			requestValues.addHeader(KiwoomClient.NEXT_KEY, nextKey);
		}
		return true;
	}

}
