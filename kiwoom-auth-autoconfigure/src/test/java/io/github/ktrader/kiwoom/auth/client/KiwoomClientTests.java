package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
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

import org.springframework.web.client.RestClient;

import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.assertSentLikeKiwoomExamples;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.baseUrl;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.bodyOf;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.json;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link KiwoomClient}.
 */
class KiwoomClientTests {

	private static final String API_ID = "ka10001";

	private static final String PATH = "/api/dostk/stkinfo";

	private static final String OK_BODY = "{\"stk_cd\":\"005930\",\"stk_nm\":\"삼성전자\",\"cur_prc\":\"+71000\","
			+ "\"setl_mm\":\"12\",\"fav\":\"0000\",\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}";

	private static final StockInfo SAMSUNG = new StockInfo("005930", "삼성전자", "+71000");

	private static final String REJECTED_8005 = "{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8005:Token이 유효하지 않습니다]\"}";

	private MockWebServer server;

	private SequentialTokenProvider tokenProvider;

	private RestClient restClient;

	private KiwoomClient client;

	@BeforeEach
	void setUp() throws IOException {
		this.server = KiwoomHttpTestSupport.startServer();
		this.tokenProvider = new SequentialTokenProvider();
		this.restClient = new KiwoomRestClientConfigurer(baseUrl(this.server),
				KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT),
				new KiwoomAuthInterceptor(this.tokenProvider, JsonMapper.shared()))
			.configure(RestClient.builder())
			.build();
		this.client = new KiwoomClient(this.restClient, JsonMapper.shared());
	}

	@AfterEach
	void closeServer() {
		this.server.close();
	}

	@Test
	void postSendsTrAndBindsAnswer() throws Exception {
		this.server.enqueue(json(OK_BODY));
		StockInfo info = this.client.post(API_ID, PATH, Map.of("stk_cd", "005930"), StockInfo.class);
		assertThat(info).isEqualTo(SAMSUNG);
		RecordedRequest request = take(this.server);
		assertThat(request.getTarget()).isEqualTo(PATH);
		assertSentLikeKiwoomExamples(request);
		assertThat(request.getHeaders().get("api-id")).isEqualTo(API_ID);
		assertThat(request.getHeaders().get("authorization")).isEqualTo("Bearer token-1");
		assertThat(bodyOf(request)).isEqualTo("{\"stk_cd\":\"005930\"}");
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void postWritesRecordBodyWithKiwoomNames() throws Exception {
		this.server.enqueue(json(OK_BODY));
		this.client.post(API_ID, PATH, new StockInfoRequest("005930"), StockInfo.class);
		assertThat(bodyOf(take(this.server))).isEqualTo("{\"stk_cd\":\"005930\"}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "\"0\"", "\"0000\"" })
	void postAcceptsEverySuccessReturnCode(String returnCode) {
		this.server.enqueue(json("{\"stk_cd\":\"005930\",\"stk_nm\":\"삼성전자\",\"cur_prc\":\"+71000\",\"return_code\":"
				+ returnCode + "}"));
		assertThat(this.client.post(API_ID, PATH, Map.of("stk_cd", "005930"), StockInfo.class)).isEqualTo(SAMSUNG);
	}

	@Test
	void postWhenTokenIsRejectedRetriesWithNewTokenAndBindsAnswer() throws Exception {
		this.server.enqueue(json(REJECTED_8005));
		this.server.enqueue(json(OK_BODY));
		assertThat(this.client.post(API_ID, PATH, Map.of("stk_cd", "005930"), StockInfo.class)).isEqualTo(SAMSUNG);
		assertThat(this.tokenProvider.rejected()).containsExactly(SequentialTokenProvider.token(1));
		assertThat(take(this.server).getHeaders().get("authorization")).isEqualTo("Bearer token-1");
		RecordedRequest retry = take(this.server);
		assertThat(retry.getHeaders().get("authorization")).isEqualTo("Bearer token-2");
		assertThat(retry.getHeaders().get("api-id")).isEqualTo(API_ID);
		assertThat(bodyOf(retry)).isEqualTo("{\"stk_cd\":\"005930\"}");
	}

	@Test
	void postWhenTokenIsRejectedTwiceThrowsWithCode8005() {
		this.server.enqueue(json(REJECTED_8005));
		this.server.enqueue(json(REJECTED_8005));
		this.server.enqueue(json(OK_BODY));
		assertThatExceptionOfType(KiwoomApiException.class)
			.isThrownBy(() -> this.client.post(API_ID, PATH, Map.of("stk_cd", "005930"), StockInfo.class))
			.satisfies((ex) -> {
				assertThat(ex.getApiId()).isEqualTo(API_ID);
				assertThat(ex.getStatus().code()).isEqualTo(8005);
				assertThat(ex.getStatus().httpStatus()).isEqualTo(200);
				assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.TOKEN_REJECTED);
				assertThat(ex.getMessage()).contains(API_ID, PATH, "8005");
				assertThat(ex.getMessage()).doesNotContain("token-1", "token-2");
			});
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(this.tokenProvider.rejected()).hasSize(1);
	}

	@Test
	void postFailureMessageKeepsKiwoomsKoreanMessageAndCode() {
		this.server.enqueue(json(REJECTED_8005));
		this.server.enqueue(json(REJECTED_8005));
		assertThatExceptionOfType(KiwoomApiException.class)
			.isThrownBy(() -> this.client.post(API_ID, PATH, Map.of("stk_cd", "005930"), StockInfo.class))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().message()).isEqualTo("인증에 실패했습니다[8005:Token이 유효하지 않습니다]");
				assertThat(ex.getMessage()).contains("return_code 3", "code 8005",
						"\"인증에 실패했습니다[8005:Token이 유효하지 않습니다]\"", KiwoomErrorKind.TOKEN_REJECTED.advice());
			});
	}

	@Test
	void postWhenHttp401TwiceThrows() {
		this.server.enqueue(new MockResponse.Builder().code(401).build());
		this.server.enqueue(new MockResponse.Builder().code(401).build());
		assertThatExceptionOfType(KiwoomApiException.class)
			.isThrownBy(() -> this.client.post(API_ID, PATH, Map.of("stk_cd", "005930"), StockInfo.class))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().httpStatus()).isEqualTo(401);
				assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.UNAUTHORIZED);
			});
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void postWhenStockIsUnknownThrowsNamingApiIdWithoutRetry() {
		this.server.enqueue(json("{\"return_code\":2,\"return_msg\":\"입력 값 오류입니다[1902:종목정보가 없습니다]\"}"));
		this.server.enqueue(json(OK_BODY));
		assertThatExceptionOfType(KiwoomApiException.class)
			.isThrownBy(() -> this.client.post(API_ID, PATH, Map.of("stk_cd", "999999"), StockInfo.class))
			.satisfies((ex) -> {
				assertThat(ex.getApiId()).isEqualTo(API_ID);
				assertThat(ex.getStatus().code()).isEqualTo(1902);
				assertThat(ex.getStatus().returnCode()).isEqualTo("2");
				assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.OTHER);
				assertThat(ex.getMessage()).startsWith(API_ID + " (" + PATH + ") failed")
					.contains("1902", "종목정보가 없습니다");
			});
		assertThat(this.server.getRequestCount()).isOne();
		assertThat(this.tokenProvider.rejected()).isEmpty();
	}

	@Test
	void postWhenRateLimitedThrowsOnceRetriesAreSpent() {
		for (int i = 0; i < 3; i++) {
			this.server
				.enqueue(json("{\"return_code\":5,\"return_msg\":\"허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다]\"}"));
		}
		this.server.enqueue(json(OK_BODY));
		assertThatExceptionOfType(KiwoomApiException.class)
			.isThrownBy(() -> this.client.post(API_ID, PATH, Map.of("stk_cd", "005930"), StockInfo.class))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().code()).isEqualTo(1700);
				assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.RATE_LIMITED);
			});
		assertThat(this.server.getRequestCount()).isEqualTo(3);
		assertThat(this.tokenProvider.rejected()).isEmpty();
	}

	@Test
	void postWhenServerErrorThrowsWithoutRetry() {
		this.server.enqueue(new MockResponse.Builder().code(500).body("<html>Internal Server Error</html>").build());
		this.server.enqueue(json(OK_BODY));
		assertThatExceptionOfType(KiwoomApiException.class)
			.isThrownBy(() -> this.client.post(API_ID, PATH, Map.of("stk_cd", "005930"), StockInfo.class))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().httpStatus()).isEqualTo(500);
				assertThat(ex.getStatus().code()).isNull();
				assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.SERVER_ERROR);
				assertThat(ex.getMessage()).contains(API_ID, "HTTP 500");
			});
		assertThat(this.server.getRequestCount()).isOne();
		assertThat(this.tokenProvider.rejected()).isEmpty();
	}

	@Test
	void restClientIsTheConfiguredClient() {
		assertThat(this.client.restClient()).isSameAs(this.restClient);
	}

	@Test
	void postWithEmptyApiIdOrPathFails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.post("", PATH, Map.of("stk_cd", "005930"), StockInfo.class))
			.withMessage("ApiId must not be empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.post(API_ID, "", Map.of("stk_cd", "005930"), StockInfo.class))
			.withMessage("Path must not be empty");
		assertThat(this.server.getRequestCount()).isZero();
	}

	record StockInfoRequest(@JsonProperty("stk_cd") String stockCode) {

	}

	record StockInfo(@JsonProperty("stk_cd") String stockCode, @JsonProperty("stk_nm") String stockName,
			@JsonProperty("cur_prc") String currentPrice) {

	}

}
