package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.KiwoomError;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.RecordedRequest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KiwoomWebClientConfigurer} against the simulator.
 */
class KiwoomWebClientConfigurerTests {

	private static final String STOCK_INFO = "/api/dostk/stkinfo";

	private static final String CHART = "/api/dostk/chart";

	private KiwoomSimulator simulator;

	private CachingAccessTokenProvider tokenProvider;

	private KiwoomWebClientConfigurer configurer;

	private WebClient webClient;

	@BeforeEach
	void start() {
		this.simulator = KiwoomSimulator.start();
		KiwoomTokenIssuer issuer = new KiwoomTokenIssuer(
				RestClient.builder().baseUrl(this.simulator.url()).bufferContent((uri, method) -> true).build(),
				new KiwoomCredentials(this.simulator.appkey(), this.simulator.secretkey()), JsonMapper.shared());
		this.tokenProvider = new CachingAccessTokenProvider(issuer, new SimpleAsyncTaskScheduler(), Clock.systemUTC(),
				Duration.ofMinutes(10), Duration.ZERO);
		this.configurer = new KiwoomWebClientConfigurer(this.simulator.url(), this.tokenProvider, JsonMapper.shared());
		this.webClient = this.configurer.configure(WebClient.builder()).build();
	}

	@AfterEach
	void close() {
		this.tokenProvider.close();
		this.simulator.close();
	}

	@Test
	void callsAreAuthenticated() {
		JsonNode info = stockInfo(this.webClient);
		assertThat(info.get("stk_nm").asString()).isEqualTo("삼성전자");
		RecordedRequest request = this.simulator.requests(STOCK_INFO).get(0);
		assertThat(request.header("authorization")).startsWith("Bearer ");
		assertThat(this.simulator.isValid(request.header("authorization").substring(7))).isTrue();
		assertThat(request.header("api-id")).isEqualTo("ka10001");
		assertThat(request.header("Content-Type")).startsWith("application/json");
	}

	@Test
	void recoversOnceFromRejectedToken() {
		stockInfo(this.webClient);
		this.simulator.invalidateAllTokens();
		assertThat(stockInfo(this.webClient).get("stk_nm").asString()).isEqualTo("삼성전자");
		assertThat(this.simulator.issuedCount()).isEqualTo(2);
		assertThat(this.simulator.requests(STOCK_INFO)).hasSize(3);
	}

	@Test
	void recoversFromHttp401() {
		stockInfo(this.webClient);
		this.simulator.faults().next(Endpoint.DATA, 1).httpStatus(401);
		assertThat(stockInfo(this.webClient).get("stk_nm").asString()).isEqualTo("삼성전자");
		assertThat(this.simulator.issuedCount()).isEqualTo(2);
	}

