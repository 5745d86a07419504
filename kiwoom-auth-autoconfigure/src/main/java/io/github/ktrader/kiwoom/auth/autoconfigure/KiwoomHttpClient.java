package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.net.http.HttpClient;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;

/**
 * The one JDK {@link HttpClient} every Kiwoom call goes through, created on the first
 * call rather than at startup.
 * <p>
 * It speaks HTTP/1.1, as Kiwoom's own examples do: the JDK client would otherwise try
 * HTTP/2, and send {@code Upgrade: h2c} on plain http.
 */
final class KiwoomHttpClient {

	private final SingletonSupplier<HttpClient> httpClient;

	private volatile RestClient.@Nullable Builder builder;

	KiwoomHttpClient(Duration connectTimeout) {
		this.httpClient = SingletonSupplier.of(() -> HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.build());
	}

	/**
	 * Return a copy of the application's {@link RestClient.Builder}, obtained once and
	 * then kept: a token that arrives while the context closes must still be revoked
	 * after the context can no longer supply a builder.
	 */
	RestClient.Builder restClientBuilder(ObjectProvider<RestClient.Builder> builders) {
		RestClient.Builder kept = this.builder;
		if (kept == null) {
			kept = builders.getIfAvailable(RestClient::builder);
			this.builder = kept;
		}
		return kept.clone();
	}

	/**
	 * Return a request factory with the given read timeout that creates the client only
	 * when its first request is made.
	 */
	ClientHttpRequestFactory requestFactory(Duration readTimeout) {
		SingletonSupplier<ClientHttpRequestFactory> factory = SingletonSupplier.of(() -> {
			JdkClientHttpRequestFactory jdk = new JdkClientHttpRequestFactory(this.httpClient.obtain());
			jdk.setReadTimeout(readTimeout);
			return jdk;
		});
		return (uri, method) -> factory.obtain().createRequest(uri, method);
	}

}
