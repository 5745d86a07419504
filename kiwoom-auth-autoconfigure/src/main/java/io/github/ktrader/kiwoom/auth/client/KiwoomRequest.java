package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.AccessToken;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;

/**
 * A Kiwoom request made by {@link KiwoomRequestFactory}: headers and attributes are those
 * of the wrapped request, the body is kept here until {@link #execute()}, which sends it
 * with the token through {@link AuthorizedExchange}.
 * <p>
 * It is its own body stream and its own {@link StreamingHttpOutputMessage.Body}, rather
 * than holding a {@code ByteArrayOutputStream}, because every object it does not make is
 * one fewer allocation on every Kiwoom call.
 */
final class KiwoomRequest extends OutputStream
		implements ClientHttpRequest, StreamingHttpOutputMessage.Body, AuthorizedExchange.Attempt {

	private static final byte[] NO_BODY = new byte[0];

	/**
	 * Room for Kiwoom's usual request bodies (a TR's few fields) without growing.
	 */
	private static final int INITIAL_BODY_SIZE = 64;

	private final ClientHttpRequestFactory factory;

	private final AuthorizedExchange exchange;

	private final URI uri;

	private final HttpMethod method;

	private final ClientHttpRequest first;

	private byte[] body = NO_BODY;

	private int size;

	private boolean hasBody;

	private int attempts;

	KiwoomRequest(ClientHttpRequestFactory factory, AuthorizedExchange exchange, URI uri, HttpMethod method,
			ClientHttpRequest first) {
		this.factory = factory;
		this.exchange = exchange;
		this.uri = uri;
		this.method = method;
		this.first = first;
	}

	@Override
	public HttpMethod getMethod() {
		return this.method;
	}

	@Override
	public URI getURI() {
		return this.uri;
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.first.getHeaders();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.first.getAttributes();
	}

	@Override
	public OutputStream getBody() {
		Assert.state(this.attempts == 0, "ClientHttpRequest already executed");
		this.hasBody = true;
		return this;
	}

	@Override
	public void write(int b) {
		ensureRoom(1);
		this.body[this.size++] = (byte) b;
	}

	@Override
	public void write(byte[] bytes, int offset, int length) {
		ensureRoom(length);
		System.arraycopy(bytes, offset, this.body, this.size, length);
		this.size += length;
	}

	private void ensureRoom(int length) {
		int needed = this.size + length;
		if (needed <= this.body.length) {
			return;
		}
		if (this.body == NO_BODY) {
			// A converter that knows the length has set it already.
			long declared = ContentLength.of(getHeaders());
			int initial = (declared >= needed && declared <= Integer.MAX_VALUE - 8) ? (int) declared
					: Math.max(INITIAL_BODY_SIZE, needed);
			this.body = new byte[initial];
			return;
		}
		this.body = Arrays.copyOf(this.body, Math.max(needed, 2 * this.body.length));
	}

	@Override
	public ClientHttpResponse execute() {
		Assert.state(this.attempts == 0, "ClientHttpRequest already executed");
		return this.exchange.exchange(this, this);
	}

	@Override
	public ClientHttpResponse send(AccessToken token) throws IOException {
		ClientHttpRequest request = (this.attempts++ == 0) ? this.first : copyOfFirst();
		HttpHeaders headers = request.getHeaders();
		headers.set(KiwoomAuthInterceptor.AUTHORIZATION, token.authorization());
		if (this.hasBody) {
			if (ContentLength.of(headers) < 0) {
				ContentLength.set(headers, this.size);
			}
			if (request instanceof StreamingHttpOutputMessage streaming) {
				streaming.setBody(this);
			}
			else {
				writeTo(request.getBody());
			}
		}
		return request.execute();
	}

	private ClientHttpRequest copyOfFirst() throws IOException {
		ClientHttpRequest next = this.factory.createRequest(this.uri, this.method);
		next.getHeaders().putAll(this.first.getHeaders());
		next.getAttributes().putAll(this.first.getAttributes());
		return next;
	}

	/**
	 * Write the body to the wrapped request, as often as it is sent.
	 */
	@Override
	public void writeTo(OutputStream outputStream) throws IOException {
		outputStream.write(this.body, 0, this.size);
	}

	@Override
	public boolean repeatable() {
		return true;
	}

}
