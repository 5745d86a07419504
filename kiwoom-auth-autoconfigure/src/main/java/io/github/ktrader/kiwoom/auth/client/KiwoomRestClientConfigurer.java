package io.github.ktrader.kiwoom.auth.client;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * Puts Kiwoom's base URL, JSON content type, Bearer authentication and Kiwoom's error
 * model on a {@link RestClient.Builder}, for applications that build their own Kiwoom
 * client: <pre class="code">
 * RestClient kiwoom = kiwoomRestClientConfigurer.configure(restClientBuilder).build();
 * </pre>
 * <p>
 * On {@code retrieve()}, any Kiwoom error (an HTTP error status, a {@code return_code}
 * other than zero, a bracketed code in {@code return_msg}) raises
 * {@link KiwoomApiException} with the TR, Kiwoom's code and message, after the one retry
 * with a new token that a rejection gets. {@code exchange()} hands the answer over as it
 * is, as in Spring. {@code configure(builder, KiwoomErrors.RAW)} keeps the token and its
 * recovery but leaves Kiwoom's errors in the body. Either way an answer that cannot be
 * bound to the requested type raises {@link KiwoomApiException} naming the type and the
 * TR, never the answer. Answers are bounded by {@code kiwoom.max-response-size}; only
 * small ones are read ahead.
 * <p>
 * The token and its recovery come with the request factory this sets: it wraps the one
 * with Kiwoom's timeouts, so that no interceptor has to copy every request. Set your own
 * request factory (or bind {@code MockRestServiceServer}) <em>before</em> calling
 * {@code configure(builder, errors, false, true)}, which keeps it and adds
 * {@link KiwoomAuthInterceptor} instead; a factory set <em>after</em> {@code configure}
 * replaces the token's. Request bodies are kept whole until sent, so that they go out
 * with a {@code Content-Length}, as in Kiwoom's own examples, instead of chunked.
 *
 * @since 0.1.0
 */
public final class KiwoomRestClientConfigurer {

	private static final KiwoomErrorHandler ERROR_HANDLER = new KiwoomErrorHandler();

	private final String host;

	private final ClientHttpRequestFactory requestFactory;

	private final KiwoomAuthInterceptor authInterceptor;

	private final ClientHttpRequestFactory authorizingRequestFactory;

	private final KiwoomJsonConverter jsonConverter;

	/**
	 * Create a configurer.
	 * @param host the Kiwoom host, such as {@code https://api.kiwoom.com}
	 * @param requestFactory the request factory, with Kiwoom's timeouts
	 * @param authInterceptor the interceptor that adds the token
	 */
	public KiwoomRestClientConfigurer(String host, ClientHttpRequestFactory requestFactory,
			KiwoomAuthInterceptor authInterceptor) {
		this(host, requestFactory, authInterceptor, JsonMapper.shared());
	}

	/**
	 * Create a configurer.
	 * @param host the Kiwoom host, such as {@code https://api.kiwoom.com}
	 * @param requestFactory the request factory, with Kiwoom's timeouts
	 * @param authInterceptor the interceptor that adds the token
	 * @param jsonMapper the mapper that binds JSON answers
	 */
	public KiwoomRestClientConfigurer(String host, ClientHttpRequestFactory requestFactory,
			KiwoomAuthInterceptor authInterceptor, JsonMapper jsonMapper) {
		Assert.hasText(host, "Host must not be empty");
		Assert.notNull(requestFactory, "RequestFactory must not be null");
		Assert.notNull(authInterceptor, "AuthInterceptor must not be null");
		Assert.notNull(jsonMapper, "JsonMapper must not be null");
		this.host = host;
		this.requestFactory = requestFactory;
		this.authInterceptor = authInterceptor;
		this.authorizingRequestFactory = authInterceptor.requestFactory(requestFactory);
		this.jsonConverter = new KiwoomJsonConverter(jsonMapper);
	}

	/**
	 * Configure the builder for Kiwoom calls, with Kiwoom's errors raised as
	 * {@link KiwoomApiException}.
	 * @param builder the builder to configure
	 * @return the same builder
	 */
	public RestClient.Builder configure(RestClient.Builder builder) {
		return configure(builder, KiwoomErrors.RAISE);
	}

