package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpResponse;

/**
 * One Kiwoom call with the token: sent with the cached token, judged, and sent once more
 * with a new token when Kiwoom rejected the first. Nothing else is retried, so an order
 * is never sent twice after Kiwoom accepted it. Shared by {@link KiwoomRequestFactory}
 * and {@link KiwoomAuthInterceptor}, which differ only in how a request goes out.
 */
final class AuthorizedExchange {

	private static final Log logger = LogFactory.getLog(AuthorizedExchange.class);

	static final String MAX_RESPONSE_SIZE_PROPERTY = "kiwoom.max-response-size";

	private final AccessTokenProvider tokenProvider;

	private final KiwoomStatusReader statusReader;

	private final long maxResponseSize;

	AuthorizedExchange(AccessTokenProvider tokenProvider, KiwoomStatusReader statusReader, long maxResponseSize) {
		this.tokenProvider = tokenProvider;
		this.statusReader = statusReader;
		this.maxResponseSize = maxResponseSize;
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
		AccessToken token = this.tokenProvider.getAccessToken();
		KiwoomResponse response = send(request, token, attempt);
		if (!response.isRejection()) {
			return response;
		}
		KiwoomStatus status = response.status();
		response.close();
		AccessToken retryToken = this.tokenProvider.renewRejected(token, status);
		if (logger.isDebugEnabled()) {
			logger.debug("Retrying " + request.getURI().getPath() + " once with access token " + retryToken.masked());
		}
		return send(request, retryToken, attempt);
	}

	private KiwoomResponse send(HttpRequest request, AccessToken token, Attempt attempt) {
		ClientHttpResponse response;
		try {
			response = attempt.send(token);
		}
		catch (IOException ex) {
			throw new KiwoomApiException(apiId(request), request.getURI().getPath(), ex);
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
			throw new KiwoomApiException(apiId(request), request.getURI().getPath(), ex);
		}
		catch (RuntimeException ex) {
			response.close();
			throw ex;
		}
	}

	private static @Nullable String apiId(HttpRequest request) {
		return request.getHeaders().getFirst(KiwoomClient.API_ID);
	}

}
