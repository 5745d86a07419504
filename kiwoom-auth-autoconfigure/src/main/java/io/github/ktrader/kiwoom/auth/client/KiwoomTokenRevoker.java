package io.github.ktrader.kiwoom.auth.client;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import io.github.ktrader.kiwoom.auth.TokenRevoker;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * {@link TokenRevoker} that calls au10002 ({@code POST /oauth2/revoke}).
 * <p>
 * Success is a 2xx status with a zero or absent {@code return_code}, so both
 * {@code {"return_code":0,…}} and the guide's {@code {"result":"success"}} (or an empty
 * body) count. Nothing is retried: revocation is best effort and must stay bounded, so
 * its permit of Kiwoom's allowance is awaited at most the revoke timeout.
 *
 * @since 0.1.0
 */
public final class KiwoomTokenRevoker implements TokenRevoker {

	static final String OPERATION = "au10002 (revoke access token)";

	/**
	 * The API id au10002 is paced under.
	 */
	static final String API_ID = "au10002";

	private final KiwoomAuthCalls calls;

	private final KiwoomCredentials credentials;

	private final KiwoomStatusReader statusReader;

	/**
	 * Create a revoker.
	 * @param restClient a client whose base URL is {@code kiwoom.host}
	 * @param credentials the keys to send
	 * @param jsonMapper the mapper for answer bodies
	 */
	public KiwoomTokenRevoker(RestClient restClient, KiwoomCredentials credentials, JsonMapper jsonMapper) {
		this(KiwoomTokenIssuer.supplier(restClient), credentials, jsonMapper);
	}

	/**
	 * Create a revoker whose client is built on first use.
	 * @param restClient supplies a client whose base URL is {@code kiwoom.host}
	 * @param credentials the keys to send
	 * @param jsonMapper the mapper for answer bodies
	 */
	public KiwoomTokenRevoker(Supplier<RestClient> restClient, KiwoomCredentials credentials, JsonMapper jsonMapper) {
		this(restClient, credentials, jsonMapper, KiwoomRateLimiter.unpaced(), Duration.ofSeconds(10));
	}

	/**
	 * Create a revoker whose calls are paced under the key-wide budget and their own API
	 * id, {@code au10002}, on this instance's buckets (a revoke runs at shutdown, when
	 * the shared ones may be out of reach); a permit due later than {@code revokeTimeout}
	 * fails the revoke unsent, as a revoke without an answer would fail.
	 * @param restClient supplies a client whose base URL is {@code kiwoom.host}
	 * @param credentials the keys to send
	 * @param jsonMapper the mapper for answer bodies
	 * @param rateLimiter the key pair's pacing
	 * @param revokeTimeout the longest a revoke waits for its permit
	 * ({@code kiwoom.token.revoke-timeout})
	 */
	public KiwoomTokenRevoker(Supplier<RestClient> restClient, KiwoomCredentials credentials, JsonMapper jsonMapper,
			KiwoomRateLimiter rateLimiter, Duration revokeTimeout) {
		Assert.notNull(restClient, "RestClient must not be null");
		Assert.notNull(credentials, "Credentials must not be null");
		Assert.notNull(jsonMapper, "JsonMapper must not be null");
		Assert.notNull(rateLimiter, "RateLimiter must not be null");
		Assert.notNull(revokeTimeout, "RevokeTimeout must not be null");
		this.calls = new KiwoomAuthCalls(restClient, jsonMapper, rateLimiter, API_ID, revokeTimeout);
		this.credentials = credentials;
		this.statusReader = new KiwoomStatusReader(jsonMapper);
	}

	@Override
	public void revoke(AccessToken token) {
		Assert.notNull(token, "Token must not be null");
		RevokeRequest request = new RevokeRequest(this.credentials.appkey(), this.credentials.secretkey(),
				token.value());
		KiwoomAuthCalls.Answer answer = this.calls.post("/oauth2/revoke", request, OPERATION);
		KiwoomStatus status = this.statusReader.read(answer.status(), answer.body());
		if (!status.isSuccess()) {
			throw this.calls.failure(OPERATION, status);
		}
	}

}
