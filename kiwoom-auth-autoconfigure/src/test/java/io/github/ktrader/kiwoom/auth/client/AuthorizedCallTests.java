package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.web.client.RestClient;

import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.assertSentLikeKiwoomExamples;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.baseUrl;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.bodyOf;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.headerNames;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.json;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What every client configured by {@link KiwoomRestClientConfigurer} must do with the
 * token, whichever way it comes: through {@link KiwoomRequestFactory} or through
 * {@link KiwoomAuthInterceptor}.
 */
abstract class AuthorizedCallTests {

	static final String PATH = "/api/dostk/stkinfo";

	static final String REQUEST_BODY = "{\"stk_cd\":\"005930\"}";

	static final String OK_BODY = "{\"stk_cd\":\"005930\",\"stk_nm\":\"삼성전자\",\"cur_prc\":\"+71000\","
			+ "\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}";

	static final String REJECTED_8005 = "{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8005:Token이 유효하지 않습니다]\"}";

	MockWebServer server;

	SequentialTokenProvider tokenProvider;

	RestClient restClient;

	@BeforeEach
	void setUp() throws IOException {
		this.server = KiwoomHttpTestSupport.startServer();
		this.tokenProvider = new SequentialTokenProvider();
		this.restClient = configure(new KiwoomRestClientConfigurer(baseUrl(this.server),
				KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT),
				new KiwoomAuthInterceptor(this.tokenProvider, JsonMapper.shared())))
			.build();
	}

	/**
	 * Return a builder configured the way under test.
	 */
	abstract RestClient.Builder configure(KiwoomRestClientConfigurer configurer);

	@AfterEach
	void closeServer() {
		this.server.close();
	}

	@Test
	void callSendsBearerTokenApiIdAndJson() throws Exception {
		this.server.enqueue(json(OK_BODY));
		String answer = call();
		assertThat(answer).isEqualTo(OK_BODY);
		RecordedRequest request = take(this.server);
		assertThat(request.getTarget()).isEqualTo(PATH);
		assertSentLikeKiwoomExamples(request);
		assertThat(headerNames(request)).contains("authorization", "api-id");
		assertThat(request.getHeaders().get("authorization")).isEqualTo("Bearer token-1");
		assertThat(request.getHeaders().values("authorization")).hasSize(1);
		assertThat(request.getHeaders().get("api-id")).isEqualTo("ka10001");
		assertThat(bodyOf(request)).isEqualTo(REQUEST_BODY);
		assertThat(this.tokenProvider.rejected()).isEmpty();
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void callReusesTokenForLaterCalls() throws Exception {
		this.server.enqueue(json(OK_BODY));
		this.server.enqueue(json(OK_BODY));
		call();
		call();
		assertThat(take(this.server).getHeaders().get("authorization")).isEqualTo("Bearer token-1");
		assertThat(take(this.server).getHeaders().get("authorization")).isEqualTo("Bearer token-1");
		assertThat(this.tokenProvider.issued()).isOne();
	}

	static Stream<Arguments> rejections() {
		return Stream.of(Arguments.of("8005 in brackets", json(REJECTED_8005)),
				Arguments.of("8031 in brackets",
						json("{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8031:투자구분(실전/모의)이 달라서 인증에 실패했습니다]\"}")),
				Arguments.of("8103 in brackets",
						json("{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8103:Token 인증에 실패했습니다]\"}")),
				Arguments.of("8010 in brackets", json(
						"{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8010:Token을 발급받은 IP와 서비스를 요청한 IP가 다릅니다]\"}")),
				Arguments.of("8005 in brackets with spaces",
						json("{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[ 8005 : Token이 유효하지 않습니다]\"}")),
				Arguments.of("HTTP 401 without body", new MockResponse.Builder().code(401).build()),
				Arguments.of("HTTP 401 with JSON", json(401, "{\"error\":\"invalid_token\"}")),
				Arguments.of("return_code 8005 without brackets",
						json("{\"return_code\":8005,\"return_msg\":\"Token이 유효하지 않습니다\"}")),
				Arguments.of("return_code \"8005\" without brackets",
						json("{\"return_code\":\"8005\",\"return_msg\":\"Token이 유효하지 않습니다\"}")),
				Arguments.of("return_code \"3\" with brackets",
						json("{\"return_code\":\"3\",\"return_msg\":\"인증에 실패했습니다[8005:Token이 유효하지 않습니다]\"}")),
				Arguments.of("return_code \"0003\" with brackets",
						json("{\"return_code\":\"0003\",\"return_msg\":\"인증에 실패했습니다[8005:Token이 유효하지 않습니다]\"}")),
				Arguments.of("return_msg first, nested data", json(
						"{\"return_msg\":\"인증에 실패했습니다[8005:Token이 유효하지 않습니다]\",\"data\":{\"return_code\":0},\"list\":[{\"a\":1}],\"return_code\":3}")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rejections")
	void callWhenTokenIsRejectedRenewsOnceAndRetriesWithNewToken(String description, MockResponse rejection)
			throws Exception {
		this.server.enqueue(rejection);
		this.server.enqueue(json(OK_BODY));
		String answer = call();
		assertThat(answer).isEqualTo(OK_BODY);
		assertThat(this.tokenProvider.rejected()).containsExactly(SequentialTokenProvider.token(1));
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		RecordedRequest first = take(this.server);
		RecordedRequest second = take(this.server);
		assertThat(first.getHeaders().get("authorization")).isEqualTo("Bearer token-1");
		assertThat(second.getHeaders().get("authorization")).isEqualTo("Bearer token-2");
		assertThat(second.getHeaders().values("authorization")).hasSize(1);
		for (RecordedRequest request : new RecordedRequest[] { first, second }) {
			assertSentLikeKiwoomExamples(request);
			assertThat(request.getTarget()).isEqualTo(PATH);
			assertThat(request.getHeaders().get("api-id")).isEqualTo("ka10001");
			assertThat(bodyOf(request)).isEqualTo(REQUEST_BODY);
		}
	}

	@Test
	void callAfterRenewalUsesNewToken() throws Exception {
		this.server.enqueue(json(REJECTED_8005));
		this.server.enqueue(json(OK_BODY));
		this.server.enqueue(json(OK_BODY));
		call();
		call();
		take(this.server);
		take(this.server);
		assertThat(take(this.server).getHeaders().get("authorization")).isEqualTo("Bearer token-2");
		assertThat(this.tokenProvider.rejected()).hasSize(1);
	}

	@Test
	void callWhenRejectedTwiceRaisesSecondAnswerWithoutRetryingAgain() throws Exception {
		String secondRejection = "{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8005:Token이 유효하지 않습니다]\",\"n\":2}";
		this.server.enqueue(json(REJECTED_8005));
		this.server.enqueue(json(secondRejection));
		this.server.enqueue(json(OK_BODY));
		assertThatExceptionOfType(KiwoomApiException.class).isThrownBy(this::call)
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.TOKEN_REJECTED))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(8005));
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(this.tokenProvider.rejected()).containsExactly(SequentialTokenProvider.token(1));
		assertThat(take(this.server).getHeaders().get("authorization")).isEqualTo("Bearer token-1");
		assertThat(take(this.server).getHeaders().get("authorization")).isEqualTo("Bearer token-2");
	}

	@Test
	void callWhenHttp401TwiceReturnsSecond401() {
		this.server.enqueue(new MockResponse.Builder().code(401).body("first").build());
		this.server.enqueue(new MockResponse.Builder().code(401).body("second").build());
		ResponseEntity<String> answer = exchange();
		assertThat(answer.getStatusCode().value()).isEqualTo(401);
		assertThat(answer.getBody()).isEqualTo("second");
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(this.tokenProvider.rejected()).hasSize(1);
	}

	/**
	 * Answers that are neither a token rejection nor a rate refusal (those are sent
	 * again: see {@code RateLimitedCallTests}).
	 */
	static Stream<Arguments> otherErrors() {
		return Stream.of(
				Arguments.of("1634 batch too large", 200,
						"{\"return_code\":5,\"return_msg\":\"허용된 요청 개수를 초과하였습니다[1634:조회 가능한 종목 수를 초과하였습니다]\"}"),
				Arguments.of("return_code 5 without rate markers", 200,
						"{\"return_code\":5,\"return_msg\":\"허용된 요청 개수를 초과하였습니다\"}"),
				Arguments.of("1902 stock not found", 200,
						"{\"return_code\":2,\"return_msg\":\"입력 값 오류입니다[1902:종목정보가 없습니다]\"}"),
				Arguments.of("8001 invalid keys", 200,
						"{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]\"}"),
				Arguments.of("8050 unregistered IP", 200,
						"{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8050:지정단말기 인증에 실패했습니다]\"}"),
				Arguments.of("1517 bad input", 200, "{\"return_code\":1517,\"return_msg\":\"입력 값 형식 오류\"}"),
				Arguments.of("HTTP 500", 500, "<html>Internal Server Error</html>"),
				Arguments.of("HTTP 400", 400, "{\"return_code\":2}"),
				Arguments.of("HTTP 200 HTML", 200, "<html>maintenance</html>"),
				Arguments.of("HTTP 200 JSON array", 200, "[{\"return_code\":8005}]"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("otherErrors")
	void callWhenOtherErrorDoesNotRenewOrRetry(String description, int status, String body) throws Exception {
		this.server.enqueue(json(status, body));
		this.server.enqueue(json(OK_BODY));
		ResponseEntity<String> answer = exchange();
		assertThat(answer.getStatusCode().value()).isEqualTo(status);
		assertThat(answer.getBody()).isEqualTo(body);
		assertThat(this.server.getRequestCount()).isOne();
		assertThat(this.tokenProvider.rejected()).isEmpty();
		assertThat(take(this.server).getHeaders().get("authorization")).isEqualTo("Bearer token-1");
	}

	@Test
	void callKeepsResponseHeadersForPaging() {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.setHeader("Content-Type", KiwoomHttpTestSupport.JSON_UTF8)
			.setHeader("cont-yn", "Y")
			.setHeader("next-key", "20241107000001")
			.body(OK_BODY)
			.build());
		ResponseEntity<String> answer = exchange();
		assertThat(answer.getHeaders().getFirst("cont-yn")).isEqualTo("Y");
		assertThat(answer.getHeaders().getFirst("next-key")).isEqualTo("20241107000001");
		assertThat(answer.getBody()).isEqualTo(OK_BODY);
	}

	@Test
	void callWithPagingHeadersSendsThemOnRetry() throws Exception {
		this.server.enqueue(json(REJECTED_8005));
		this.server.enqueue(json(OK_BODY));
		this.restClient.post()
			.uri(PATH)
			.header("api-id", "ka10001")
			.header("cont-yn", "Y")
			.header("next-key", "20241107000001")
			.body(REQUEST_BODY)
			.retrieve()
			.toBodilessEntity();
		take(this.server);
		RecordedRequest retry = take(this.server);
		assertThat(retry.getHeaders().get("cont-yn")).isEqualTo("Y");
		assertThat(retry.getHeaders().get("next-key")).isEqualTo("20241107000001");
		assertThat(retry.getHeaders().get("authorization")).isEqualTo("Bearer token-2");
	}

	@Test
	void callWithObjectBodySendsItWithContentLengthOnBothAttempts() throws Exception {
		this.server.enqueue(json(REJECTED_8005));
		this.server.enqueue(json(OK_BODY));
		String answer = this.restClient.post()
			.uri(PATH)
			.header("api-id", "ka10081")
			.body(new ChartRequest("005930", "20241108", "1"))
			.retrieve()
			.body(String.class);
		assertThat(answer).isEqualTo(OK_BODY);
		String expected = "{\"stk_cd\":\"005930\",\"base_dt\":\"20241108\",\"upd_stkpc_tp\":\"1\"}";
		for (RecordedRequest request : new RecordedRequest[] { take(this.server), take(this.server) }) {
			assertSentLikeKiwoomExamples(request);
			assertThat(bodyOf(request)).isEqualTo(expected);
			assertThat(request.getHeaders().get("content-length"))
				.isEqualTo(String.valueOf(expected.getBytes(StandardCharsets.UTF_8).length));
		}
	}

	@Test
	void callWithLargeObjectBodySendsAllOfIt() throws Exception {
		this.server.enqueue(json(OK_BODY));
		String code = "x".repeat(5000);
		this.restClient.post()
			.uri(PATH)
			.header("api-id", "ka10001")
			.body(new ChartRequest(code, "20241108", "1"))
			.retrieve()
			.toBodilessEntity();
		RecordedRequest request = take(this.server);
		assertSentLikeKiwoomExamples(request);
		assertThat(bodyOf(request)).contains(code).endsWith("\"upd_stkpc_tp\":\"1\"}");
	}

	@Test
	void chunkedRejectionWithoutContentLengthIsRecognisedAndRecovered() throws Exception {
		this.server.enqueue(chunked(REJECTED_8005, 7));
		this.server.enqueue(chunked(OK_BODY, 7));
		assertThat(call()).isEqualTo(OK_BODY);
		assertThat(this.tokenProvider.rejected()).containsExactly(SequentialTokenProvider.token(1));
		take(this.server);
		assertThat(take(this.server).getHeaders().get("authorization")).isEqualTo("Bearer token-2");
	}

	@Test
	void largeChunkedAnswerArrivesWholeAfterWhatWasReadAhead() {
		// Past the read-ahead, without a Content-Length: the first bytes come from the
		// buffer read ahead, the rest from the connection.
		String large = answerOfSize(KiwoomResponse.PEEK_LIMIT * 3 + 123);
		this.server.enqueue(chunked(large, 1000));
		assertThat(call()).isEqualTo(large);
	}

	@Test
	void largeAnswerWithContentLengthBindsToARecord() {
		String large = answerOfSize(KiwoomResponse.PEEK_LIMIT * 2);
		this.server.enqueue(json(large));
		Answer answer = this.restClient.post()
			.uri(PATH)
			.header("api-id", "ka10001")
			.body(REQUEST_BODY)
			.retrieve()
			.body(Answer.class);
		assertThat(answer.return_code()).isZero();
		assertThat(answer.padding()).hasSize(large.length() - ANSWER_HEAD.length() - ANSWER_TAIL.length());
	}

	@Test
	void answersReadAheadIntoReusedBuffersNeverMix() {
		// Long, short, long: a short answer must not show the end of a longer one that
		// used the same buffer before it.
		for (int i = 0; i < 30; i++) {
			String body = answerOfSize((i % 2 == 0) ? 9000 + i : 60 + i);
			this.server.enqueue(json(body));
			assertThat(call()).isEqualTo(body);
		}
	}

	private static final String ANSWER_HEAD = "{\"return_code\":0,\"return_msg\":\"ok\",\"padding\":\"";

	private static final String ANSWER_TAIL = "\"}";

	/**
	 * A success answer of exactly {@code size} bytes: {@code return_code} then padding.
	 */
	static String answerOfSize(int size) {
		String answer = ANSWER_HEAD + "x".repeat(size - ANSWER_HEAD.length() - ANSWER_TAIL.length()) + ANSWER_TAIL;
		assertThat(answer).hasSize(size);
		return answer;
	}

	private static MockResponse chunked(String body, int chunkSize) {
		return new MockResponse.Builder().code(200)
			.setHeader("Content-Type", KiwoomHttpTestSupport.JSON_UTF8)
			.chunkedBody(new Buffer().writeUtf8(body), chunkSize)
			.build();
	}

	/**
	 * Make a call and return the request {@code RestClient} wrote it to.
	 */
	ClientHttpRequest requestWritten() {
		this.server.enqueue(json(OK_BODY));
		AtomicReference<ClientHttpRequest> sent = new AtomicReference<>();
		this.restClient.post()
			.uri(PATH)
			.header("api-id", "ka10001")
			.body(REQUEST_BODY)
			.httpRequest(sent::set)
			.retrieve()
			.body(String.class);
		return sent.get();
	}

	String call() {
		return this.restClient.post()
			.uri(PATH)
			.header("api-id", "ka10001")
			.body(REQUEST_BODY)
			.retrieve()
			.body(String.class);
	}

	ResponseEntity<String> exchange() {
		return this.restClient.post()
			.uri(PATH)
			.header("api-id", "ka10001")
			.body(REQUEST_BODY)
			.exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
				.headers(response.getHeaders())
				.body(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
	}

	record Answer(int return_code, String return_msg, String padding) {

	}

	record ChartRequest(String stk_cd, String base_dt, String upd_stkpc_tp) {

	}

}
