package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import io.github.ktrader.kiwoom.auth.RateLimitRefusal;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Posts a JSON body to one of Kiwoom's {@code /oauth2} endpoints and hands back the raw
 * answer, turning transport failures into {@link KiwoomAuthException}.
 * <p>
 * The body is written here, so that it goes out with a {@code Content-Length} without
 * buffering the answer too. The answer is read up to {@link #MAX_ANSWER_SIZE}: a token
 * answer is a few hundred bytes, and anything much larger is not one.
 * <p>
 * Each call is paced like every other Kiwoom call: under the key-wide budget and its own
 * API id ({@code au10001} or {@code au10002}), waiting at most its own longest wait, and
 * a rate refusal lowers the allowance to the one Kiwoom states, so that a burst of
 * re-issues stays within Kiwoom's allowance.
 */
final class KiwoomAuthCalls {

	static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json;charset=UTF-8");

	/**
	 * Largest {@code /oauth2} answer read, counted after decompression.
	 */
	static final int MAX_ANSWER_SIZE = 32 * 1024;

	private final Supplier<RestClient> restClient;

	private final JsonMapper jsonMapper;

	private final KiwoomRateLimiter limiter;

	private final String apiId;

	private final @Nullable Duration maxWait;

	/**
	 * Create the calls of one endpoint.
	 * @param apiId the endpoint's API id, the bucket its calls are paced under
	 * @param maxWait the longest a call waits for its permit of this instance's buckets
	 * alone (au10002, at shutdown), or {@code null} for
	 * {@code kiwoom.rate-limit.max-wait} and the buckets shared in cluster mode
	 */
	KiwoomAuthCalls(Supplier<RestClient> restClient, JsonMapper jsonMapper, KiwoomRateLimiter limiter, String apiId,
			@Nullable Duration maxWait) {
		this.restClient = restClient;
		this.jsonMapper = jsonMapper;
		this.limiter = limiter;
		this.apiId = apiId;
		this.maxWait = maxWait;
	}

	Answer post(String path, Object body, String operation) {
		pace(operation);
		byte[] requestBody = this.jsonMapper.writeValueAsBytes(body);
		try {
			return this.restClient.get()
				.post()
				.uri(path)
				.contentType(JSON_UTF8)
				.accept(MediaType.APPLICATION_JSON)
				.body(requestBody)
				.exchange((request, response) -> new Answer(response.getStatusCode().value(),
						readBounded(response, operation), date(response.getHeaders())), true);
		}
		catch (ResourceAccessException ex) {
			throw ioError(operation, ex);
		}
	}

	private void pace(String operation) {
		boolean permitted;
		try {
			permitted = (this.maxWait != null) ? this.limiter.acquireLocally(this.apiId, this.maxWait)
					: this.limiter.acquire(this.apiId);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KiwoomAuthException(KiwoomErrorKind.RATE_LIMITED,
					operation + " failed: interrupted while waiting for its permit of Kiwoom's allowance (유량); "
							+ "the request was not sent.",
					ex);
		}
		if (!permitted) {
			Duration maxWait = (this.maxWait != null) ? this.maxWait : this.limiter.settings().maxWait();
			throw new KiwoomAuthException(KiwoomErrorKind.RATE_LIMITED,
					operation + " failed: no permit of Kiwoom's allowance (유량) for " + this.apiId + " within " + maxWait
							+ "; the request was not sent. " + KiwoomErrorKind.RATE_LIMITED.advice(),
					null);
		}
	}

	private static byte[] readBounded(ClientHttpResponse response, String operation) throws IOException {
		long contentLength = response.getHeaders().getContentLength();
		byte[] body = (contentLength > MAX_ANSWER_SIZE) ? null : response.getBody().readNBytes(MAX_ANSWER_SIZE + 1);
		if (body == null || body.length > MAX_ANSWER_SIZE) {
			KiwoomResponse.abort(response);
			if (!response.getStatusCode().is2xxSuccessful()) {
				// A large error page (a proxy's 502) is judged by its status alone.
				return new byte[0];
			}
			throw new KiwoomAuthException(KiwoomErrorKind.RESPONSE_TOO_LARGE,
					operation + " failed: Kiwoom's answer is larger than " + MAX_ANSWER_SIZE
							+ " bytes, too large for a token answer. " + KiwoomErrorKind.RESPONSE_TOO_LARGE.advice(),
					null);
		}
		return body;
	}

	/**
	 * Return the exception for a failed answer. On the {@code /oauth2} endpoints a bare
	 * HTTP 401 can only mean that the keys were refused.
	 */
	KiwoomAuthException failure(String operation, KiwoomStatus status) {
		RateLimitRefusal refusal = status.rateLimitRefusal();
		if (refusal != null) {
			this.limiter.refused(this.apiId, refusal);
		}
		KiwoomErrorKind kind = status.errorKind();
		return new KiwoomAuthException(operation, status, (kind == null) ? KiwoomErrorKind.OTHER
				: (kind == KiwoomErrorKind.UNAUTHORIZED) ? KiwoomErrorKind.INVALID_CREDENTIALS : kind);
	}

	private static KiwoomAuthException ioError(String operation, ResourceAccessException ex) {
		Throwable cause = (ex.getCause() instanceof IOException io) ? io : ex;
		String reason = cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
		return new KiwoomAuthException(KiwoomErrorKind.IO_ERROR,
				operation + " failed: " + reason + ". " + KiwoomErrorKind.IO_ERROR.advice(), ex);
	}

	/**
	 * Return the answer's {@code Date} header, Kiwoom's clock, or {@code null} if absent
	 * or unreadable.
	 */
	private static @Nullable Instant date(HttpHeaders headers) {
		try {
			long millis = headers.getDate();
			return (millis >= 0) ? Instant.ofEpochMilli(millis) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * What Kiwoom answered: the HTTP status, the body, fully read, and the {@code Date}
	 * header.
	 */
	record Answer(int status, byte[] body, @Nullable Instant date) {

	}

}
