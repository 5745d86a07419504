package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.ratelimit.Allowance;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import io.github.ktrader.kiwoom.auth.ratelimit.RateLimitSettings;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.baseUrl;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.json;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for pacing and re-sending on every call path ({@link KiwoomClient}, a configured
 * {@code RestClient}, one with {@link KiwoomAuthInterceptor}, a {@code WebClient}),
 * against a loopback server, on a ticker the sleeper moves.
 */
class RateLimitedCallTests {

	/**
	 * One interval at one call per second, margin included.
	 */
	private static final long INTERVAL = new Allowance(1, 1).intervalNanos();

	private static final String QUOTE = "ka10001";

	private static final String QUOTE_PATH = "/api/dostk/stkinfo";

	private static final String ORDER = "kt10000";

	private static final String ORDER_PATH = "/api/dostk/ordr";

	private static final String OK = "{\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}";

	private static final String ORDER_OK = "{\"ord_no\":\"0000139\",\"return_code\":0,\"return_msg\":\"매수주문이 완료되었습니다.\"}";

	static final String REFUSED_1700 = "{\"return_code\":5,\"return_msg\":\"허용된 요청 개수를 초과하였습니다[1700:허용된 API 요청 개수를 초과하였습니다. 유량=1, API ID=ka10001]\"}";

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

	private final AtomicLong ticker = new AtomicLong();

	private final List<Long> sleeps = new ArrayList<>();

	private MockWebServer server;

	private SequentialTokenProvider tokenProvider;

	@BeforeEach
	void setUp() throws IOException {
		this.server = KiwoomHttpTestSupport.startServer();
		this.tokenProvider = new SequentialTokenProvider();
	}

	@AfterEach
	void closeServer() {
		this.server.close();
	}

	private KiwoomRateLimiter limiter(Allowance perApi, Duration maxWait, boolean resendOrders) {
		RateLimitSettings defaults = RateLimitSettings.defaults();
		return new KiwoomRateLimiter("default", new RateLimitSettings(perApi, Map.of(), defaults.total(), maxWait, 2,
				resendOrders, defaults.orderApiIds(), defaults.orderPaths()), this.ticker::get, (nanos) -> {
					this.sleeps.add(nanos);
					this.ticker.addAndGet(nanos);
				}, Clock.fixed(Instant.parse("2026-12-07T01:02:03Z"), ZoneOffset.UTC));
	}

	private KiwoomRateLimiter limiter() {
		return limiter(new Allowance(5, 5), Duration.ofSeconds(10), false);
	}

	private KiwoomClient client(KiwoomRateLimiter limiter) {
		return new KiwoomClient(restClient(limiter, false), JsonMapper.shared());
	}

	private RestClient restClient(KiwoomRateLimiter limiter, boolean interceptor) {
		KiwoomAuthInterceptor authInterceptor = new KiwoomAuthInterceptor(this.tokenProvider, JsonMapper.shared(),
				DataSize.ofMegabytes(4), limiter);
		KiwoomRestClientConfigurer configurer = new KiwoomRestClientConfigurer(baseUrl(this.server),
				KiwoomHttpTestSupport.requestFactory(READ_TIMEOUT), authInterceptor);
		RestClient.Builder builder = RestClient.builder();
		if (interceptor) {
			builder.requestFactory(KiwoomHttpTestSupport.requestFactory(READ_TIMEOUT));
			return configurer.configure(builder, KiwoomErrors.RAISE, false, true).build();
		}
		return configurer.configure(builder).build();
	}

