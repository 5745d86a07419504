package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;

import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.web.client.RestClient;

import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.CREDENTIALS;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.assertNoSecrets;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.baseUrl;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the checks {@link KiwoomTokenIssuer} makes on the token Kiwoom hands out, and
 * on the size of au10001's answer.
 */
class KiwoomTokenValidationTests {

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
	void tokenLongerThanAFewKibIsMalformed() {
		String token = "LONGTOKEN-" + "x".repeat(5000);
		this.server.enqueue(json(answer(token)));
		assertMalformedToken(token, "5010 characters long");
	}

	@Test
	void tokenWithCrLfIsMalformed() {
		String token = "CRLFTOKEN-abcdef\r\nX-Injected: yes";
		this.server.enqueue(json(answer("CRLFTOKEN-abcdef\\r\\nX-Injected: yes")));
		assertMalformedToken(token, "index 16");
	}

	@Test
	void tokenWithNonAsciiIsMalformed() {
		String token = "NONASCII-abcdef토큰ghij";
		this.server.enqueue(json(answer(token)));
		assertMalformedToken(token, "visible ASCII");
	}

	@Test
	void tokenOfVisibleAsciiIsAccepted() {
		String token = "Aa0-._~+/=" + "z".repeat(1000);
		this.server.enqueue(json(answer(token)));
		assertThat(issuer().issue().value()).isEqualTo(token);
	}

	@Test
	void au10001AnswerLargerThanTheCapFailsWithoutReadingIt() {
		String token = "HUGETOKEN-" + "y".repeat(8 * 1024 * 1024);
		this.server.enqueue(json(answer(token)));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue())
			.satisfies((ex) -> assertThat(ex.getKind().name()).isEqualTo("RESPONSE_TOO_LARGE"))
			.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("au10001")
				.contains(String.valueOf(32 * 1024))
				.doesNotContain("HUGETOKEN"));
	}

	@Test
	void au10001GzipBombFailsOnceInflatedPastTheCap() throws Exception {
		this.server.enqueue(KiwoomHttpTestSupport.gzipBomb(16 * 1024 * 1024));
		KiwoomTokenIssuer issuer = new KiwoomTokenIssuer(RestClient.builder()
			.baseUrl(baseUrl(this.server))
			.requestFactory(KiwoomHttpTestSupport.inflatingRequestFactory())
			.build(), CREDENTIALS, JsonMapper.shared(), RetryPolicy.withMaxRetries(0));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(issuer::issue)
			.satisfies((ex) -> assertThat(ex.getKind().name()).isEqualTo("RESPONSE_TOO_LARGE"));
		assertThat(KiwoomHttpTestSupport.take(this.server).getHeaders().values("Accept-Encoding")).contains("gzip");
	}

	private void assertMalformedToken(String token, String detail) {
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> issuer().issue())
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.MALFORMED_RESPONSE))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("'token'")
				.contains(detail)
				.doesNotContain(token.substring(0, 8)))
			.satisfies((ex) -> assertNoSecrets(ex, token));
	}

	private KiwoomTokenIssuer issuer() {
		return new KiwoomTokenIssuer(KiwoomHttpTestSupport.tokenRestClient(baseUrl(this.server)), CREDENTIALS,
				JsonMapper.shared(), RetryPolicy.withMaxRetries(0));
	}

	private static String answer(String token) {
		return "{\"expires_dt\":\"20991107083713\",\"token_type\":\"bearer\",\"token\":\"" + token
				+ "\",\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}";
	}

}
