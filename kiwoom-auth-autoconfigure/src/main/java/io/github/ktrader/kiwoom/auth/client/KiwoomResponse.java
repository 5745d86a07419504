package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.io.InputStream;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A Kiwoom answer judged before the caller sees it, whose body is bounded.
 * <p>
 * Kiwoom's errors and rejections are small JSON objects, so only an answer of at most
 * {@link #PEEK_LIMIT} bytes is read ahead and its {@code return_code} and
 * {@code return_msg} read; the caller then reads it from there. The bytes read ahead go
 * into a buffer lent by {@link ReadAheadBuffers} and given back on {@link #close()}, so
 * judging an answer allocates no copy of it. A larger answer is judged by its HTTP status
 * alone and streams to the caller as it arrives. Either way the caller can read no more
 * than the limit: past it, or when {@code Content-Length} already says more, the call
 * fails with {@link KiwoomErrorKind#RESPONSE_TOO_LARGE} and the connection is dropped
 * rather than drained (a compressed answer is counted as it inflates).
 */
final class KiwoomResponse implements ClientHttpResponse {

	/**
	 * Largest answer read ahead to judge its status.
	 */
	static final int PEEK_LIMIT = 16 * 1024;

	private final ClientHttpResponse delegate;

	private final @Nullable String apiId;

	private final String path;

	private final KiwoomStatus status;

	private final KiwoomResponseBody body;

	private KiwoomResponse(ClientHttpResponse delegate, @Nullable String apiId, String path, KiwoomStatus status,
			long limit, String limitName) {
		this.delegate = delegate;
		this.apiId = apiId;
		this.path = path;
		this.status = status;
		this.body = new KiwoomResponseBody(this, limit, limitName);
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
		if (response.getBody() instanceof KiwoomResponseBody body) {
			// RestClient's wrapper around an answer judged already
			return body.response();
		}
		int httpStatus = response.getStatusCode().value();
		long contentLength = ContentLength.of(response.getHeaders());
		boolean ok = httpStatus >= 200 && httpStatus < 300;
		if (contentLength > limit && ok) {
			abort(response);
			throw tooLarge(apiId, path, limitName, limit);
		}
		// A large error page (a proxy's 502) is judged by its status; its body stays
		// bounded for a caller that reads it.
		if (contentLength > PEEK_LIMIT) {
			KiwoomResponse large = new KiwoomResponse(response, apiId, path, KiwoomStatusReader.httpOnly(httpStatus),
					limit, limitName);
			large.body.streamFrom(response.getBody());
			return large;
		}
		byte[] buffer = ReadAheadBuffers.SHARED.take();
		int read;
		try {
			int ahead = (int) Math.min(limit + 1, (contentLength >= 0) ? contentLength : PEEK_LIMIT + 1);
			read = response.getBody().readNBytes(buffer, 0, ahead);
		}
		catch (IOException | RuntimeException ex) {
			ReadAheadBuffers.SHARED.give(buffer);
			throw ex;
		}
		if (read > limit && ok) {
			ReadAheadBuffers.SHARED.give(buffer);
			abort(response);
			throw tooLarge(apiId, path, limitName, limit);
		}
		boolean whole = read <= PEEK_LIMIT && read <= limit;
		KiwoomStatus status = whole ? statusReader.read(httpStatus, buffer, read)
				: KiwoomStatusReader.httpOnly(httpStatus);
		KiwoomResponse kiwoom = new KiwoomResponse(response, apiId, path, status, limit, limitName);
		kiwoom.body.readAhead(buffer, read);
		if (!whole) {
			kiwoom.body.streamFrom(response.getBody());
		}
		return kiwoom;
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

	static KiwoomApiException tooLarge(@Nullable String apiId, String path, String limitName, long limit) {
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
		return this.status;
	}

	/**
	 * Return whether Kiwoom rejected the token: HTTP 401, or 8005, 8010, 8031 or 8103.
	 * @return whether a new token may help
	 */
	boolean isRejection() {
		return KiwoomStatusReader.isRejection(this.status);
	}

	@Nullable String apiId() {
		return this.apiId;
	}

	String path() {
		return this.path;
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
		boolean exceeded = this.body.release();
		if (exceeded) {
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
		KiwoomApiException failure = this.body.failure();
		if (failure != null) {
			return failure;
		}
		return new KiwoomApiException(this.apiId, this.path, KiwoomErrorKind.MALFORMED_RESPONSE,
				"Kiwoom's answer could not be bound to " + type + JsonFailurePath.of(cause) + ".");
	}

}
