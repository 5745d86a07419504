package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.KiwoomException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.baseUrl;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.json;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that data answers are bounded by {@code kiwoom.max-response-size} (4 MiB by
 * default), counted after decompression, and that answers under the bound arrive whole.
 */
class KiwoomAnswerBoundsTests {

	private static final String PATH = "/api/dostk/chart";

	private static final int OVER_DEFAULT_LIMIT = 5 * 1024 * 1024;

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
	void answerWhoseContentLengthIsOverTheLimitFails() {
		this.server.enqueue(json(bigJson(OVER_DEFAULT_LIMIT)));
		assertTooLarge(() -> client(KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT))
			.post("ka10081", PATH, Map.of("stk_cd", "005930"), Map.class));
	}

	@Test
	void chunkedAnswerOverTheLimitFails() {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.setHeader("Content-Type", KiwoomHttpTestSupport.JSON_UTF8)
			.chunkedBody(new Buffer().writeUtf8(bigJson(OVER_DEFAULT_LIMIT)), 64 * 1024)
			.build());
		assertTooLarge(() -> client(KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT))
			.post("ka10081", PATH, Map.of("stk_cd", "005930"), Map.class));
	}

	@Test
	void gzipBombFailsOnceInflatedPastTheLimit() throws Exception {
		this.server.enqueue(KiwoomHttpTestSupport.gzipBomb(64 * 1024 * 1024));
		assertTooLarge(() -> client(KiwoomHttpTestSupport.inflatingRequestFactory()).post("ka10081", PATH,
				Map.of("stk_cd", "005930"), Map.class));
		assertThat(take(this.server).getHeaders().values("Accept-Encoding")).contains("gzip");
	}

	@Test
	void gzipBombFailsOnRetrieveOfAConfiguredRestClient() throws Exception {
		this.server.enqueue(KiwoomHttpTestSupport.gzipBomb(64 * 1024 * 1024));
		RestClient restClient = restClient(KiwoomHttpTestSupport.inflatingRequestFactory());
		assertTooLarge(() -> restClient.post()
			.uri(PATH)
			.header(KiwoomClient.API_ID, "ka10081")
			.body("{}")
			.retrieve()
			.body(String.class));
	}

	@Test
	void answerJustUnderTheLimitStreamsWhole() {
		String body = bigJson(3 * 1024 * 1024);
		this.server.enqueue(json(body));
		String answer = restClient(KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT)).post()
			.uri(PATH)
			.header(KiwoomClient.API_ID, "ka10081")
			.body("{}")
			.retrieve()
			.body(String.class);
		assertThat(answer).isEqualTo(body);
	}

	@Test
	void compressedAnswerUnderTheLimitIsInflated() throws Exception {
		this.server.enqueue(KiwoomHttpTestSupport.gzipBomb(1024 * 1024));
		Map<?, ?> answer = client(KiwoomHttpTestSupport.inflatingRequestFactory()).post("ka10081", PATH,
				Map.of("stk_cd", "005930"), Map.class);
		assertThat((String) answer.get("rows")).hasSize(1024 * 1024).matches("0+");
	}

	private static void assertTooLarge(Runnable call) {
		assertThatExceptionOfType(KiwoomApiException.class).isThrownBy(call::run)
			.isInstanceOf(KiwoomException.class)
			.satisfies((ex) -> assertThat(ex.getKind().name()).isEqualTo("RESPONSE_TOO_LARGE"))
			.satisfies((ex) -> assertThat(ex.getApiId()).isEqualTo("ka10081"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("kiwoom.max-response-size")
				.contains(String.valueOf(4 * 1024 * 1024))
				.doesNotContain("0000000000"));
	}

	private KiwoomClient client(ClientHttpRequestFactory requestFactory) {
		return new KiwoomClient(restClient(requestFactory), JsonMapper.shared());
	}

	private RestClient restClient(ClientHttpRequestFactory requestFactory) {
		return new KiwoomRestClientConfigurer(baseUrl(this.server), requestFactory,
				new KiwoomAuthInterceptor(new SequentialTokenProvider(), JsonMapper.shared()))
			.configure(RestClient.builder())
			.build();
	}

	/**
	 * Return a JSON object of about {@code size} bytes with {@code return_code} last, as
	 * Kiwoom sends it.
	 */
	private static String bigJson(int size) {
		return "{\"rows\":\"" + "1".repeat(size) + "\",\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}";
	}

}
