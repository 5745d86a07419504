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
import org.springframework.util.StreamUtils;

/**
 * {@link ClientHttpRequestInterceptor} that sends {@code authorization: Bearer <token>}
 * with every Kiwoom call and recovers once when Kiwoom rejects the token.
 * <p>
 * A rejection is HTTP 401, or any answer whose code is 8005, 8010, 8031 or 8103, whether
 * it arrives in brackets in {@code return_msg} of an HTTP 200 answer or as
 * {@code return_code} itself. The provider then drops that token (if it is still the
 * cached one) and hands out a new one, and the call is sent once more. Nothing else is
 * retried, so an order is never sent twice after Kiwoom accepted it.
 *
 * @since 0.1.0
 */
public final class KiwoomAuthInterceptor implements ClientHttpRequestInterceptor {

	private static final Log logger = LogFactory.getLog(KiwoomAuthInterceptor.class);

	/**
	 * Header that carries the token, spelled as in Kiwoom's guide.
	 */
	public static final String AUTHORIZATION = "authorization";

	private final AccessTokenProvider tokenProvider;

	private final KiwoomStatusReader statusReader;

	/**
	 * Create an interceptor.
	 * @param tokenProvider where tokens come from
	 * @param jsonMapper the mapper used to read {@code return_code} from answers
	 */
	public KiwoomAuthInterceptor(AccessTokenProvider tokenProvider, JsonMapper jsonMapper) {
		Assert.notNull(tokenProvider, "TokenProvider must not be null");
		Assert.notNull(jsonMapper, "JsonMapper must not be null");
		this.tokenProvider = tokenProvider;
		this.statusReader = new KiwoomStatusReader(jsonMapper);
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		AccessToken token = this.tokenProvider.getAccessToken();
		BufferedResponse response = send(token, request, body, execution);
		if (!isRejection(response)) {
			return response;
		}
		response.close();
		AccessToken retryToken = this.tokenProvider.renewRejected(token);
		if (logger.isDebugEnabled()) {
			logger.debug("Retrying " + request.getURI().getPath() + " once with access token " + retryToken.masked());
		}
		return send(retryToken, request, body, execution);
	}

	private static BufferedResponse send(AccessToken token, HttpRequest request, byte[] body,
			ClientHttpRequestExecution execution) throws IOException {
		request.getHeaders().set(AUTHORIZATION, "Bearer " + token.value());
		ClientHttpResponse response = execution.execute(request, body);
		try {
			return new BufferedResponse(response, StreamUtils.copyToByteArray(response.getBody()));
		}
		catch (IOException | RuntimeException ex) {
			response.close();
			throw ex;
		}
	}

	private boolean isRejection(BufferedResponse response) throws IOException {
		int status = response.getStatusCode().value();
		if (status == 401) {
			return true;
		}
		byte[] body = response.bytes();
		if (!mentionsRejectionCode(body)) {
			return false;
		}
		KiwoomStatus kiwoom = this.statusReader.read(status, body);
		return kiwoom.errorKind() == KiwoomErrorKind.TOKEN_REJECTED;
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