	/**
	 * Configure the builder for Kiwoom calls.
	 * @param builder the builder to configure
	 * @param errors whether Kiwoom's errors raise {@link KiwoomApiException} or come back
	 * as they are
	 * @return the same builder
	 */
	public RestClient.Builder configure(RestClient.Builder builder, KiwoomErrors errors) {
		return configure(builder, errors, false, false);
	}

	/**
	 * Configure the builder for Kiwoom calls, keeping the base URL or the request factory
	 * it already has, such as those Boot sets from
	 * {@code spring.http.serviceclient.<group>.*}.
	 * @param builder the builder to configure
	 * @param errors whether Kiwoom's errors are raised as {@link KiwoomApiException}
	 * @param keepBaseUrl whether to leave the builder's base URL in place of the host
	 * @param keepRequestFactory whether to leave the builder's request factory in place
	 * of the one with Kiwoom's timeouts (the token then comes from
	 * {@link KiwoomAuthInterceptor})
	 * @return the same builder
	 */
	public RestClient.Builder configure(RestClient.Builder builder, KiwoomErrors errors, boolean keepBaseUrl,
			boolean keepRequestFactory) {
		Assert.notNull(builder, "Builder must not be null");
		if (keepRequestFactory) {
			// The builder's factory is not known here, so it cannot be wrapped.
			builder.requestInterceptor(this.authInterceptor);
		}
		else {
			builder.requestFactory(this.authorizingRequestFactory);
		}
		return configureRest(builder, errors, keepBaseUrl);
	}

	/**
	 * Configure the builder for Kiwoom calls made through the given request factory, such
	 * as one built from {@code spring.http.serviceclient.<group>.*}, instead of the one
	 * with Kiwoom's timeouts. The token and its recovery come with it, as with
	 * {@link #configure(RestClient.Builder)}, without an interceptor.
	 * @param builder the builder to configure
	 * @param errors whether Kiwoom's errors are raised as {@link KiwoomApiException}
	 * @param keepBaseUrl whether to leave the builder's base URL in place of the host
	 * @param requestFactory the factory that makes the HTTP requests
	 * @return the same builder
	 */
	public RestClient.Builder configure(RestClient.Builder builder, KiwoomErrors errors, boolean keepBaseUrl,
			ClientHttpRequestFactory requestFactory) {
		Assert.notNull(builder, "Builder must not be null");
		Assert.notNull(requestFactory, "RequestFactory must not be null");
		builder.requestFactory(this.authInterceptor.requestFactory(requestFactory));
		return configureRest(builder, errors, keepBaseUrl);
	}

	private RestClient.Builder configureRest(RestClient.Builder builder, KiwoomErrors errors, boolean keepBaseUrl) {
		Assert.notNull(errors, "Errors must not be null");
		if (!keepBaseUrl) {
			builder.baseUrl(this.host);
		}
		builder.defaultHeader(HttpHeaders.CONTENT_TYPE, KiwoomAuthCalls.JSON_UTF8.toString())
			.configureMessageConverters((converters) -> converters.registerDefaults()
				.configureMessageConvertersList(this::addJsonConverter));
		if (errors == KiwoomErrors.RAISE) {
			builder.defaultStatusHandler(KiwoomErrorHandler::matchesEveryStatus, ERROR_HANDLER);
		}
		return builder;
	}

	/**
	 * Put the converter that binds answers just before the JSON converter it stands in
	 * for when reading, rather than first: a {@code RestClient} asks every converter
	 * ahead of the one that takes a body, and one that can read JSON costs a little for
	 * each call that reads a {@code String} or writes bytes.
	 */
	private void addJsonConverter(List<HttpMessageConverter<?>> converters) {
		int json = 0;
		while (json < converters.size() && !(converters.get(json) instanceof AbstractJacksonHttpMessageConverter)) {
			json++;
		}
		converters.add(json, this.jsonConverter);
	}

}
