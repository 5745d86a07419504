package io.github.ktrader.kiwoom.auth.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.AbstractBufferingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * {@link ClientHttpRequestFactory} that answers every request in memory with the loopback
 * server's ka10001 answer, so that the client's own cost can be measured without the
 * network's noise.
 */
final class CannedResponseRequestFactory implements ClientHttpRequestFactory {

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		return new CannedRequest(uri, httpMethod);
	}

	private static final class CannedRequest extends AbstractBufferingClientHttpRequest {

		private final URI uri;

		private final HttpMethod method;

		CannedRequest(URI uri, HttpMethod method) {
			this.uri = uri;
			this.method = method;
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
		protected ClientHttpResponse executeInternal(HttpHeaders headers, byte[] bufferedOutput) {
			return new CannedResponse();
		}

	}

	private static final class CannedResponse implements ClientHttpResponse {

		private final HttpHeaders headers = new HttpHeaders();

		CannedResponse() {
			this.headers.setContentType(MediaType.parseMediaType("application/json;charset=UTF-8"));
			this.headers.setContentLength(LoopbackKiwoom.STOCK_INFO_ANSWER.length);
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatus.OK;
		}

		@Override
		public String getStatusText() {
			return "OK";
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(LoopbackKiwoom.STOCK_INFO_ANSWER);
		}

		@Override
		public void close() {
		}

	}

}
