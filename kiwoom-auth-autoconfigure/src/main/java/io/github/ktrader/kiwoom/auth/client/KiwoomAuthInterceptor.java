package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * {@link ClientHttpRequestInterceptor} that sends {@code authorization: Bearer <token>}
 * with every Kiwoom call and recovers once when Kiwoom rejects the token.
 * <p>
 * A rejection is HTTP 401, or any answer whose code is 8005, 8010, 8031 or 8103, whether
 * it arrives in brackets in {@code return_msg} of an HTTP 200 answer or as
 * {@code return_code} itself. The provider then drops that token (if it is still the
 * cached one) and hands out a new one, and the call is sent once more. Nothing else is
 * retried, so an order is never sent twice after Kiwoom accepted it.
 * <p>
 * Answers are bounded: the caller reads at most {@code kiwoom.max-response-size} bytes
 * (counted after decompression), past which the call fails with a
 * {@link KiwoomApiException} of kind
 * {@link io.github.ktrader.kiwoom.auth.KiwoomErrorKind#RESPONSE_TOO_LARGE}. Only a small
 * answer (a rejection is a small JSON object) is read ahead to check it; a large one
 * streams to the caller uncopied. A call that gets no answer fails with a
 * {@link KiwoomApiException} naming the TR rather than an {@link IOException}.
 *
 * @since 0.1.0
 */
public final class KiwoomAuthInterceptor implements ClientHttpRequestInterceptor {

	private static final Log logger = LogFactory.getLog(KiwoomAuthInterceptor.class);

	/**
	 * Header that carries the token, spelled as in Kiwoom's guide.
	 */
	public static final String AUTHORIZATION = "authorization";

	/**
	 * Default of {@code kiwoom.max-response-size}: 4 MiB.
	 */
	static final long DEFAULT_MAX_RESPONSE_SIZE = 4L * 1024 * 1024;

	static final String MAX_RESPONSE_SIZE_PROPERTY = "kiwoom.max-response-size";

	private final AccessTokenProvider tokenProvider;

	private final KiwoomStatusReader statusReader;

	private final long maxResponseSize;

	/**
	 * Create an interceptor that reads answers of up to 4 MiB.
	 * @param tokenProvider where tokens come from
	 * @param jsonMapper the mapper used to read {@code return_code} from answers
	 */
	public KiwoomAuthInterceptor(AccessTokenProvider tokenProvider, JsonMapper jsonMapper) {
		this(tokenProvider, jsonMapper, DataSize.ofBytes(DEFAULT_MAX_RESPONSE_SIZE));
	}

	/**
	 * Create an interceptor.
	 * @param tokenProvider where tokens come from
	 * @param jsonMapper the mapper used to read {@code return_code} from answers
	 * @param maxResponseSize the largest answer a caller may read
	 * ({@code kiwoom.max-response-size})
	 */
	public KiwoomAuthInterceptor(AccessTokenProvider tokenProvider, JsonMapper jsonMapper, DataSize maxResponseSize) {
		Assert.notNull(tokenProvider, "TokenProvider must not be null");
		Assert.notNull(jsonMapper, "JsonMapper must not be null");
		Assert.notNull(maxResponseSize, "MaxResponseSize must not be null");
		Assert.isTrue(maxResponseSize.toBytes() > 0, "MaxResponseSize must be positive");
		this.tokenProvider = tokenProvider;
		this.statusReader = new KiwoomStatusReader(jsonMapper);
		this.maxResponseSize = maxResponseSize.toBytes();
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		AccessToken token = this.tokenProvider.getAccessToken();
		KiwoomResponse response = send(token, request, body, execution);
		if (!response.isRejection()) {
			return response;
		}
		KiwoomStatus status = response.status();
		response.close();
		AccessToken retryToken = this.tokenProvider.renewRejected(token, status);
		if (logger.isDebugEnabled()) {
			logger.debug("Retrying " + request.getURI().getPath() + " once with access token " + retryToken.masked());
		}
		return send(retryToken, request, body, execution);
	}

	private KiwoomResponse send(AccessToken token, HttpRequest request, byte[] body,
			ClientHttpRequestExecution execution) {
		String apiId = request.getHeaders().getFirst(KiwoomClient.API_ID);
		String path = request.getURI().getPath();
		request.getHeaders().set(AUTHORIZATION, "Bearer " + token.value());
		ClientHttpResponse response;
		try {
			response = execution.execute(request, body);
		}
		catch (IOException ex) {
			throw new KiwoomApiException(apiId, path, ex);
		}
		catch (IllegalArgumentException ex) {
			// The JDK client refuses a header value it cannot send and quotes it whole:
			// never pass that message (or even the token's mask) on.
			throw new KiwoomApiException(apiId, path, KiwoomErrorKind.OTHER,
					"a request header, such as the access token, holds a character that cannot be sent ("
							+ ex.getClass().getSimpleName() + "). " + KiwoomErrorKind.OTHER.advice());
		}
		try {
			KiwoomResponse kiwoom = KiwoomResponse.of(response, apiId, path, this.maxResponseSize,
					MAX_RESPONSE_SIZE_PROPERTY, this.statusReader);
			request.getAttributes().put(KiwoomResponse.ATTRIBUTE, kiwoom);
			return kiwoom;
		}
		catch (IOException ex) {
			response.close();
			throw new KiwoomApiException(apiId, path, ex);
		}
		catch (RuntimeException ex) {
			response.close();
			throw ex;
		}
	}

	/**
	 * Return whether the body contains 8005, 8010, 8031 or 8103 anywhere. Most answers do
	 * not, and this byte scan spares them a JSON parse on every call.
	 */
	static boolean mentionsRejectionCode(byte[] body) {
		for (int i = 0; i + 3 < body.length; i++) {
			if (body[i] == '8' && isRejectionCode(body[i + 1], body[i + 2], body[i + 3])) {
				return true;
			}
		}
		return false;
	}

	private static boolean isRejectionCode(byte b1, byte b2, byte b3) {
		if (b1 == '0') {
			return (b2 == '0' && b3 == '5') || (b2 == '1' && b3 == '0') || (b2 == '3' && b3 == '1');
		}
		return b1 == '1' && b2 == '0' && b3 == '3';
	}

}