	private WebClient webClient(KiwoomRateLimiter limiter) {
		JdkClientHttpConnector connector = new JdkClientHttpConnector(
				HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
		connector.setReadTimeout(READ_TIMEOUT);
		return new KiwoomWebClientConfigurer(baseUrl(this.server), this.tokenProvider, JsonMapper.shared(),
				Schedulers.boundedElastic(), limiter, Schedulers.parallel())
			.configure(WebClient.builder().clientConnector(connector))
			.build();
	}

	/**
	 * One call on each path, returning what the server's answer became.
	 */
	enum Path {

		CLIENT, REST_CLIENT, INTERCEPTOR, WEB_CLIENT

	}

	private Function<String[], Object> call(Path path, KiwoomRateLimiter limiter) {
		return switch (path) {
			case CLIENT -> {
				KiwoomClient client = client(limiter);
				yield (tr) -> client.post(tr[0], tr[1], Map.of("stk_cd", "005930"), Map.class);
			}
			case REST_CLIENT, INTERCEPTOR -> {
				RestClient client = restClient(limiter, path == Path.INTERCEPTOR);
				yield (tr) -> client.post()
					.uri(tr[1])
					.header(KiwoomClient.API_ID, tr[0])
					.body(Map.of("stk_cd", "005930"))
					.retrieve()
					.body(Map.class);
			}
			case WEB_CLIENT -> {
				WebClient client = webClient(limiter);
				yield (tr) -> client.post()
					.uri(tr[1])
					.header(KiwoomClient.API_ID, tr[0])
					.bodyValue(Map.of("stk_cd", "005930"))
					.retrieve()
					.bodyToMono(Map.class)
					.block(Duration.ofSeconds(10));
			}
		};
	}

	private static String[] quote() {
		return new String[] { QUOTE, QUOTE_PATH };
	}

	private static String[] order() {
		return new String[] { ORDER, ORDER_PATH };
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void rateRefusalIsSentAgainAfterThePacingWaitOfTheStatedAllowance(Path path) throws Exception {
		KiwoomRateLimiter limiter = limiter();
		this.server.enqueue(json(429, REFUSED_1700));
		this.server.enqueue(json(OK));
		call(path, limiter).apply(quote());
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(take(this.server).getHeaders().get("api-id")).isEqualTo(QUOTE);
		assertThat(take(this.server).getHeaders().get("api-id")).isEqualTo(QUOTE);
		assertThat(limiter.learnedAllowances()).containsEntry(QUOTE, new Allowance(1, 1));
		if (path != Path.WEB_CLIENT) {
			assertThat(this.sleeps).containsExactly(INTERVAL);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { REFUSED_1700, "{\"return_code\":1700,\"return_msg\":\"허용된 요청 개수를 초과하였습니다\"}",
			"{\"return_code\":5,\"return_msg\":\"허용된 요청 개수를 초과하였습니다[1701:허용된 요청 개수를 초과하였습니다. 총유량=10]\"}",
			"{\"return_code\":5,\"return_msg\":\"허용된 요청 개수를 초과하였습니다[1702:허용된 요청 개수를 초과하였습니다. 총유량=3, API_ID=ka10001]\"}" })
	void refusalInAnHttp200AnswerIsSentAgain(String body) {
		this.server.enqueue(json(body));
		this.server.enqueue(json(OK));
		client(limiter()).post(QUOTE, QUOTE_PATH, Map.of("stk_cd", "005930"), Map.class);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "{\"return_code\":5,\"return_msg\":\"허용된 요청 개수를 초과하였습니다[1634:조회 가능한 종목 수를 초과하였습니다(100개)]\"}",
					"{\"return_code\":5,\"return_msg\":\"입력 값 오류입니다\"}" })
	void batchTooLargeAndReturnCode5WithoutMarkersAreNeverSentAgain(String body) {
		this.server.enqueue(json(body));
		this.server.enqueue(json(OK));
		assertThatExceptionOfType(KiwoomApiException.class)
			.isThrownBy(() -> client(limiter()).post(QUOTE, QUOTE_PATH, Map.of("stk_cd", "005930"), Map.class))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.OTHER));
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void refusalIsSentAgainAtMostRetriesTimes() {
		for (int i = 0; i < 4; i++) {
			this.server.enqueue(json(429, REFUSED_1700));
		}
		assertThatExceptionOfType(KiwoomApiException.class)
			.isThrownBy(() -> client(limiter()).post(QUOTE, QUOTE_PATH, Map.of("stk_cd", "005930"), Map.class))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.RATE_LIMITED));
		assertThat(this.server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void callsArePacedBeforeTheyAreSent() {
		KiwoomClient client = client(limiter(new Allowance(1, 1), Duration.ofSeconds(10), false));
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(json(OK));
		}
		for (int i = 0; i < 3; i++) {
			client.post(QUOTE, QUOTE_PATH, Map.of("stk_cd", "005930"), Map.class);
		}
		assertThat(this.sleeps).containsExactly(INTERVAL, INTERVAL);
		assertThat(this.server.getRequestCount()).isEqualTo(3);
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void permitLaterThanMaxWaitFailsWithoutSending(Path path) {
		Function<String[], Object> call = call(path, limiter(new Allowance(1, 1), Duration.ofMillis(500), false));
		this.server.enqueue(json(OK));
		call.apply(quote());
		assertThatExceptionOfType(KiwoomException.class).isThrownBy(() -> call.apply(quote()))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.RATE_LIMITED))
			.withMessageContaining("not sent")
			.withMessageContaining("kiwoom.rate-limit.max-wait");
		assertThat(this.server.getRequestCount()).isOne();
		assertThat(this.sleeps).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void orderWithoutAnswerInTimeIsNeverSentAgain(Path path) {
		this.server
			.enqueue(new MockResponse.Builder().code(200).body(ORDER_OK).headersDelay(4, TimeUnit.SECONDS).build());
		this.server.enqueue(json(ORDER_OK));
		assertThatExceptionOfType(KiwoomException.class).isThrownBy(() -> call(path, limiter()).apply(order()))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.OUTCOME_UNKNOWN))
			.withMessageContaining("kt10000")
			.withMessageContaining("2026-12-07 10:02:03.000 KST")
			.withMessageContaining("ka10075")
			.withMessageContaining("kt00009");
		assertThat(this.server.getRequestCount()).isOne();
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void orderAnsweredWithServerErrorIsNeverSentAgain(Path path) {
		this.server.enqueue(json(503, "{\"error\":\"unavailable\"}"));
		this.server.enqueue(json(ORDER_OK));
		assertThatExceptionOfType(KiwoomException.class)
			.isThrownBy(() -> call(path, limiter(new Allowance(5, 5), Duration.ofSeconds(10), true)).apply(order()))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.OUTCOME_UNKNOWN))
			.withMessageContaining("HTTP 503");
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void orderWithAnUnreadableAnswerIsNeverSentAgain() {
		this.server.enqueue(json("<html>gateway</html>"));
		this.server.enqueue(json(ORDER_OK));
		assertThatExceptionOfType(KiwoomApiException.class)
			.isThrownBy(() -> client(limiter()).post(ORDER, ORDER_PATH, Map.of("stk_cd", "005930"), Map.class))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.OUTCOME_UNKNOWN));
		assertThat(this.server.getRequestCount()).isOne();
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void orderWithAnUnreadableAnswerLargerThanTheReadAheadIsNeverSentAgain(Path path) {
		// Past the 16 KiB read ahead, an answer is judged by its HTTP status alone
		String page = "<html>" + "gateway ".repeat(KiwoomResponse.PEEK_LIMIT / 4) + "</html>";
		this.server.enqueue(json(page));
		this.server.enqueue(json(ORDER_OK));
		assertThatExceptionOfType(KiwoomException.class).isThrownBy(() -> call(path, limiter()).apply(order()))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.OUTCOME_UNKNOWN))
			.withMessageContaining(ORDER)
			.withMessageContaining("KST");
		assertThat(this.server.getRequestCount()).isOne();
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void orderRefusedForItsRateIsNotSentAgainByDefault(Path path) {
		this.server.enqueue(json(429, REFUSED_1700.replace("ka10001", ORDER)));
		this.server.enqueue(json(ORDER_OK));
		assertThatExceptionOfType(KiwoomException.class).isThrownBy(() -> call(path, limiter()).apply(order()))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.RATE_LIMITED));
		assertThat(this.server.getRequestCount()).isOne();
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void orderRefusedForItsRateIsSentAgainWhenAskedFor(Path path) {
		this.server.enqueue(json(429, REFUSED_1700.replace("ka10001", ORDER)));
		this.server.enqueue(json(ORDER_OK));
		Object answer = call(path, limiter(new Allowance(5, 5), Duration.ofSeconds(10), true)).apply(order());
		assertThat(answer).isEqualTo(Map.of("ord_no", "0000139", "return_code", 0, "return_msg", "매수주문이 완료되었습니다."));
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource(Path.class)
	void orderWithRejectedTokenIsSentOnceMoreWithANewToken(Path path) throws Exception {
		this.server.enqueue(json("{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8005:Token이 유효하지 않습니다]\"}"));
		this.server.enqueue(json(ORDER_OK));
		call(path, limiter()).apply(order());
		assertThat(take(this.server).getHeaders().get("authorization")).isEqualTo("Bearer token-1");
		assertThat(take(this.server).getHeaders().get("authorization")).isEqualTo("Bearer token-2");
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

}
