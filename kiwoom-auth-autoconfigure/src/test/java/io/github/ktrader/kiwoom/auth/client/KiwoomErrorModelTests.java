package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.baseUrl;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.json;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that a {@link RestClient} configured by {@link KiwoomRestClientConfigurer} and
 * {@link KiwoomClient} raise Kiwoom's errors as {@link KiwoomApiException}, and that no
 * call lets anything but a {@link KiwoomException} escape.
 */
class KiwoomErrorModelTests {

	private static final String PATH = "/api/dostk/stkinfo";

	private static final String OK_BODY = "{\"stk_cd\":\"005930\",\"stk_nm\":\"삼성전자\",\"cur_prc\":\"+71000\","
			+ "\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}";

	private MockWebServer server;

	private SequentialTokenProvider tokenProvider;

	@BeforeEach
	void startServer() throws IOException {
		this.server = KiwoomHttpTestSupport.startServer();
		this.tokenProvider = new SequentialTokenProvider();
	}

	@AfterEach
	void closeServer() {
		this.server.close();
	}

	/**
	 * A rate refusal is sent again twice: the same answer for each send.
	 */
	private void enqueueThrice(int status, String body) {
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(json(status, body));
		}
	}

	static Stream<Arguments> kiwoomErrors() {
		return Stream.of(
				Arguments.of("1700 rate limited, also when sent again", 200,
						"{\"return_code\":5,\"return_msg\":\"허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다]\"}", 1700,
						KiwoomErrorKind.RATE_LIMITED),
				Arguments.of("1902 stock not found", 200,
						"{\"return_code\":2,\"return_msg\":\"입력 값 오류입니다[1902:종목정보가 없습니다]\"}", 1902,
						KiwoomErrorKind.OTHER),
				Arguments.of("return_code as a string", 200, "{\"return_code\":\"2\",\"return_msg\":\"입력 값 오류입니다\"}", 2,
						KiwoomErrorKind.OTHER),
				Arguments.of("inner code as return_code", 200, "{\"return_code\":1517,\"return_msg\":\"입력 값 형식 오류\"}",
						1517, KiwoomErrorKind.OTHER),
				Arguments.of("8050 unregistered IP", 200,
						"{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8050:지정단말기 인증에 실패했습니다]\"}", 8050,
						KiwoomErrorKind.UNREGISTERED_IP),
				Arguments.of("HTTP 500 page", 500, "<html>Internal Server Error</html>", null,
						KiwoomErrorKind.SERVER_ERROR),
				Arguments.of("HTTP 429, also when sent again", 429, "", null, KiwoomErrorKind.RATE_LIMITED),
				Arguments.of("HTTP 400 with a code", 400,
						"{\"return_code\":2,\"return_msg\":\"[1511:필수 입력 값에 값이 존재하지 않습니다]\"}", 1511,
						KiwoomErrorKind.OTHER));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("kiwoomErrors")
	void retrieveRaisesKiwoomErrors(String description, int status, String body, Integer code, KiwoomErrorKind kind) {
		enqueueThrice(status, body);
		assertThatExceptionOfType(KiwoomApiException.class).isThrownBy(() -> retrieve(restClient(KiwoomErrors.RAISE)))
			.satisfies((ex) -> assertKiwoomError(ex, status, code, kind));
		int sends = (kind == KiwoomErrorKind.RATE_LIMITED) ? 3 : 1;
		assertThat(this.server.getRequestCount()).as("sent again only after a rate refusal").isEqualTo(sends);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("kiwoomErrors")
	void kiwoomClientRaisesKiwoomErrors(String description, int status, String body, Integer code,
			KiwoomErrorKind kind) {
		enqueueThrice(status, body);
		KiwoomClient client = new KiwoomClient(restClient(KiwoomErrors.RAISE), JsonMapper.shared());
		assertThatExceptionOfType(KiwoomApiException.class)
			.isThrownBy(() -> client.post("ka10001", PATH, Map.of("stk_cd", "005930"), Map.class))
			.satisfies((ex) -> assertKiwoomError(ex, status, code, kind));
	}

	@Test
	void returnCodeZeroAsAStringIsSuccess() {
		String body = "{\"stk_cd\":\"005930\",\"return_code\":\"0000\",\"return_msg\":\"정상적으로 처리되었습니다\"}";
		this.server.enqueue(json(body));
		assertThat(retrieve(restClient(KiwoomErrors.RAISE))).isEqualTo(body);
	}

	@Test
	void rejectionIsRecoveredOnceWithANewTokenBeforeAnythingIsRaised() throws Exception {
		this.server.enqueue(json("{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8005:Token이 유효하지 않습니다]\"}"));
		this.server.enqueue(json(OK_BODY));
		assertThat(retrieve(restClient(KiwoomErrors.RAISE))).isEqualTo(OK_BODY);
		assertThat(take(this.server).getHeaders().get("authorization")).isEqualTo("Bearer token-1");
		assertThat(take(this.server).getHeaders().get("authorization")).isEqualTo("Bearer token-2");
	}

	@Test
	void http401TwiceRaisesUnauthorized() {
		this.server.enqueue(new MockResponse.Builder().code(401).build());
		this.server.enqueue(new MockResponse.Builder().code(401).build());
		assertThatExceptionOfType(KiwoomApiException.class).isThrownBy(() -> retrieve(restClient(KiwoomErrors.RAISE)))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.UNAUTHORIZED))
			.satisfies((ex) -> assertThat(ex.getHttpStatus()).isEqualTo(401));
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void rawAnswersLeaveKiwoomErrorsInTheBody() {
		String body = "{\"return_code\":2,\"return_msg\":\"입력 값 오류입니다[1902:종목정보가 없습니다]\"}";
		this.server.enqueue(json(body));
		assertThat(retrieve(restClient(KiwoomErrors.RAW))).isEqualTo(body);
	}

	@Test
	void rawAnswersStillRaiseSpringsExceptionForAnHttpError() {
		this.server.enqueue(json(400, "{\"return_code\":2}"));
		assertThatExceptionOfType(HttpClientErrorException.class)
			.isThrownBy(() -> retrieve(restClient(KiwoomErrors.RAW)));
	}

	@Test
	void noAnswerIsAKiwoomApiExceptionNotResourceAccessException() throws IOException {
		RestClient restClient = new KiwoomRestClientConfigurer(KiwoomHttpTestSupport.closedPortUrl(),
				KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT),
				new KiwoomAuthInterceptor(this.tokenProvider, JsonMapper.shared()))
			.configure(RestClient.builder())
			.build();
		assertThatExceptionOfType(KiwoomApiException.class).isThrownBy(() -> retrieve(restClient))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.IO_ERROR))
			.satisfies((ex) -> assertThat(ex.getApiId()).isEqualTo("ka10001"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("kiwoom.read-timeout"));
	}

	@Test
	void tokenThatCannotBeAHeaderFailsWithoutShowingIt() {
		String token = "BADTOKEN-abcdefgh\r\nX-Injected: yes";
		AccessTokenProvider provider = () -> new AccessToken(token, Instant.parse("2099-01-01T00:00:00Z"));
		KiwoomClient client = new KiwoomClient(new KiwoomRestClientConfigurer(baseUrl(this.server),
				KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT),
				new KiwoomAuthInterceptor(provider, JsonMapper.shared()))
			.configure(RestClient.builder())
			.build(), JsonMapper.shared());
		assertThatExceptionOfType(KiwoomApiException.class)
			.isThrownBy(() -> client.post("ka10001", PATH, Map.of("stk_cd", "005930"), Map.class))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("ka10001").doesNotContain("abcdefgh"))
			.satisfies((ex) -> KiwoomHttpTestSupport.assertNoSecrets(ex, token));
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void bindingFailureNamesTypeTrAndFieldButNotTheAnswer() {
		this.server.enqueue(json("{\"stk_cd\":\"005930\",\"stk_nm\":{\"secret-looking\":\"VALUE-123456\"},"
				+ "\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}"));
		KiwoomClient client = new KiwoomClient(restClient(KiwoomErrors.RAISE), JsonMapper.shared());
		assertThatExceptionOfType(KiwoomApiException.class)
			.isThrownBy(() -> client.post("ka10001", PATH, Map.of("stk_cd", "005930"), StockInfo.class))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.MALFORMED_RESPONSE))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("ka10001", StockInfo.class.getName(), "stk_nm")
				.doesNotContain("VALUE-123456")
				.doesNotContain("secret-looking"))
			.satisfies((ex) -> assertThat(ex.getCause()).isNull());
	}

	@ParameterizedTest
	@EnumSource(KiwoomErrors.class)
	void bindingFailureOnRetrieveIsAKiwoomApiExceptionNotTheAnswer(KiwoomErrors errors) {
		this.server.enqueue(json("{\"stk_cd\":\"005930\",\"stk_nm\":{\"secret-looking\":\"VALUE-123456\"},"
				+ "\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}"));
		assertThatExceptionOfType(KiwoomApiException.class)
			.isThrownBy(() -> restClient(errors).post()
				.uri(PATH)
				.header(KiwoomClient.API_ID, "ka10001")
				.body("{\"stk_cd\":\"005930\"}")
				.retrieve()
				.body(StockInfo.class))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.MALFORMED_RESPONSE))
			.satisfies((ex) -> assertThat(ex.getApiId()).isEqualTo("ka10001"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains(StockInfo.class.getName(), "stk_nm")
				.doesNotContain("VALUE-123456"))
			.satisfies((ex) -> assertThat(ex.getCause()).isNull());
	}

	@Test
	void retrieveBindsAnswersWithTheGivenMapper() {
		this.server.enqueue(json(OK_BODY));
		StockInfo info = restClient(KiwoomErrors.RAISE).post()
			.uri(PATH)
			.header(KiwoomClient.API_ID, "ka10001")
			.body("{\"stk_cd\":\"005930\"}")
			.retrieve()
			.body(StockInfo.class);
		assertThat(info).isEqualTo(new StockInfo("005930", "삼성전자"));
	}

	@Test
	void answerThatIsNotJsonNamesTypeButNotTheAnswer() {
		this.server.enqueue(json("<html>maintenance window 02:00</html>"));
		KiwoomClient client = new KiwoomClient(restClient(KiwoomErrors.RAISE), JsonMapper.shared());
		assertThatExceptionOfType(KiwoomApiException.class)
			.isThrownBy(() -> client.post("ka10001", PATH, Map.of("stk_cd", "005930"), StockInfo.class))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.MALFORMED_RESPONSE))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains(StockInfo.class.getName())
				.doesNotContain("maintenance"));
	}

	@Test
	void failedTokenIssueBehindACallIsAKiwoomException() {
		KiwoomAuthException refused = new KiwoomAuthException("au10001 (issue access token)",
				KiwoomStatus.of(200, 3, "인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]"),
				KiwoomErrorKind.INVALID_CREDENTIALS);
		AccessTokenProvider provider = () -> {
			throw refused;
		};
		KiwoomClient client = new KiwoomClient(new KiwoomRestClientConfigurer(baseUrl(this.server),
				KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT),
				new KiwoomAuthInterceptor(provider, JsonMapper.shared()))
			.configure(RestClient.builder())
			.build(), JsonMapper.shared());
		assertThatExceptionOfType(KiwoomException.class)
			.isThrownBy(() -> client.post("ka10001", PATH, Map.of("stk_cd", "005930"), Map.class))
			.isSameAs(refused)
			.satisfies((ex) -> assertThat(ex.getApiId()).isEqualTo("au10001"))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(8001))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.INVALID_CREDENTIALS));
	}

	private static void assertKiwoomError(KiwoomApiException ex, int status, Integer code, KiwoomErrorKind kind) {
		assertThat(ex).isInstanceOf(KiwoomException.class);
		assertThat(ex.getApiId()).isEqualTo("ka10001");
		assertThat(ex.getHttpStatus()).isEqualTo(status);
		assertThat(ex.getCode()).isEqualTo(code);
		assertThat(ex.getKind()).isEqualTo(kind);
		assertThat(ex.getMessage()).startsWith("ka10001 (" + PATH + ") failed");
	}

	private RestClient restClient(KiwoomErrors errors) {
		return new KiwoomRestClientConfigurer(baseUrl(this.server),
				KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT),
				new KiwoomAuthInterceptor(this.tokenProvider, JsonMapper.shared()))
			.configure(RestClient.builder(), errors)
			.build();
	}

	private static String retrieve(RestClient restClient) {
		return restClient.post()
			.uri(PATH)
			.header(KiwoomClient.API_ID, "ka10001")
			.body("{\"stk_cd\":\"005930\"}")
			.retrieve()
			.body(String.class);
	}

	record StockInfo(@JsonProperty("stk_cd") String stockCode, @JsonProperty("stk_nm") String stockName) {

	}

}
