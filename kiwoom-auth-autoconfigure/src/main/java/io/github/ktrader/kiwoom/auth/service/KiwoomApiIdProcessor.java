package io.github.ktrader.kiwoom.auth.service;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.service.invoker.HttpRequestValues;

/**
 * {@link HttpRequestValues.Processor} that sends the TR id of a {@link KiwoomApi} method
 * as the {@code api-id} header, unless the call already carries one.
 * <p>
 * Annotations are looked up once per method; thread-safe.
 *
 * @since 0.1.0
 */
public final class KiwoomApiIdProcessor implements HttpRequestValues.Processor {

	private final Map<Method, Optional<String>> apiIds = new ConcurrentHashMap<>();

	@Override
	public void process(Method method, MethodParameter[] parameters, @Nullable Object[] arguments,
			HttpRequestValues.Builder builder) {
		Optional<String> apiId = this.apiIds.computeIfAbsent(method, KiwoomApiIdProcessor::find);
		apiId.ifPresent((id) -> builder.configureHeaders((headers) -> {
			if (!headers.containsHeader(KiwoomClient.API_ID)) {
				headers.set(KiwoomClient.API_ID, id);
			}
		}));
	}

	private static Optional<String> find(Method method) {
		KiwoomApi annotation = AnnotatedElementUtils.findMergedAnnotation(method, KiwoomApi.class);
		if (annotation == null) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(), KiwoomApi.class);
		}
		return (annotation != null && StringUtils.hasText(annotation.value())) ? Optional.of(annotation.value().trim())
				: Optional.empty();
	}

}
