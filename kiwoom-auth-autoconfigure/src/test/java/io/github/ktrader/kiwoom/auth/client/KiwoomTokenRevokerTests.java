package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

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
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.APPKEY;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.CREDENTIALS;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.SECRETKEY;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.assertNoSecrets;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.assertSentLikeKiwoomExamples;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.baseUrl;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.json;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link KiwoomTokenRevoker}.
 */
class KiwoomTokenRevokerTests {

	private static final String TOKEN_VALUE = "TOKEN-SECRET-abcdefghijklmnopqrstuvwxyz";

	private static final AccessToken TOKEN = new AccessToken(TOKEN_VALUE, Instant.parse("2024-11-06T23:37:13Z"));

	private MockWebServer server;

	private KiwoomTokenRevoker revoker;

	@BeforeEach
	void startServer() throws IOException {
		this.server = KiwoomHttpTestSupport.startServer();
		this.revoker = new KiwoomTokenRevoker(KiwoomHttpTestSupport.tokenRestClient(baseUrl(this.server)), CREDENTIALS,
				JsonMapper.shared());
	}

	@AfterEach
	void closeServer() {
		this.server.close();
	}

	@Test
	void revokeSendsKeysAndTokenToRevokeEndpoint() throws Exception {
		this.server.enqueue(json("{\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}"));
		this.revoker.revoke(TOKEN);
		RecordedRequest request = take(this.server);
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/oauth2/revoke");
		assertSentLikeKiwoomExamples(request);
		assertThat(request.getHeaders().get("authorization")).isNull();
		Map<String, Object> body = KiwoomHttpTestSupport.jsonBodyOf(request);
		assertThat(body.keySet()).containsExactly("appkey", "secretkey", "token");
		assertThat(body).containsExactly(entry("appkey", APPKEY), entry("secretkey", SECRETKEY),
				entry("token", TOKEN_VALUE));
		assertThat(KiwoomHttpTestSupport.bodyOf(request)).isEqualTo("{\"appkey\":\"" + APPKEY + "\",\"secretkey\":\""
				+ SECRETKEY + "\",\"token\":\"" + TOKEN_VALUE + "\"}");
		assertThat(this.server.getRequestCount()).isOne();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}", "{\"return_code\":\"0\"}",
			"{\"return_code\":\"0000\",\"return_msg\":\"정상적으로 처리되었습니다\"}", "{\"result\":\"success\"}", "", "{}" })
	void revokeSucceedsOnEveryDocumentedSuccessAnswer(String body) {
		this.server.enqueue(json(body));
		assertThatNoException().isThrownBy(() -> this.revoker.revoke(TOKEN));
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void revokeSucceedsOnEmptyNoContent() {
		this.server.enqueue(new MockResponse.Builder().code(204).build());
		assertThatNoException().isThrownBy(() -> this.revoker.revoke(TOKEN));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"return_code\":3,\"return_msg\":\"토큰 폐기에 실패했습니다[8015:Token 폐기에 실패했습니다]\"}",
			"{\"return_code\":\"2\",\"return_msg\":\"입력 값 오류입니다[8016:Token이 없습니다]\"}",
			"{\"return_code\":8015,\"return_msg\":\"Token 폐기에 실패했습니다\"}",
			"{\"return_code\":\"8016\",\"return_msg\":\"Token이 없습니다\"}" })
	void revokeWhenKiwoomCouldNotRevokeFailsAsRevokeFailed(String body) {
		this.server.enqueue(json(body));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> this.revoker.revoke(TOKEN))
			.satisfies((ex) -> {
				assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.REVOKE_FAILED);
				assertThat(ex.getCode()).isIn(8015, 8016);
				assertThat(ex.getHttpStatus()).isEqualTo(200);
				assertThat(ex.getMessage()).contains("au10002", String.valueOf(ex.getCode()));
				assertNoSecrets(ex, TOKEN_VALUE);
			});
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void revokeWhenResultIsNotSuccessButReturnCodeIsNonZeroFails() {
		this.server
			.enqueue(json("{\"result\":\"success\",\"return_code\":3,\"return_msg\":\"[8015:Token 폐기에 실패했습니다]\"}"));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> this.revoker.revoke(TOKEN))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.REVOKE_FAILED));
	}

	@Test
	void revokeWhenHttp400FailsWithoutRetry() {
		this.server.enqueue(json(400, "{\"return_code\":2,\"return_msg\":\"입력 값 오류입니다\"}"));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> this.revoker.revoke(TOKEN))
			.satisfies((ex) -> {
				assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.OTHER);
				assertThat(ex.getHttpStatus()).isEqualTo(400);
				assertThat(ex.getMessage()).contains("au10002", "HTTP 400");
				assertNoSecrets(ex, TOKEN_VALUE);
			});
		assertThat(this.server.getRequestCount()).isOne();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{\"error\":\"unauthorized\"}" })
	void revokeWhenHttp401FailsAsInvalidCredentials(String body) {
		this.server.enqueue(new MockResponse.Builder().code(401).body(body).build());
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> this.revoker.revoke(TOKEN))
			.satisfies((ex) -> {
				assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.INVALID_CREDENTIALS);
				assertThat(ex.getHttpStatus()).isEqualTo(401);
				assertThat(ex.getMessage()).contains("HTTP 401", "kiwoom.appkey", "kiwoom.secretkey");
				assertNoSecrets(ex, TOKEN_VALUE);
			});
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void revokeWhenHttp500FailsAsServerErrorWithoutRetry() {
		this.server.enqueue(new MockResponse.Builder().code(500).body("<html>error</html>").build());
		this.server.enqueue(json("{\"return_code\":0}"));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> this.revoker.revoke(TOKEN))
			.satisfies((ex) -> {
				assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.SERVER_ERROR);
				assertThat(ex.getHttpStatus()).isEqualTo(500);
				assertNoSecrets(ex, TOKEN_VALUE);
			});
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void revokeWhenConnectionIsRefusedFailsAsIoError() throws IOException {
		KiwoomTokenRevoker unreachable = new KiwoomTokenRevoker(
				KiwoomHttpTestSupport.tokenRestClient(KiwoomHttpTestSupport.closedPortUrl()), CREDENTIALS,
				JsonMapper.shared());
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> unreachable.revoke(TOKEN))
			.satisfies((ex) -> {
				assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.IO_ERROR);
				assertThat(ex.getMessage()).contains("au10002");
				assertNoSecrets(ex, TOKEN_VALUE);
			});
	}

	@Test
	void revokeRejectsNullToken() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.revoker.revoke(null))
			.withMessage("Token must not be null");
		assertThat(this.server.getRequestCount()).isZero();
	}

}
