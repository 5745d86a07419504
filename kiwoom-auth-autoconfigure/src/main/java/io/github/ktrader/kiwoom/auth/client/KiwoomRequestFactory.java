package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.net.URI;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * Request factory that sends the token with every request it makes and, when Kiwoom
 * rejects the token, sends the request once more with a new one; the HTTP is done by the
 * factory it wraps.
 * <p>
 * This is what {@link KiwoomRestClientConfigurer} puts on a {@code RestClient} instead of
 * an interceptor: a {@code RestClient} with any interceptor buffers every request through
 * a copy of it, which costs about 4 KB per call, while a {@link KiwoomRequest} passes
 * headers and attributes straight to the wrapped request and keeps only the request body,
 * so that it goes out with a {@code Content-Length} and can be sent again.
 */
final class KiwoomRequestFactory implements ClientHttpRequestFactory {

	private final ClientHttpRequestFactory delegate;

	private final AuthorizedExchange exchange;

	KiwoomRequestFactory(ClientHttpRequestFactory delegate, AuthorizedExchange exchange) {
		this.delegate = delegate;
		this.exchange = exchange;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		return new KiwoomRequest(this.delegate, this.exchange, uri, httpMethod,
				this.delegate.createRequest(uri, httpMethod));
	}

}
