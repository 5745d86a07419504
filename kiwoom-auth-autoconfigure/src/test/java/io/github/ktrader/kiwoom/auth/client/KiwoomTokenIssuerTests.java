package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.APPKEY;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.CREDENTIALS;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.SECRETKEY;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.assertNoSecrets;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.assertSentLikeKiwoomExamples;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.baseUrl;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.json;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.status;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link KiwoomTokenIssuer}.
 */
class KiwoomTokenIssuerTests {

	private static final String TOKEN = "TOKEN-SECRET-abcdefghijklmnopqrstuvwxyz";

	private static final String SUCCESS = """
			{"expires_dt":"20241107083713","token_type":"bearer","token":"%s",
			"return_code":0,"return_msg":"정상적으로 처리되었습니다"}""".formatted(TOKEN);

	private static final Instant SUCCESS_EXPIRY = Instant.parse("2024-11-06T23:37:13Z");

	private static final long MAX_RETRIES = 2;

	private MockWebServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = KiwoomHttpTestSupport.startServer();
	}

	@AfterEach
	void closeServer() {
		this.server.close();
	}

	@Test
	void issueSendsClientCredentialsToTokenEndpoint() throws Exception {
		this.server.enqueue(json(SUCCESS));
		issuer().issue();
		RecordedRequest request = take(this.server);
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/oauth2/token");
		assertThat(request.getTarget()).isEqualTo("/oauth2/token");
		assertSentLikeKiwoomExamples(request);
		Map<String, Object> body = KiwoomHttpTestSupport.jsonBodyOf(request);
		assertThat(body.keySet()).containsExactly("grant_type", "appkey", "secretkey");
		assertThat(body).containsExactly(entry("grant_type", "client_credentials"), entry("appkey", APPKEY),
				entry("secretkey", SECRETKEY));
		assertThat(KiwoomHttpTestSupport.bodyOf(request))
			.isEqualTo("{\"grant_type\":\"client_credentials\",\"appkey\":\"" + APPKEY + "\",\"secretkey\":\""
					+ SECRETKEY + "\"}");
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void issueReturnsTokenAndExpiry() {
		this.server.enqueue(json(SUCCESS));
		AccessToken token = issuer().issue();
		assertThat(token.value()).isEqualTo(TOKEN);
		assertThat(token.expiresAt()).isEqualTo(SUCCESS_EXPIRY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "UTC", "Asia/Seoul", "America/New_York", "Europe/London" })
	void issueReadsExpiresDtAsSeoulTimeWhateverTheDefaultZone(String zone) {
		TimeZone original = TimeZone.getDefault();
		try {
			TimeZone.setDefault(TimeZone.getTimeZone(zone));
			this.server.enqueue(json(SUCCESS));
			assertThat(issuer().issue().expiresAt()).isEqualTo(Instant.parse("2024-11-06T23:37:13Z"));
		}
		finally {
			TimeZone.setDefault(original);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "bearer", "Bearer", "BEARER" })
	void issueAcceptsAnyTokenTypeSpelling(String tokenType) {
		this.server.enqueue(json(successWith("token_type", "\"" + tokenType + "\"")));
		assertThat(issuer().issue()).isEqualTo(new AccessToken(TOKEN, SUCCESS_EXPIRY));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "\"0\"", "\"0000\"", "\" 0 \"", "null" })
	void issueAcceptsEverySuccessReturnCode(String returnCode) {
		this.server.enqueue(json(successWith("return_code", returnCode)));
		assertThat(issuer().issue()).isEqualTo(new AccessToken(TOKEN, SUCCESS_EXPIRY));
	}

	@Test
	void issueAcceptsSuccessWithoutReturnCode() {
		this.server.enqueue(json("{\"expires_dt\":\"20241107083713\",\"token_type\":\"bearer\",\"token\":\"" + TOKEN
				+ "\",\"other\":{\"nested\":[1,2]}}"));
		assertThat(issuer().issue()).isEqualTo(new AccessToken(TOKEN, SUCCESS_EXPIRY));
	}

	@Test
	void issueTrimsToken() {
		this.server.enqueue(json(successWith("token", "\"  " + TOKEN + " \"")));
		assertThat(issuer().issue().value()).isEqualTo(TOKEN);
	}

	@ParameterizedTest
	@ValueSource(strings = { "3", "\"3\"", "\"0003\"" })
	void issueWhenKeysAreWrongFailsNamingKeysWithoutRetry(String returnCode) {
		this.server.enqueue(json("{\"return_code\":" + returnCode
				+ ",\"return_msg\":\"인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]\"}"));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue()).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.INVALID_CREDENTIALS);
			assertThat(ex.getCode()).isEqualTo(8001);
			assertThat(ex.getHttpStatus()).isEqualTo(200);
			assertThat(ex.getKiwoomMessage()).isEqualTo("인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]");
			assertThat(ex.getMessage()).contains("au10001", "8001", "kiwoom.appkey", "kiwoom.secretkey");
			assertNoSecrets(ex, TOKEN);
		});
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void issueWhenKeysBelongToOtherEnvironmentFailsNamingHostWithoutRetry() {
		this.server
			.enqueue(json("{\"return_code\":2,\"return_msg\":\"입력 값 오류입니다[8030:투자구분(실전/모의)이 달라서 인증에 실패했습니다]\"}"));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue()).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.WRONG_ENVIRONMENT);
			assertThat(ex.getCode()).isEqualTo(8030);
			assertThat(ex.getMessage()).contains("kiwoom.host", "8030");
			assertNoSecrets(ex, TOKEN);
		});
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void issueWhenIpIsNotRegisteredFailsAskingToRegisterIpWithoutRetry() {
		this.server.enqueue(json("{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8050:지정단말기 인증에 실패했습니다]\"}"));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue()).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.UNREGISTERED_IP);
			assertThat(ex.getKind().isFatal()).isTrue();
			assertThat(ex.getCode()).isEqualTo(8050);
			assertThat(ex.getMessage()).contains("8050", "IP", "Register");
			assertNoSecrets(ex, TOKEN);
		});
		assertThat(this.server.getRequestCount()).isOne();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			3 | 인증에 실패했습니다[8005:Token이 유효하지 않습니다]           | 8005 | TOKEN_REJECTED
			3 | 인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다] | 8001 | INVALID_CREDENTIALS
			2 | 입력 값 오류입니다[8030:투자구분(실전/모의)이 달라서 인증에 실패했습니다] | 8030 | WRONG_ENVIRONMENT
			3 | 인증에 실패했습니다[8050:지정단말기 인증에 실패했습니다]         | 8050 | UNREGISTERED_IP
			""")
	void issueFailureMessageKeepsKiwoomsKoreanMessageAndCode(int returnCode, String returnMsg, int code,
			KiwoomErrorKind kind) {
		this.server.enqueue(json("{\"return_code\":" + returnCode + ",\"return_msg\":\"" + returnMsg + "\"}"));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue()).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(kind);
			assertThat(ex.getKiwoomMessage()).isEqualTo(returnMsg);
			assertThat(ex.getMessage()).contains("return_code " + returnCode, "code " + code, "\"" + returnMsg + "\"",
					kind.advice());
			assertNoSecrets(ex, TOKEN);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "8001", "\"8001\"" })
	void issueWhenReturnCodeIsInnerCodeWithoutBracketsClassifiesIt(String returnCode) {
		this.server
			.enqueue(json("{\"return_code\":" + returnCode + ",\"return_msg\":\"App Key와 Secret Key 검증에 실패했습니다\"}"));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue()).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.INVALID_CREDENTIALS);
			assertThat(ex.getCode()).isEqualTo(8001);
			assertThat(ex.getMessage()).contains("kiwoom.appkey", "kiwoom.secretkey");
			assertNoSecrets(ex, TOKEN);
		});
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void issueWhenReturnCodeIs8005WithoutBracketsFailsWithoutRetry() {
		this.server.enqueue(json("{\"return_code\":8005,\"return_msg\":\"Token이 유효하지 않습니다\"}"));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue()).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.TOKEN_REJECTED);
			assertThat(ex.getCode()).isEqualTo(8005);
			assertNoSecrets(ex, TOKEN);
		});
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void issueWhenRateLimitedByHttp429RetriesAndReturnsToken() throws Exception {
		this.server.enqueue(status(429));
		this.server.enqueue(json(SUCCESS));
		assertThat(issuer().issue()).isEqualTo(new AccessToken(TOKEN, SUCCESS_EXPIRY));
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		String first = KiwoomHttpTestSupport.bodyOf(take(this.server));
		String second = KiwoomHttpTestSupport.bodyOf(take(this.server));
		assertThat(second).isEqualTo(first);
	}

	@Test
	void issueWhenRateLimitedByReturnCode1700RetriesAndReturnsToken() {
		this.server.enqueue(json("{\"return_code\":5,\"return_msg\":\"허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다]\"}"));
		this.server.enqueue(json(SUCCESS));
		assertThat(issuer().issue()).isEqualTo(new AccessToken(TOKEN, SUCCESS_EXPIRY));
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void issueWhenReturnCode5WithoutRateMarkersIsNotRetried() {
		// No 1700/1701/1702 or 유량=: an input error worded alike, not a rate refusal
		this.server.enqueue(json("{\"return_code\":5,\"return_msg\":\"허용된 요청 개수를 초과하였습니다\"}"));
		this.server.enqueue(json(SUCCESS));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue())
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.OTHER));
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void issueWhenRateLimitedWithAllowanceRetries() {
		this.server.enqueue(json(429, "{\"return_code\":5,\"return_msg\":\"허용된 요청 개수를 초과하였습니다"
				+ "[1700:허용된 API 요청 개수를 초과하였습니다. 유량=1, API ID=au10001]\"}"));
		this.server.enqueue(json(SUCCESS));
		assertThat(issuer().issue().value()).isEqualTo(TOKEN);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void issueWhenRateLimitedEveryTimeGivesUpAfterMaxRetries() {
		for (int i = 0; i <= MAX_RETRIES + 1; i++) {
			this.server.enqueue(status(429));
		}
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue()).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.RATE_LIMITED);
			assertThat(ex.getHttpStatus()).isEqualTo(429);
			assertNoSecrets(ex, TOKEN);
		});
		assertThat(this.server.getRequestCount()).isEqualTo(MAX_RETRIES + 1);
	}

	@Test
	void issueWhenServerErrorPersistsRetriesBoundedThenFails() {
		for (int i = 0; i <= MAX_RETRIES + 1; i++) {
			this.server.enqueue(new MockResponse.Builder().code(500)
				.setHeader("Content-Type", "text/html")
				.body("<html><body>Internal Server Error</body></html>")
				.build());
		}
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue()).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.SERVER_ERROR);
			assertThat(ex.getHttpStatus()).isEqualTo(500);
			assertThat(ex.getCode()).isNull();
			assertThat(ex.getMessage()).contains("au10001", "HTTP 500");
			assertNoSecrets(ex, TOKEN);
		});
		assertThat(this.server.getRequestCount()).isEqualTo(MAX_RETRIES + 1);
	}

	@Test
	void issueWhenServerErrorThenSuccessReturnsToken() {
		this.server.enqueue(status(503));
		this.server.enqueue(json(SUCCESS));
		assertThat(issuer().issue().value()).isEqualTo(TOKEN);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{\"error\":\"unauthorized\"}", "<html>401</html>" })
	void issueWhenHttp401FailsAsInvalidCredentialsWithoutRetry(String body) {
		this.server.enqueue(new MockResponse.Builder().code(401).body(body).build());
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue()).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.INVALID_CREDENTIALS);
			assertThat(ex.getHttpStatus()).isEqualTo(401);
			assertThat(ex.getMessage()).contains("HTTP 401", "kiwoom.appkey", "kiwoom.secretkey");
			assertNoSecrets(ex, TOKEN);
		});
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void issueWhenHttp401WithBracketedCodeUsesTheCode() {
		this.server.enqueue(json(401, "{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8050:지정단말기 인증에 실패했습니다]\"}"));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue())
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.UNREGISTERED_IP));
		assertThat(this.server.getRequestCount()).isOne();
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "", "[]", "null", "{\"expires_dt\":", "\"a string\"" })
	void issueWhenBodyIsNotJsonObjectFailsAsMalformed(String body) {
		this.server.enqueue(json(body));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue()).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.MALFORMED_RESPONSE);
			assertThat(ex.getMessage()).contains("au10001", "not a JSON object");
			assertNoSecrets(ex, TOKEN);
		});
		assertThat(this.server.getRequestCount()).isOne();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"expires_dt\":\"20241107083713\",\"token_type\":\"bearer\",\"return_code\":0}",
			"{\"expires_dt\":\"20241107083713\",\"token_type\":\"bearer\",\"token\":\"\",\"return_code\":0}",
			"{\"expires_dt\":\"20241107083713\",\"token_type\":\"bearer\",\"token\":\"   \",\"return_code\":0}",
			"{\"expires_dt\":\"20241107083713\",\"token_type\":\"bearer\",\"token\":null,\"return_code\":0}" })
	void issueWhenTokenIsMissingFailsAsMalformedNamingField(String body) {
		this.server.enqueue(json(body));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue()).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.MALFORMED_RESPONSE);
			assertThat(ex.getMessage()).contains("'token'");
			assertNoSecrets(ex, TOKEN);
		});
		assertThat(this.server.getRequestCount()).isOne();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"2024-11-07 08:37:13\"", "\"20241107\"", "\"202411070837130\"", "\"20241307083713\"",
			"\"20241107253713\"", "\"\"", "null" })
	void issueWhenExpiresDtIsMissingOrMalformedFailsAsMalformedNamingField(String expiresDt) {
		this.server.enqueue(json(successWith("expires_dt", expiresDt)));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue()).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.MALFORMED_RESPONSE);
			assertThat(ex.getMessage()).contains("'expires_dt'");
			assertNoSecrets(ex, TOKEN);
		});
		assertThat(this.server.getRequestCount()).isOne();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"20241131083713\"", "\"20230229083713\"" })
	void issueWhenExpiresDtNamesDayThatDoesNotExistFailsAsMalformed(String expiresDt) {
		this.server.enqueue(json(successWith("expires_dt", expiresDt)));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue()).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.MALFORMED_RESPONSE);
			assertThat(ex.getMessage()).contains("'expires_dt'");
		});
	}

	@Test
	void issueWhenExpiresDtIsAbsentFailsAsMalformedNamingField() {
		this.server.enqueue(json("{\"token_type\":\"bearer\",\"token\":\"" + TOKEN + "\",\"return_code\":0}"));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue()).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.MALFORMED_RESPONSE);
			assertThat(ex.getMessage()).contains("'expires_dt'");
			assertNoSecrets(ex, TOKEN);
		});
	}

	@Test
	void issueWhenAnswerIsTooSlowFailsAsIoErrorWithoutRetry() {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.setHeader("Content-Type", KiwoomHttpTestSupport.JSON_UTF8)
			.body(SUCCESS)
			.headersDelay(1, TimeUnit.SECONDS)
			.build());
		RestClient restClient = KiwoomHttpTestSupport
			.tokenRestClientBuilder(baseUrl(this.server), Duration.ofMillis(200))
			.build();
		KiwoomTokenIssuer issuer = new KiwoomTokenIssuer(restClient, CREDENTIALS, JsonMapper.shared(), fastRetry());
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(issuer::issue).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.IO_ERROR);
			assertThat(ex.getStatus()).isNull();
			assertThat(ex.getHttpStatus()).isZero();
			assertThat(ex).hasRootCauseInstanceOf(HttpTimeoutException.class);
			assertThat(ex.getMessage()).contains("au10001", "kiwoom.host");
			assertThat(KiwoomTokenIssuer.isTransient(ex)).isFalse();
			assertNoSecrets(ex, TOKEN);
		});
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void issueWhenBodyIsTooSlowFailsAsIoErrorWithoutRetry() {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.setHeader("Content-Type", KiwoomHttpTestSupport.JSON_UTF8)
			.body(SUCCESS)
			.bodyDelay(1, TimeUnit.SECONDS)
			.build());
		RestClient restClient = KiwoomHttpTestSupport
			.tokenRestClientBuilder(baseUrl(this.server), Duration.ofMillis(200))
			.build();
		KiwoomTokenIssuer issuer = new KiwoomTokenIssuer(restClient, CREDENTIALS, JsonMapper.shared(), fastRetry());
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(issuer::issue).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.IO_ERROR);
			assertThat(KiwoomTokenIssuer.isTransient(ex)).isFalse();
			assertNoSecrets(ex, TOKEN);
		});
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void issueWhenConnectionIsRefusedRetriesThenFailsAsIoError() throws IOException {
		AtomicInteger attempts = new AtomicInteger();
		RestClient restClient = KiwoomHttpTestSupport
			.tokenRestClientBuilder(KiwoomHttpTestSupport.closedPortUrl(), KiwoomHttpTestSupport.READ_TIMEOUT)
			.requestInterceptor((request, body, execution) -> {
				attempts.incrementAndGet();
				return execution.execute(request, body);
			})
			.build();
		KiwoomTokenIssuer issuer = new KiwoomTokenIssuer(restClient, CREDENTIALS, JsonMapper.shared(), fastRetry());
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(issuer::issue).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.IO_ERROR);
			assertThat(ex.getStatus()).isNull();
			assertThat(ex.getCause()).isInstanceOf(ResourceAccessException.class)
				.hasCauseInstanceOf(ConnectException.class);
			assertThat(ex.getMessage()).contains("au10001", "ConnectException", "kiwoom.host");
			assertThat(KiwoomTokenIssuer.isTransient(ex)).isTrue();
			assertNoSecrets(ex, TOKEN);
		});
		assertThat(attempts).hasValue((int) MAX_RETRIES + 1);
	}

	@Test
	void defaultRetryPolicyRetriesOnlyTransientErrors() {
		RetryPolicy policy = KiwoomTokenIssuer.defaultRetryPolicy();
		assertThat(policy.shouldRetry(failure(KiwoomErrorKind.RATE_LIMITED, null))).isTrue();
		assertThat(policy.shouldRetry(failure(KiwoomErrorKind.SERVER_ERROR, null))).isTrue();
		assertThat(policy.shouldRetry(failure(KiwoomErrorKind.IO_ERROR,
				new ResourceAccessException("I/O error", new ConnectException("Connection refused")))))
			.isTrue();
		assertThat(policy.shouldRetry(failure(KiwoomErrorKind.IO_ERROR,
				new ResourceAccessException("I/O error", new HttpTimeoutException("request timed out")))))
			.isFalse();
		assertThat(policy.shouldRetry(failure(KiwoomErrorKind.IO_ERROR, null))).isFalse();
		for (KiwoomErrorKind kind : new KiwoomErrorKind[] { KiwoomErrorKind.INVALID_CREDENTIALS,
				KiwoomErrorKind.WRONG_ENVIRONMENT, KiwoomErrorKind.UNREGISTERED_IP, KiwoomErrorKind.TOKEN_REJECTED,
				KiwoomErrorKind.UNAUTHORIZED, KiwoomErrorKind.MALFORMED_RESPONSE, KiwoomErrorKind.REVOKE_FAILED,
				KiwoomErrorKind.CLOSED, KiwoomErrorKind.OTHER }) {
			assertThat(policy.shouldRetry(failure(kind, null))).as(kind.name()).isFalse();
		}
		assertThat(policy.shouldRetry(new IllegalStateException("boom"))).isFalse();
	}

	@Test
	void defaultRetryPolicyIsBounded() {
		BackOffExecution backOff = KiwoomTokenIssuer.defaultRetryPolicy().getBackOff().start();
		long total = 0;
		for (int i = 0; i < 3; i++) {
			long delay = backOff.nextBackOff();
			assertThat(delay).isBetween(0L, 3_100L);
			total += delay;
		}
		assertThat(backOff.nextBackOff()).isEqualTo(BackOffExecution.STOP);
		assertThat(total).isLessThan(10_000L);
	}

	@Test
	void issueWithDefaultRetryPolicyRetriesTransientError() {
		this.server.enqueue(status(429));
		this.server.enqueue(json(SUCCESS));
		KiwoomTokenIssuer issuer = new KiwoomTokenIssuer(KiwoomHttpTestSupport.tokenRestClient(baseUrl(this.server)),
				CREDENTIALS, JsonMapper.shared());
		assertThat(issuer.issue().value()).isEqualTo(TOKEN);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void issueWithDefaultRetryPolicyDoesNotRetryInvalidCredentials() {
		this.server
			.enqueue(json("{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]\"}"));
		KiwoomTokenIssuer issuer = new KiwoomTokenIssuer(KiwoomHttpTestSupport.tokenRestClient(baseUrl(this.server)),
				CREDENTIALS, JsonMapper.shared());
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(issuer::issue)
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.INVALID_CREDENTIALS));
		assertThat(this.server.getRequestCount()).isOne();
	}

	private KiwoomTokenIssuer issuer() {
		return new KiwoomTokenIssuer(KiwoomHttpTestSupport.tokenRestClient(baseUrl(this.server)), CREDENTIALS,
				JsonMapper.shared(), fastRetry());
	}

	private static RetryPolicy fastRetry() {
		return RetryPolicy.builder()
			.predicate(KiwoomTokenIssuer::isTransient)
			.maxRetries(MAX_RETRIES)
			.delay(Duration.ofMillis(1))
			.build();
	}

	private static KiwoomAuthException failure(KiwoomErrorKind kind, Throwable cause) {
		return new KiwoomAuthException(kind, "test", cause);
	}

	private static String successWith(String field, String jsonValue) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("expires_dt", "\"20241107083713\"");
		fields.put("token_type", "\"bearer\"");
		fields.put("token", "\"" + TOKEN + "\"");
		fields.put("return_code", "0");
		fields.put("return_msg", "\"정상적으로 처리되었습니다\"");
		fields.put(field, jsonValue);
		StringBuilder json = new StringBuilder("{");
		fields.forEach((name, value) -> json.append((json.length() > 1) ? "," : "")
			.append('"')
			.append(name)
			.append("\":")
			.append(value));
		return json.append('}').toString();
	}

}
