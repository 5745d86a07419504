package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.time.Instant;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpResponse;

/**
 * One Kiwoom call with the token: paced to Kiwoom's allowance, sent with the cached
 * token, judged, and sent again only by the rule of {@link CallRules}: once more with a
 * new token when Kiwoom rejected the token, and after the pacing wait when Kiwoom refused
 * it for its rate. Nothing else is retried, so an order is never sent twice after Kiwoom
 * may have accepted it. Shared by {@link KiwoomRequestFactory} and
 * {@link KiwoomAuthInterceptor}, which differ only in how a request goes out.
 */
final class AuthorizedExchange {

	private static final Log logger = LogFactory.getLog(AuthorizedExchange.class);

	static final String MAX_RESPONSE_SIZE_PROPERTY = "kiwoom.max-response-size";

	private final AccessTokenProvider tokenProvider;

	private final KiwoomStatusReader statusReader;

	private final long maxResponseSize;

	private final CallRules rules;

	AuthorizedExchange(AccessTokenProvider tokenProvider, KiwoomStatusReader statusReader, long maxResponseSize,
			KiwoomRateLimiter limiter) {
		this.tokenProvider = tokenProvider;
		this.statusReader = statusReader;
		this.maxResponseSize = maxResponseSize;
		this.rules = new CallRules(limiter);
	}

	/**
	 * Sends a request with the given token.
	 */
	@FunctionalInterface
	interface Attempt {

		ClientHttpResponse send(AccessToken token) throws IOException;

	}

	/**
	 * Make the call, recovering once from a rejected token.
	 * @param request the request, for its TR and path in errors and logs
	 * @param attempt sends the request with a token
	 * @return the judged answer
	 */
	KiwoomResponse exchange(HttpRequest request, Attempt attempt) {
		String path = request.getURI().getPath();
		String bucket = CallRules.bucket(apiId(request), path);
		boolean order = this.rules.isOrder(bucket, path);
		AccessToken token = this.tokenProvider.getAccessToken();
		boolean renewed = false;
		int refusals = 0;
		while (true) {
			pace(request, bucket);
			KiwoomResponse response = send(request, token, attempt, order);
			KiwoomStatus status = response.status();
			if (!renewed && response.isRejection()) {
				response.close();
				token = this.tokenProvider.renewRejected(token, status);
				renewed = true;
				if (logger.isDebugEnabled()) {
					logger.debug("Retrying " + path + " once with access token " + token.masked());
				}
				continue;
			}
			if (CallRules.isOutcomeUnknown(order, status)) {
				response.close();
				throw CallRules.outcomeUnknown(apiId(request), path, this.rules.now(), CallRules.describe(status),
						null);
			}
			if (this.rules.refusal(bucket, status) == null || !this.rules.mayResend(order, ++refusals)) {
				return response;
			}
			response.close();
			if (logger.isDebugEnabled()) {
				logger.debug("Sending " + bucket + " again after Kiwoom refused it for its rate (" + refusals + ")");
			}
		}
	}

	private void pace(HttpRequest request, String bucket) {
		boolean permitted;
		try {
			permitted = this.rules.limiter().acquire(bucket);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw this.rules.notSent(apiId(request), request.getURI().getPath(),
					"interrupted while waiting for its permit");
		}
		if (!permitted) {
			throw this.rules.noPermit(apiId(request), request.getURI().getPath(), bucket);
		}
	}

	private KiwoomResponse send(HttpRequest request, AccessToken token, Attempt attempt, boolean order) {
		Instant sentAt = order ? this.rules.now() : null;
		ClientHttpResponse response;
		try {
			response = attempt.send(token);
		}
		catch (IOException ex) {
			throw ioFailure(request, sentAt, ex);
		}
		catch (IllegalArgumentException ex) {
			// The JDK client refuses a header value it cannot send and quotes it whole:
			// never pass that message (or even the token's mask) on.
			throw new KiwoomApiException(apiId(request), request.getURI().getPath(), KiwoomErrorKind.OTHER,
					"a request header, such as the access token, holds a character that cannot be sent ("
							+ ex.getClass().getSimpleName() + "). " + KiwoomErrorKind.OTHER.advice());
		}
		try {
			return KiwoomResponse.of(response, apiId(request), request.getURI().getPath(), this.maxResponseSize,
					MAX_RESPONSE_SIZE_PROPERTY, this.statusReader);
		}
		catch (IOException ex) {
			response.close();
			throw ioFailure(request, sentAt, ex);
		}
		catch (RuntimeException ex) {
			response.close();
			throw ex;
		}
	}

	/**
	 * No answer, or one cut off: for an order, Kiwoom may have accepted it.
	 */
	private static KiwoomApiException ioFailure(HttpRequest request, @Nullable Instant sentAt, IOException ex) {
		if (sentAt != null && !CallRules.neverConnected(ex)) {
			return CallRules.outcomeUnknown(apiId(request), request.getURI().getPath(), sentAt,
					"got no whole answer (" + ex.getClass().getSimpleName() + ")", ex);
		}
		return new KiwoomApiException(apiId(request), request.getURI().getPath(), ex);
	}

	private static @Nullable String apiId(HttpRequest request) {
		return request.getHeaders().getFirst(KiwoomClient.API_ID);
	}

}
