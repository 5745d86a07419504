package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.function.SingletonSupplier;

/**
 * The one JDK {@link HttpClient} every Kiwoom call goes through, created on the first
 * call rather than at startup.
 * <p>
 * It speaks HTTP/1.1, as Kiwoom's own examples do: the JDK client would otherwise try
 * HTTP/2, and send {@code Upgrade: h2c} on plain http.
 */
final class KiwoomHttpClient {

	private final SingletonSupplier<HttpClient> httpClient;

	KiwoomHttpClient(Duration connectTimeout) {
		this.httpClient = SingletonSupplier.of(() -> HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.build());
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
