package io.github.ktrader.kiwoom.auth.client;

import java.net.ConnectException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import io.github.ktrader.kiwoom.auth.TokenIssuer;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * {@link TokenIssuer} that calls au10001 ({@code POST /oauth2/token}).
 * <p>
 * {@code expires_dt} is read as Korean wall-clock time (Asia/Seoul) whatever the JVM's
 * zone. Rate limiting (1700, HTTP 429), HTTP 5xx and refused connections are retried a
 * few times with an exponential back-off; every other failure is thrown at once as a
 * {@link KiwoomAuthException}.
 *
 * @since 0.1.0
 */
public final class KiwoomTokenIssuer implements TokenIssuer {

	static final String OPERATION = "au10001 (issue access token)";

	/**
	 * The API id au10001 is paced under.
	 */
	static final String API_ID = "au10001";

	private static final DateTimeFormatter EXPIRES_DT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT)
		.withResolverStyle(ResolverStyle.STRICT);

	/**
	 * Longest token accepted, in characters. Kiwoom's tokens are a few hundred; a token
	 * this long would ride as a header on every call.
	 */
	static final int MAX_TOKEN_LENGTH = 4096;

	private final KiwoomAuthCalls calls;

	private final KiwoomCredentials credentials;

	private final JsonMapper jsonMapper;

	private final RetryTemplate retryTemplate;

	/**
	 * Create an issuer with the default retry policy: up to 3 retries, from 300 ms
	 * doubling to at most 3 s.
	 * @param restClient a client whose base URL is {@code kiwoom.host}
	 * @param credentials the keys to send
	 * @param jsonMapper the mapper for request and answer bodies
	 */
	public KiwoomTokenIssuer(RestClient restClient, KiwoomCredentials credentials, JsonMapper jsonMapper) {
		this(restClient, credentials, jsonMapper, defaultRetryPolicy());
	}

	/**
	 * Create an issuer.
	 * @param restClient a client whose base URL is {@code kiwoom.host}
	 * @param credentials the keys to send
	 * @param jsonMapper the mapper for request and answer bodies
	 * @param retryPolicy which failures are retried, how often and after what delay
	 */
	public KiwoomTokenIssuer(RestClient restClient, KiwoomCredentials credentials, JsonMapper jsonMapper,
			RetryPolicy retryPolicy) {
		this(supplier(restClient), credentials, jsonMapper, retryPolicy);
	}

	/**
	 * Create an issuer whose client is built on first use, so that an application that
	 * never calls Kiwoom pays nothing for it at startup.
	 * @param restClient supplies a client whose base URL is {@code kiwoom.host}
	 * @param credentials the keys to send
	 * @param jsonMapper the mapper for request and answer bodies
	 * @param retryPolicy which failures are retried, how often and after what delay
	 */
	public KiwoomTokenIssuer(Supplier<RestClient> restClient, KiwoomCredentials credentials, JsonMapper jsonMapper,
			RetryPolicy retryPolicy) {
		this(restClient, credentials, jsonMapper, retryPolicy, KiwoomRateLimiter.unpaced());
	}

	/**
	 * Create an issuer whose calls are paced under the key-wide budget and their own API
	 * id, {@code au10001}, so that a burst of re-issues stays within Kiwoom's allowance.
	 * @param restClient supplies a client whose base URL is {@code kiwoom.host}
	 * @param credentials the keys to send
	 * @param jsonMapper the mapper for request and answer bodies
	 * @param retryPolicy which failures are retried, how often and after what delay
	 * @param rateLimiter the key pair's pacing
	 */
	public KiwoomTokenIssuer(Supplier<RestClient> restClient, KiwoomCredentials credentials, JsonMapper jsonMapper,
			RetryPolicy retryPolicy, KiwoomRateLimiter rateLimiter) {
		Assert.notNull(restClient, "RestClient must not be null");
		Assert.notNull(credentials, "Credentials must not be null");
		Assert.notNull(jsonMapper, "JsonMapper must not be null");
		Assert.notNull(retryPolicy, "RetryPolicy must not be null");
		Assert.notNull(rateLimiter, "RateLimiter must not be null");
		this.calls = new KiwoomAuthCalls(restClient, jsonMapper, rateLimiter, API_ID, null);
		this.credentials = credentials;
		this.jsonMapper = jsonMapper;
		this.retryTemplate = new RetryTemplate(retryPolicy);
	}

	static Supplier<RestClient> supplier(RestClient restClient) {
		Assert.notNull(restClient, "RestClient must not be null");
		return () -> restClient;
	}

	/**
	 * Return the retry policy used by default: rate limiting, HTTP 5xx and refused
	 * connections, up to 3 retries, from 300 ms doubling to at most 3 s.
	 * @return the default retry policy
	 */
	public static RetryPolicy defaultRetryPolicy() {
		return RetryPolicy.builder()
			.predicate(KiwoomTokenIssuer::isTransient)
			.maxRetries(3)
			.delay(Duration.ofMillis(300))
			.multiplier(2)
			.maxDelay(Duration.ofSeconds(3))
			.jitter(Duration.ofMillis(100))
			.build();
	}

	static boolean isTransient(Throwable ex) {
		if (!(ex instanceof KiwoomAuthException kiwoom)) {
			return false;
		}
		return switch (kiwoom.getKind()) {
			case RATE_LIMITED, SERVER_ERROR -> true;
			case IO_ERROR -> kiwoom.getCause() != null && kiwoom.getCause().getCause() instanceof ConnectException;
			default -> false;
		};
	}

	@Override
	public AccessToken issue() {
		try {
			return this.retryTemplate.execute(this::issueOnce);
		}
		catch (RetryException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new KiwoomAuthException(KiwoomErrorKind.OTHER, OPERATION + " failed", ex.getCause());
		}
	}

	private AccessToken issueOnce() {
		TokenRequest request = new TokenRequest("client_credentials", this.credentials.appkey(),
				this.credentials.secretkey());
		KiwoomAuthCalls.Answer answer = this.calls.post("/oauth2/token", request, OPERATION);
		TokenResponse response = readResponse(answer);
		KiwoomStatus status = KiwoomStatus.of(answer.status(), response.returnCode(), response.returnMsg());
		if (!status.isSuccess()) {
			throw this.calls.failure(OPERATION, status);
		}
		return new AccessToken(requireToken(response), expiresAt(response), answer.date());
	}

	private TokenResponse readResponse(KiwoomAuthCalls.Answer answer) {
		try {
			TokenResponse response = (answer.body().length > 0)
					? this.jsonMapper.readValue(answer.body(), TokenResponse.class) : null;
			if (response != null) {
				return response;
			}
		}
		catch (JacksonException ex) {
			// Reported below, with the HTTP status: Kiwoom's error pages are not JSON.
		}
		if (answer.status() < 200 || answer.status() >= 300) {
			KiwoomStatus status = KiwoomStatus.of(answer.status(), null, null);
			throw this.calls.failure(OPERATION, status);
		}
		throw malformed("the body is not a JSON object (" + answer.body().length + " bytes)");
	}

	private static String requireToken(TokenResponse response) {
		if (!StringUtils.hasText(response.token())) {
			throw malformed("field 'token' is missing or empty");
		}
		String token = response.token().trim();
		if (token.length() > MAX_TOKEN_LENGTH) {
			throw malformed("field 'token' is " + token.length() + " characters long, more than " + MAX_TOKEN_LENGTH);
		}
		int invalid = firstInvalidCharacter(token);
		if (invalid >= 0) {
			// Neither the value nor its mask: the mask's first characters may be the bad
			// ones.
			throw malformed("field 'token' holds a character other than visible ASCII at index " + invalid
					+ ", so it cannot be sent as a header");
		}
		return token;
	}

	/**
	 * Return the index of the first character that cannot go into an
	 * {@code authorization} header, or -1. RFC 6750's {@code b64token} is visible ASCII;
	 * a CR, LF or non-ASCII character would make every call fail.
	 */
	private static int firstInvalidCharacter(String token) {
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c < 0x21 || c > 0x7E) {
				return i;
			}
		}
		return -1;
	}

	private static java.time.Instant expiresAt(TokenResponse response) {
		String expiresDt = response.expiresDt();
		if (!StringUtils.hasText(expiresDt)) {
			throw malformed("field 'expires_dt' is missing or empty");
		}
		try {
			return LocalDateTime.parse(expiresDt.trim(), EXPIRES_DT).atZone(AccessToken.KIWOOM_ZONE).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw malformed("field 'expires_dt' is '" + expiresDt + "', not yyyyMMddHHmmss");
		}
	}

	private static KiwoomAuthException malformed(String detail) {
		return new KiwoomAuthException(KiwoomErrorKind.MALFORMED_RESPONSE,
				OPERATION + " failed: Kiwoom's answer could not be read: " + detail + ".", null);
	}

}
