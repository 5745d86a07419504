package io.github.ktrader.kiwoom.auth.client;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * Puts Kiwoom's base URL, JSON content type and Bearer authentication on a
 * {@link RestClient.Builder}, for applications that build their own Kiwoom client:
 * <pre class="code">
 * RestClient kiwoom = kiwoomRestClientConfigurer.configure(restClientBuilder).build();
 * </pre> Request bodies are buffered so that they go out with a {@code Content-Length},
 * as in Kiwoom's own examples, instead of chunked.
 *
 * @since 0.1.0
 */
public final class KiwoomRestClientConfigurer {

	private final String host;

	private final ClientHttpRequestFactory requestFactory;

	private final KiwoomAuthInterceptor authInterceptor;

	/**
	 * Create a configurer.
	 * @param host the Kiwoom host, such as {@code https://api.kiwoom.com}
	 * @param requestFactory the request factory, with Kiwoom's timeouts
	 * @param authInterceptor the interceptor that adds the token
	 */
	public KiwoomRestClientConfigurer(String host, ClientHttpRequestFactory requestFactory,
			KiwoomAuthInterceptor authInterceptor) {
		Assert.hasText(host, "Host must not be empty");
		Assert.notNull(requestFactory, "RequestFactory must not be null");
		Assert.notNull(authInterceptor, "AuthInterceptor must not be null");
		this.host = host;
		this.requestFactory = requestFactory;
		this.authInterceptor = authInterceptor;
	}

	/**
	 * Configure the builder for Kiwoom calls.
	 * @param builder the builder to configure
	 * @return the same builder
	 */
	public RestClient.Builder configure(RestClient.Builder builder) {
		return builder.baseUrl(this.host)
			.requestFactory(this.requestFactory)
			.bufferContent((uri, method) -> true)
			.defaultHeader(HttpHeaders.CONTENT_TYPE, KiwoomAuthCalls.JSON_UTF8.toString())
			.requestInterceptor(this.authInterceptor);
	}

}
