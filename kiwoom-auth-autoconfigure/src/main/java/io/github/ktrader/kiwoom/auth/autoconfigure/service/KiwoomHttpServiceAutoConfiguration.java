package io.github.ktrader.kiwoom.auth.autoconfigure.service;

import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthProperties;
import io.github.ktrader.kiwoom.auth.client.KiwoomAccounts;
import io.github.ktrader.kiwoom.auth.client.KiwoomRestClientConfigurer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientProperties;
import org.springframework.boot.http.client.autoconfigure.HttpClientSettingsPropertyMapper;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that makes the HTTP service group {@code kiwoom.http-service.group}
 * (by default {@code kiwoom}) call Kiwoom: base URL, JSON, the Bearer token with its
 * recovery, and the {@code api-id} header of
 * {@link io.github.ktrader.kiwoom.auth.service.KiwoomApi @KiwoomApi} methods. No other
 * group is touched.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = KiwoomAuthAutoConfiguration.class)
@ConditionalOnClass({ RestClientHttpServiceGroupConfigurer.class, HttpServiceClientProperties.class })
@ConditionalOnBean(KiwoomRestClientConfigurer.class)
@EnableConfigurationProperties(KiwoomHttpServiceProperties.class)
public final class KiwoomHttpServiceAutoConfiguration {

	@Bean
	KiwoomHttpServiceGroupConfigurer kiwoomHttpServiceGroupConfigurer(KiwoomHttpServiceProperties properties,
			KiwoomAuthProperties authProperties, KiwoomRestClientConfigurer configurer,
			ObjectProvider<HttpServiceClientProperties> serviceClientProperties,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> clientSettings, ObjectProvider<SslBundles> sslBundles,
			ResourceLoader resourceLoader) {
		return new KiwoomHttpServiceGroupConfigurer(properties.getGroup(), authProperties.baseUrl(), configurer,
				(group) -> groupProperties(serviceClientProperties, group),
				groupRequestFactory(requestFactoryBuilder, clientSettings, sslBundles, resourceLoader));
	}

	@Bean
	KiwoomAccountsHttpServiceGroupConfigurer kiwoomAccountsHttpServiceGroupConfigurer(
			KiwoomHttpServiceProperties properties, KiwoomAccounts accounts, Environment environment,
			ObjectProvider<HttpServiceClientProperties> serviceClientProperties,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> clientSettings, ObjectProvider<SslBundles> sslBundles,
			ResourceLoader resourceLoader) {
		return KiwoomAccountsHttpServiceGroupConfigurer.of(accounts, environment, properties.getGroup(),
				(group) -> groupProperties(serviceClientProperties, group),
				groupRequestFactory(requestFactoryBuilder, clientSettings, sslBundles, resourceLoader));
	}

	/**
	 * Build a group's request factory from its settings the way Boot's own group
	 * configurer does, so that the starter can wrap it.
	 */
	private static KiwoomHttpServiceGroupConfigurer.GroupRequestFactory groupRequestFactory(
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> clientSettings, ObjectProvider<SslBundles> sslBundles,
			ResourceLoader resourceLoader) {
		return (properties) -> {
			ClientHttpRequestFactoryBuilder<?> builder = requestFactoryBuilder
				.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader()));
			HttpClientSettings defaults = clientSettings.getIfAvailable(HttpClientSettings::defaults);
			return builder
				.build(new HttpClientSettingsPropertyMapper(sslBundles.getIfAvailable(), defaults).map(properties));
		};
	}

	private static @Nullable HttpClientProperties groupProperties(
			ObjectProvider<HttpServiceClientProperties> serviceClientProperties, String group) {
		HttpServiceClientProperties properties = serviceClientProperties.getIfAvailable();
		return (properties != null) ? properties.get(group) : null;
	}

}
