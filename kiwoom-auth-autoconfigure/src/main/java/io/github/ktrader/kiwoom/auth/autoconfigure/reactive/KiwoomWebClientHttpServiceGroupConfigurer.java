package io.github.ktrader.kiwoom.auth.autoconfigure.reactive;

import java.util.function.Function;

import io.github.ktrader.kiwoom.auth.client.KiwoomWebClientConfigurer;
import io.github.ktrader.kiwoom.auth.service.KiwoomApiIdProcessor;
import io.github.ktrader.kiwoom.auth.service.KiwoomNextKeyArgumentResolver;
import io.github.ktrader.kiwoom.auth.service.ReactiveKiwoomPageExchangeAdapter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.HttpServiceGroup;

/**
 * Applies {@link KiwoomWebClientConfigurer} to the clients of one WebClient-backed HTTP
 * service group, and adds {@link KiwoomApiIdProcessor}, the {@code @KiwoomNextKey} paging
 * headers and {@code KiwoomPage<T>} return types to its proxies; other groups are left
 * alone.
 * <p>
 * Runs after Boot's properties configurer ({@link Ordered#HIGHEST_PRECEDENCE}), which
 * applies {@code spring.http.serviceclient.<group>.*}; a {@code base-url} set there wins
 * over {@code kiwoom.host}, with a warning when they differ. Kiwoom's configurer sets no
 * connector, so Boot's timeouts and SSL settings stay.
 */
final class KiwoomWebClientHttpServiceGroupConfigurer implements WebClientHttpServiceGroupConfigurer {

	private static final Log logger = LogFactory.getLog(KiwoomWebClientHttpServiceGroupConfigurer.class);

	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private final String group;

	private final String host;

	private final KiwoomWebClientConfigurer configurer;

	private final Function<String, @Nullable String> userBaseUrl;

	KiwoomWebClientHttpServiceGroupConfigurer(String group, String host, KiwoomWebClientConfigurer configurer,
			Function<String, @Nullable String> userBaseUrl) {
		this.group = group;
		this.host = host;
		this.configurer = configurer;
		this.userBaseUrl = userBaseUrl;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void configureGroups(Groups<WebClient.Builder> groups) {
		// One terminal call: Groups resets its filter after each
		groups.filterByName(this.group).forEachGroup((group, client, proxyFactory) -> {
			configureClient(group, client);
			proxyFactory.httpRequestValuesProcessor(new KiwoomApiIdProcessor())
				.customArgumentResolver(new KiwoomNextKeyArgumentResolver())
				.exchangeAdapterDecorator(ReactiveKiwoomPageExchangeAdapter::new);
		});
	}

	private void configureClient(HttpServiceGroup group, WebClient.Builder builder) {
		String baseUrl = this.userBaseUrl.apply(group.name());
		this.configurer.configure(builder);
		if (StringUtils.hasText(baseUrl)) {
			builder.baseUrl(baseUrl);
			if (!trimSlash(baseUrl).equalsIgnoreCase(trimSlash(this.host))) {
				logger.warn("spring.http.serviceclient." + group.name() + ".base-url (" + baseUrl
						+ ") differs from kiwoom.host (" + this.host + "); calls of HTTP service group '" + group.name()
						+ "' go to " + baseUrl + " with tokens issued by " + this.host);
			}
		}
	}

	private static String trimSlash(String url) {
		String trimmed = url.trim();
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

}