	@Test
	void retriesOnlyOnce() {
		this.simulator.faults().tr("ka10001").kiwoomError(KiwoomError.TOKEN_INVALID);
		assertThatExceptionOfType(KiwoomApiException.class).isThrownBy(() -> stockInfo(this.webClient))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.TOKEN_REJECTED));
		assertThat(this.simulator.requests(STOCK_INFO)).hasSize(2);
	}

	@Test
	void kiwoomErrorRaisesKiwoomApiExceptionWithTrCodeAndMessage() {
		// Refused on the first send and both re-sends
		this.simulator.faults().next("ka10001", 3).kiwoomError(KiwoomError.RATE_LIMITED);
		assertThatExceptionOfType(KiwoomApiException.class).isThrownBy(() -> stockInfo(this.webClient))
			.satisfies((ex) -> {
				assertThat(ex.getApiId()).isEqualTo("ka10001");
				assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.RATE_LIMITED);
				assertThat(ex.getStatus().code()).isEqualTo(1700);
				assertThat(ex.getStatus().message()).contains("[1700:");
			});
		assertThat(this.simulator.requests(STOCK_INFO)).hasSize(3);
	}

	@Test
	void batchTooLargeKeepsItsOwnCode() {
		this.simulator.faults().next("ka10001", 1).kiwoomError(KiwoomError.BATCH_TOO_LARGE);
		assertThatExceptionOfType(KiwoomApiException.class).isThrownBy(() -> stockInfo(this.webClient))
			.satisfies((ex) -> assertThat(ex.getStatus().code()).isEqualTo(1634));
	}

	@Test
	void returnCodeAsStringIsJudged() {
		this.simulator.faults().next("ka10001", 1).kiwoomErrorAsString("2", "입력 값 오류입니다[1511:필수 입력 값에 값이 존재하지 않습니다]");
		assertThatExceptionOfType(KiwoomApiException.class).isThrownBy(() -> stockInfo(this.webClient))
			.satisfies((ex) -> assertThat(ex.getStatus().code()).isEqualTo(1511));
		this.simulator.cannedResponse("ka10001",
				"{\"stk_nm\":\"zeros\",\"return_code\":\"0000\",\"return_msg\":\"ok\"}");
		assertThat(stockInfo(this.webClient).get("stk_nm").asString()).isEqualTo("zeros");
	}

	@Test
	void httpErrorRaisesKiwoomApiException() {
		this.simulator.faults().next(Endpoint.DATA, 1).httpStatus(503);
		assertThatExceptionOfType(KiwoomApiException.class).isThrownBy(() -> stockInfo(this.webClient))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.SERVER_ERROR));
	}

	@Test
	void unreachableKiwoomRaisesKiwoomApiException() throws IOException {
		int port;
		try (MockWebServer closed = new MockWebServer()) {
			closed.start(InetAddress.getLoopbackAddress(), 0);
			port = closed.getPort();
		}
		WebClient unreachable = WebClient.builder()
			.apply((builder) -> this.configurer.configure(builder))
			.baseUrl("http://127.0.0.1:" + port)
			.build();
		assertThatExceptionOfType(KiwoomApiException.class).isThrownBy(() -> stockInfo(unreachable))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.IO_ERROR));
	}

	@Test
	void errorChecksCanBeTurnedOffPerClient() {
		WebClient raw = this.configurer.withoutErrorChecks().configure(WebClient.builder()).build();
		this.simulator.faults().next("ka10001", 3).kiwoomError(KiwoomError.RATE_LIMITED);
		JsonNode answer = stockInfo(raw);
		assertThat(answer.get("return_code").asInt()).isEqualTo(5);
		this.simulator.invalidateAllTokens();
		assertThat(stockInfo(raw).get("stk_nm").asString()).isEqualTo("삼성전자");
		assertThat(this.simulator.issuedCount()).isEqualTo(2);
	}

	@Test
	void largeAnswerArrivesWholeWithPagingHeaders() {
		var page = this.webClient.post()
			.uri(CHART)
			.header("api-id", "ka10081")
			.bodyValue(Map.of("stk_cd", "005930", "base_dt", "20251128", "upd_stkpc_tp", "1"))
			.retrieve()
			.toEntity(JsonNode.class)
			.block(Duration.ofSeconds(10));
		assertThat(page.getBody().get("stk_dt_pole_chart_qry")).hasSize(100);
		assertThat(page.getBody().toString().length()).isGreaterThan(KiwoomExchangeFilter.PREFIX_LIMIT);
		assertThat(page.getHeaders().getFirst("cont-yn")).isEqualTo("Y");
		assertThat(page.getHeaders().getFirst("next-key")).isNotEmpty();
	}

	@Test
	void largeChunkedAnswerArrivesWhole() throws IOException {
		try (MockWebServer server = new MockWebServer()) {
			server.start(InetAddress.getLoopbackAddress(), 0);
			String filler = "x".repeat(40_000);
			server
				.enqueue(new MockResponse.Builder().chunkedBody("{\"data\":\"" + filler + "\",\"return_code\":0}", 1000)
					.addHeader("Content-Type", "application/json")
					.build());
			WebClient client = WebClient.builder()
				.apply((builder) -> this.configurer.configure(builder))
				.baseUrl("http://127.0.0.1:" + server.getPort())
				.build();
			JsonNode answer = stockInfo(client);
			assertThat(answer.get("data").asString()).isEqualTo(filler);
		}
	}

	private static JsonNode stockInfo(WebClient client) {
		return client.post()
			.uri(STOCK_INFO)
			.header("api-id", "ka10001")
			.bodyValue(Map.of("stk_cd", "005930"))
			.retrieve()
			.bodyToMono(JsonNode.class)
			.block(Duration.ofSeconds(10));
	}

}
