package io.github.ktrader.kiwoom.auth.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

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
 * {@link ClientHttpRequestFactory} that answers every request in memory with one fixed
 * answer, so that the clients' own cost can be measured without the network's noise.
 * <p>
 * The answer's bytes and headers are built once and shared: a call allocates only the
 * request, the response and a stream over the shared {@code byte[]}, so whatever a client
 * copies shows up in its B/op, not in the floor's. A paced factory hands the body out in
 * chunks that become readable at a fixed rate from the moment the response is created, as
 * a network link would, so that the time until the first byte reaches the caller can be
 * told apart from the time until the last one.
 */
final class CannedResponseRequestFactory implements ClientHttpRequestFactory {

	private final byte[] answer;

	private final HttpHeaders headers;

	private final int chunkSize;

	private final long nanosPerChunk;

	private boolean recording;

	private @Nullable String lastAuthorization;

	/**
	 * Answer with the loopback server's ka10001 answer, at once.
	 */
	CannedResponseRequestFactory() {
		this(LoopbackKiwoom.STOCK_INFO_ANSWER);
	}

	/**
	 * Answer with the given bytes, all readable at once.
	 */
	CannedResponseRequestFactory(byte[] answer) {
		this(answer, answer.length, 0);
	}

	private CannedResponseRequestFactory(byte[] answer, int chunkSize, long nanosPerChunk) {
		this.answer = answer;
		this.chunkSize = Math.max(1, chunkSize);
		this.nanosPerChunk = nanosPerChunk;
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("application/json;charset=UTF-8"));
		headers.setContentLength(answer.length);
		this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
	}

	/**
	 * Answer with the given bytes, delivered in chunks at the given rate.
	 * @param answer the answer body
	 * @param chunkSize bytes per chunk, such as a socket read returns
	 * @param bitsPerSecond the link's rate
	 */
	static CannedResponseRequestFactory paced(byte[] answer, int chunkSize, long bitsPerSecond) {
		long nanosPerChunk = TimeUnit.SECONDS.toNanos(1) * chunkSize * 8 / bitsPerSecond;
		return new CannedResponseRequestFactory(answer, chunkSize, nanosPerChunk);
	}

	/**
	 * Run a call and return the {@code authorization} header it sent. Set-up code only:
	 * recording is off while the benchmark runs.
	 * @param call the call
	 * @return the header, or {@code null} if there was none
	 */
	@Nullable String authorizationSentBy(Runnable call) {
		this.recording = true;
		this.lastAuthorization = null;
		try {
			call.run();
			return this.lastAuthorization;
		}
		finally {
			this.recording = false;
		}
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		return new CannedRequest(uri, httpMethod);
	}

	private InputStream body() {
		if (this.nanosPerChunk == 0) {
			return new ByteArrayInputStream(this.answer);
		}
		return new PacedInputStream(this.answer, this.chunkSize, this.nanosPerChunk);
	}

	private final class CannedRequest extends AbstractBufferingClientHttpRequest {

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
			if (CannedResponseRequestFactory.this.recording) {
				CannedResponseRequestFactory.this.lastAuthorization = headers.getFirst("authorization");
			}
			return new CannedResponse(body());
		}

	}

	private final class CannedResponse implements ClientHttpResponse {

		private final InputStream body;

		CannedResponse(InputStream body) {
			this.body = body;
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
			return CannedResponseRequestFactory.this.headers;
		}

		@Override
		public InputStream getBody() {
			return this.body;
		}

		@Override
		public void close() {
		}

	}

	/**
	 * Stream over a shared array whose chunk {@code n} becomes readable
	 * {@code n × nanosPerChunk} after the stream was created; a read returns at most the
	 * rest of one chunk, as a socket read returns what has arrived.
	 */
	private static final class PacedInputStream extends InputStream {

		private final byte[] bytes;

		private final int chunkSize;

		private final long nanosPerChunk;

		private final long start = System.nanoTime();

		private int position;

		PacedInputStream(byte[] bytes, int chunkSize, long nanosPerChunk) {
			this.bytes = bytes;
			this.chunkSize = chunkSize;
			this.nanosPerChunk = nanosPerChunk;
		}

		@Override
		public int read() {
			if (this.position >= this.bytes.length) {
				return -1;
			}
			awaitChunk();
			return this.bytes[this.position++] & 0xFF;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (length == 0) {
				return 0;
			}
			if (this.position >= this.bytes.length) {
				return -1;
			}
			awaitChunk();
			int chunkEnd = Math.min(this.bytes.length, (this.position / this.chunkSize + 1) * this.chunkSize);
			int count = Math.min(length, chunkEnd - this.position);
			System.arraycopy(this.bytes, this.position, buffer, offset, count);
			this.position += count;
			return count;
		}

		@Override
		public int available() {
			return 0;
		}

		private void awaitChunk() {
			long readyAt = this.start + (this.position / this.chunkSize) * this.nanosPerChunk;
			long wait;
			while ((wait = readyAt - System.nanoTime()) > 0) {
				LockSupport.parkNanos(wait);
			}
		}

	}

}
