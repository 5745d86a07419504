package io.github.ktrader.kiwoom.auth.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A response whose body has been read into memory, so that it can be inspected and still
 * be read by the caller.
 */
final class BufferedResponse implements ClientHttpResponse {

	private final ClientHttpResponse delegate;

	private final byte[] body;

	BufferedResponse(ClientHttpResponse delegate, byte[] body) {
		this.delegate = delegate;
		this.body = body;
	}

	@Override
	public HttpStatusCode getStatusCode() throws IOException {
		return this.delegate.getStatusCode();
	}

	@Override
	public String getStatusText() throws IOException {
		return this.delegate.getStatusText();
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.delegate.getHeaders();
	}

	byte[] bytes() {
		return this.body;
	}

	@Override
	public InputStream getBody() {
		return new ByteArrayInputStream(this.body);
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}
