package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The WebClient path fails a call whose connection breaks while the answer's body is read
 * with a {@link KiwoomApiException} of kind {@link KiwoomErrorKind#IO_ERROR}, as the
 * RestClient path does, never with the connector's own exception: a small body read to
 * judge it, a long one read by the caller (which {@code retrieve()} wraps), and a body
 * stalled past the read timeout.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KiwoomWebClientIoErrorTests {

	private static final String PATH = "/api/dostk/stkinfo";

	private static final String BODY_START = "{\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\",\"rows\":\"";

	private MockWebServer server;

	@BeforeEach
	void start() throws IOException {
		this.server = KiwoomHttpTestSupport.startServer();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	static Stream<Arguments> connectorsAndSizes() {
		return Stream.of(Arguments.of("netty", 200), Arguments.of("netty", 64 * 1024), Arguments.of("jdk", 200),
				Arguments.of("jdk", 64 * 1024));
	}

	@ParameterizedTest(name = "{0}, body of {1} bytes")
	@MethodSource("connectorsAndSizes")
	void connectionClosedWhileTheBodyIsReadIsAnIoError(String connector, int size) {
		this.server.enqueue(new MockResponse.Builder().addHeader("Content-Type", KiwoomHttpTestSupport.JSON_UTF8)
			.body(body(size))
			.onResponseBody(new SocketEffect.CloseSocket(true, false, false))
			.build());
		WebClient webClient = webClient(connector(connector));
		Throwable thrown = catchThrowable(() -> call(webClient));
		if (size > KiwoomExchangeFilter.PREFIX_LIMIT) {
			// Read by the caller after the filter: Spring wraps every failure there
			assertThat(thrown).isInstanceOf(WebClientResponseException.class);
			thrown = thrown.getCause();
		}
		assertThat(thrown).isInstanceOfSatisfying(KiwoomApiException.class, (ex) -> {
			assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.IO_ERROR);
			assertThat(ex).hasMessageContaining("ka10001 (" + PATH + ")");
		});
	}

	@Test
	void bodyStalledPastTheReadTimeoutIsAnIoError() {
		this.server.enqueue(new MockResponse.Builder().addHeader("Content-Type", KiwoomHttpTestSupport.JSON_UTF8)
			.body(body(200))
			.throttleBody(50, 2, TimeUnit.SECONDS)
			.build());
		WebClient webClient = webClient(
				new ReactorClientHttpConnector(HttpClient.create().responseTimeout(Duration.ofMillis(300))));
		assertThatExceptionOfType(KiwoomApiException.class).isThrownBy(() -> call(webClient))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.IO_ERROR))
			.withMessageContaining("ReadTimeoutException");
	}

	@Test
	void withoutErrorChecksTheFailureIsHandedOnAsItCame() {
		this.server.enqueue(new MockResponse.Builder().addHeader("Content-Type", KiwoomHttpTestSupport.JSON_UTF8)
			.body(body(200))
			.onResponseBody(new SocketEffect.CloseSocket(true, false, false))
			.build());
		WebClient webClient = new KiwoomWebClientConfigurer(KiwoomHttpTestSupport.baseUrl(this.server),
				new SequentialTokenProvider(), JsonMapper.shared())
			.withoutErrorChecks()
			.configure(WebClient.builder().clientConnector(connector("netty")))
			.build();
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> call(webClient))
			.isNotInstanceOf(KiwoomApiException.class);
	}

	private WebClient webClient(ClientHttpConnector connector) {
		return new KiwoomWebClientConfigurer(KiwoomHttpTestSupport.baseUrl(this.server), new SequentialTokenProvider(),
				JsonMapper.shared())
			.configure(WebClient.builder().clientConnector(connector))
			.build();
	}

	private static ClientHttpConnector connector(String name) {
		return "netty".equals(name) ? new ReactorClientHttpConnector() : new JdkClientHttpConnector();
	}

	private static String body(int size) {
		return BODY_START + "x".repeat(size - BODY_START.getBytes(java.nio.charset.StandardCharsets.UTF_8).length - 2)
				+ "\"}";
	}

	private static String call(WebClient webClient) {
		return webClient.post()
			.uri(PATH)
			.header("api-id", "ka10001")
			.bodyValue("{\"stk_cd\":\"005930\"}")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
	}

}
