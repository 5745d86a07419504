package io.github.ktrader.kiwoom.auth.autoconfigure.service;

import io.github.ktrader.kiwoom.auth.client.KiwoomErrors;
import io.github.ktrader.kiwoom.auth.client.KiwoomRestClientConfigurer;
import io.github.ktrader.kiwoom.auth.service.KiwoomApiIdProcessor;
import io.github.ktrader.kiwoom.auth.service.KiwoomNextKeyArgumentResolver;
import io.github.ktrader.kiwoom.auth.service.KiwoomPageExchangeAdapter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.autoconfigure.HttpClientProperties;
import org.springframework.core.Ordered;
import org.springframework.util.StringUtils;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.HttpServiceGroup;

/**
 * Applies {@link KiwoomRestClientConfigurer} to the clients of one HTTP service group,
 * and adds {@link KiwoomApiIdProcessor}, the {@code @KiwoomNextKey} paging headers and
 * {@code KiwoomPage<T>} return types to its proxies; other groups are left alone, so the
 * token never reaches another service.
 * <p>
 * Boot's own group configurer runs first ({@link Ordered#HIGHEST_PRECEDENCE}) and applies
 * {@code spring.http.serviceclient.<group>.*}. What the user set there is kept: a
 * {@code base-url} wins over {@code kiwoom.host} (with a warning when they differ), and
 * any timeout, redirect or SSL setting gives the group a request factory built from those
 * settings, as Boot builds it, instead of Kiwoom's. The application's own group
 * configurers, at the default order, run after this one.
 */
final class KiwoomHttpServiceGroupConfigurer implements RestClientHttpServiceGroupConfigurer {

	private static final Log logger = LogFactory.getLog(KiwoomHttpServiceGroupConfigurer.class);

	/**
	 * After Boot's properties configurer, before Boot's customizer configurer (0) and the
	 * application's (lowest precedence by default).
	 */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private final String group;

	private final String host;

	private final KiwoomRestClientConfigurer configurer;

	private final GroupSettings settings;

	private final GroupRequestFactory requestFactory;

	KiwoomHttpServiceGroupConfigurer(String group, String host, KiwoomRestClientConfigurer configurer,
			GroupSettings settings, GroupRequestFactory requestFactory) {
		this.group = group;
		this.host = host;
		this.configurer = configurer;
		this.settings = settings;
		this.requestFactory = requestFactory;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void configureGroups(Groups<RestClient.Builder> groups) {
		// One terminal call: Groups resets its filter after each, so a second call on the
		// same filtered Groups would reach every group
		groups.filterByName(this.group).forEachGroup((group, client, proxyFactory) -> {
			configureClient(group, client);
			proxyFactory.httpRequestValuesProcessor(new KiwoomApiIdProcessor())
				.customArgumentResolver(new KiwoomNextKeyArgumentResolver())
				.exchangeAdapterDecorator(KiwoomPageExchangeAdapter::new);
		});
	}

	private void configureClient(HttpServiceGroup group, RestClient.Builder builder) {
		HttpClientProperties properties = this.settings.get(group.name());
		String baseUrl = (properties != null) ? properties.getBaseUrl() : null;
		boolean keepBaseUrl = StringUtils.hasText(baseUrl);
		if (keepBaseUrl && !sameUrl(baseUrl, this.host)) {
			logger.warn("spring.http.serviceclient." + group.name() + ".base-url (" + baseUrl
					+ ") differs from kiwoom.host (" + this.host + "); calls of HTTP service group '" + group.name()
					+ "' go to " + baseUrl + " with tokens issued by " + this.host);
		}
		if (properties != null && hasRequestFactorySettings(properties)) {
			// Built again from the same settings rather than kept, so that it can be
			// wrapped: an interceptor would copy every request
			this.configurer.configure(builder, KiwoomErrors.RAISE, keepBaseUrl, this.requestFactory.build(properties));
		}
		else {
			this.configurer.configure(builder, KiwoomErrors.RAISE, keepBaseUrl, false);
		}
	}

	private static boolean hasRequestFactorySettings(HttpClientProperties properties) {
		return properties.getConnectTimeout() != null || properties.getReadTimeout() != null
				|| properties.getRedirects() != null || StringUtils.hasText(properties.getSsl().getBundle());
	}

	private static boolean sameUrl(String a, String b) {
		return trimSlash(a).equalsIgnoreCase(trimSlash(b));
	}

	private static String trimSlash(String url) {
		String trimmed = url.trim();
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

	/**
	 * Reads the user's {@code spring.http.serviceclient.<group>} settings.
	 */
	@FunctionalInterface
	interface GroupSettings {

		/**
		 * Return the settings of a group, or {@code null} when it has none.
		 */
		@Nullable HttpClientProperties get(String group);

	}

	/**
	 * Builds the request factory of a group from its
	 * {@code spring.http.serviceclient.<group>} settings, as Boot does.
	 */
	@FunctionalInterface
	interface GroupRequestFactory {

		ClientHttpRequestFactory build(HttpClientProperties properties);

	}

}
