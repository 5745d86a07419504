package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.io.InputStream;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A Kiwoom answer whose status can be judged without reading a large body, and whose body
 * is bounded.
 * <p>
 * Kiwoom's errors and rejections are small JSON objects, so only an answer of at most
 * {@link #PEEK_LIMIT} bytes is read ahead and parsed for {@code return_code} and
 * {@code return_msg}; the caller then reads it from that copy. A larger answer is judged
 * by its HTTP status alone and streams to the caller as it arrives, with no copy. Either
 * way the caller can read no more than the limit: past it, or when {@code Content-Length}
 * already says more, the call fails with {@link KiwoomErrorKind#RESPONSE_TOO_LARGE} and
 * the connection is dropped rather than drained (a compressed answer is counted as it
 * inflates).
 */
final class KiwoomResponse implements ClientHttpResponse {

	/**
	 * Request attribute under which {@link KiwoomAuthInterceptor} leaves the answer, for
	 * an exchange function that gets it wrapped by {@code RestClient}.
	 */
	static final String ATTRIBUTE = KiwoomResponse.class.getName();

	/**
	 * Largest answer read ahead to judge its status.
	 */
	static final int PEEK_LIMIT = 16 * 1024;

	private final ClientHttpResponse delegate;

	private final @Nullable String apiId;

	private final String path;

	private final int httpStatus;

	private final byte @Nullable [] whole;

	private final KiwoomStatusReader statusReader;

	private final Body body;

	private @Nullable KiwoomStatus status;

	private volatile @Nullable KiwoomApiException failure;

	private KiwoomResponse(ClientHttpResponse delegate, @Nullable String apiId, String path, int httpStatus,
			byte @Nullable [] whole, byte @Nullable [] prefix, long limit, String limitName,
			KiwoomStatusReader statusReader) throws IOException {
		this.delegate = delegate;
		this.apiId = apiId;
		this.path = path;
		this.httpStatus = httpStatus;
		this.whole = whole;
		this.statusReader = statusReader;
		byte[] ahead = (whole != null) ? whole : prefix;
		this.body = new Body(ahead, (whole != null) ? null : delegate.getBody(), limit, limitName);
	}

	/**
	 * Wrap an answer, reading it ahead if it is small.
	 * @param response the answer
	 * @param apiId the TR id, for the error messages
	 * @param path the path called, for the error messages
	 * @param limit the most bytes the caller may read
	 * @param limitName the property that sets the limit, named in the error
	 * @param statusReader reads {@code return_code} and {@code return_msg}
	 * @return the wrapped answer
	 * @throws IOException if the answer could not be read
	 */
	static KiwoomResponse of(ClientHttpResponse response, @Nullable String apiId, String path, long limit,
			String limitName, KiwoomStatusReader statusReader) throws IOException {
		if (response instanceof KiwoomResponse kiwoom) {
			return kiwoom;
		}
		int httpStatus = response.getStatusCode().value();
		long contentLength = response.getHeaders().getContentLength();
		boolean ok = httpStatus >= 200 && httpStatus < 300;
		if (contentLength > limit && ok) {
			abort(response);
			throw tooLarge(apiId, path, limitName, limit);
		}
		// A large error page (a proxy's 502) is judged by its status; its body stays
		// bounded for a caller that reads it.
		if (contentLength > PEEK_LIMIT) {
			return new KiwoomResponse(response, apiId, path, httpStatus, null, null, limit, limitName, statusReader);
		}
		InputStream in = response.getBody();
		int ahead = (int) Math.min(limit + 1, (contentLength >= 0) ? contentLength : PEEK_LIMIT + 1);
		byte[] prefix = in.readNBytes(ahead);
		if (prefix.length > limit && ok) {
			abort(response);
			throw tooLarge(apiId, path, limitName, limit);
		}
		boolean whole = prefix.length <= PEEK_LIMIT && prefix.length <= limit;
		return new KiwoomResponse(response, apiId, path, httpStatus, whole ? prefix : null, whole ? null : prefix,
				limit, limitName, statusReader);
	}

	/**
	 * Return the answer {@link KiwoomAuthInterceptor} made of this exchange's response,
	 * else wrap the response (a client without the interceptor).
	 */
	static KiwoomResponse of(HttpRequest request, ClientHttpResponse response, @Nullable String apiId, String path,
			long limit, String limitName, KiwoomStatusReader statusReader) throws IOException {
		if (request.getAttributes().get(ATTRIBUTE) instanceof KiwoomResponse kiwoom) {
			return kiwoom;
		}
		return of(response, apiId, path, limit, limitName, statusReader);
	}

	/**
	 * Drop the connection instead of letting {@link ClientHttpResponse#close()} drain
	 * what is left, which for a compressed answer means inflating all of it.
	 */
	static void abort(ClientHttpResponse response) {
		try {
			response.getBody().close();
		}
		catch (IOException ex) {
			// Closing is all that is left to do.
		}
		response.close();
	}

	private static KiwoomApiException tooLarge(@Nullable String apiId, String path, String limitName, long limit) {
		return new KiwoomApiException(apiId, path, KiwoomErrorKind.RESPONSE_TOO_LARGE, "Kiwoom's answer is larger than "
				+ limitName + " (" + limit + " bytes). " + KiwoomErrorKind.RESPONSE_TOO_LARGE.advice());
	}

	/**
	 * Return what Kiwoom answered: HTTP status, {@code return_code} and
	 * {@code return_msg} for an answer read ahead, the HTTP status alone for a larger
	 * one.
	 * @return the status
	 */
	KiwoomStatus status() {
		KiwoomStatus status = this.status;
		if (status == null) {
			status = (this.whole != null) ? this.statusReader.read(this.httpStatus, this.whole)
					: KiwoomStatus.of(this.httpStatus, null, null);
			this.status = status;
		}
		return status;
	}

	/**
	 * Return whether Kiwoom rejected the token: HTTP 401, or 8005, 8010, 8031 or 8103.
	 * @return whether a new token may help
	 */
	boolean isRejection() {
		if (this.httpStatus == 401) {
			return true;
		}
		return this.whole != null && KiwoomAuthInterceptor.mentionsRejectionCode(this.whole)
				&& status().errorKind() == KiwoomErrorKind.TOKEN_REJECTED;
	}

	@Nullable String apiId() {
		return this.apiId;
	}

	String path() {
		return this.path;
	}

	/**
	 * Return the failure the body raised while being read, or {@code null}. A reader such
	 * as Jackson may wrap it in an exception of its own.
	 * @return the failure
	 */
	@Nullable KiwoomApiException failure() {
		return this.failure;
	}

	private KiwoomApiException failed(KiwoomApiException failure) {
		this.failure = failure;
		return failure;
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

	@Override
	public InputStream getBody() {
		return this.body;
	}

	@Override
	public void close() {
		if (this.body.exceeded) {
			abort(this.delegate);
		}
		else {
			this.delegate.close();
		}
	}

	/**
	 * Return the exception for an answer that could not be bound: the failure the body
	 * raised while being read (a reader may have wrapped it), else one that names the
	 * type and the field, never the answer's content.
	 */
	KiwoomApiException bindingFailure(String type, @Nullable Throwable cause) {
		KiwoomApiException failure = this.failure;
		if (failure != null) {
			return failure;
		}
		return new KiwoomApiException(this.apiId, this.path, KiwoomErrorKind.MALFORMED_RESPONSE,
				"Kiwoom's answer could not be bound to " + type + where(cause) + ".");
	}

	/**
	 * Name the field that failed, never its value: Jackson's own message quotes the
	 * answer.
	 */
	static String where(@Nullable Throwable ex) {
		while (ex != null && !(ex instanceof JacksonException)) {
			ex = ex.getCause();
		}
		if (ex instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			StringBuilder path = new StringBuilder();
			for (JacksonException.Reference reference : databind.getPath()) {
				if (reference.getPropertyName() != null) {
					path.append((path.length() > 0) ? "." : "").append(reference.getPropertyName());
				}
				else if (reference.getIndex() >= 0) {
					path.append('[').append(reference.getIndex()).append(']');
				}
			}
			return " at field '" + path + "' (" + ex.getClass().getSimpleName() + ")";
		}
		return (ex != null) ? " (" + ex.getClass().getSimpleName() + ", not the expected JSON)"
				: " (not the expected JSON)";
	}

	/**
	 * The bytes read ahead, then the rest of the answer, counted against the limit.
	 * Supports {@code mark}/{@code reset}, so that {@code RestClient} can look for an
	 * empty body without wrapping it, and a converter can find the answer it reads.
	 */
	final class Body extends InputStream {

		private byte @Nullable [] ahead;

		private int position;

		private int mark = -1;

		private final @Nullable InputStream rest;

		private final long limit;

		private final String limitName;

		private long count;

		private boolean exceeded;

		Body(byte @Nullable [] ahead, @Nullable InputStream rest, long limit, String limitName) {
			this.ahead = ahead;
			this.rest = rest;
			this.limit = limit;
			this.limitName = limitName;
			this.count = (ahead != null) ? ahead.length : 0;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int n = read(one, 0, 1);
			return (n < 0) ? -1 : (one[0] & 0xFF);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			byte[] ahead = this.ahead;
			if (ahead != null && this.position < ahead.length) {
				int n = Math.min(length, ahead.length - this.position);
				System.arraycopy(ahead, this.position, buffer, offset, n);
				this.position += n;
				return n;
			}
			InputStream rest = this.rest;
			if (rest == null) {
				return -1;
			}
			int n = readRest(rest, buffer, offset, length);
			if (n > 0) {
				this.count += n;
				if (this.count > this.limit) {
					this.exceeded = true;
					throw failed(
							tooLarge(KiwoomResponse.this.apiId, KiwoomResponse.this.path, this.limitName, this.limit));
				}
			}
			return n;
		}

		private int readRest(InputStream rest, byte[] buffer, int offset, int length) {
			try {
				return rest.read(buffer, offset, length);
			}
			catch (IOException ex) {
				throw failed(new KiwoomApiException(KiwoomResponse.this.apiId, KiwoomResponse.this.path, ex));
			}
		}

		@Override
		public int available() throws IOException {
			byte[] ahead = this.ahead;
			if (ahead != null && this.position < ahead.length) {
				return ahead.length - this.position;
			}
			return (this.rest != null) ? this.rest.available() : 0;
		}

		KiwoomResponse response() {
			return KiwoomResponse.this;
		}

		@Override
		public boolean markSupported() {
			return true;
		}

		@Override
		public void mark(int readLimit) {
			byte[] ahead = this.ahead;
			int buffered = (ahead != null) ? ahead.length - this.position : 0;
			InputStream rest = this.rest;
			if (buffered >= readLimit || rest == null) {
				this.mark = this.position;
				return;
			}
			// Pull what reset() may have to replay into the buffer.
			byte[] more;
			try {
				more = rest.readNBytes(readLimit - buffered);
			}
			catch (IOException ex) {
				throw failed(new KiwoomApiException(KiwoomResponse.this.apiId, KiwoomResponse.this.path, ex));
			}
			this.count += more.length;
			if (this.count > this.limit) {
				this.exceeded = true;
				throw failed(tooLarge(KiwoomResponse.this.apiId, KiwoomResponse.this.path, this.limitName, this.limit));
			}
			byte[] merged = new byte[buffered + more.length];
			if (ahead != null) {
				System.arraycopy(ahead, this.position, merged, 0, buffered);
			}
			System.arraycopy(more, 0, merged, buffered, more.length);
			this.ahead = merged;
			this.position = 0;
			this.mark = 0;
		}

		@Override
		public void reset() throws IOException {
			if (this.mark < 0) {
				throw new IOException("Mark not set");
			}
			this.position = this.mark;
		}

		/**
		 * Leaves the answer to {@link KiwoomResponse#close()}: a reader that closes the
		 * stream after the last JSON token must not cut the connection before it is
		 * drained and can be reused.
		 */
		@Override
		public void close() {
		}

	}

}
