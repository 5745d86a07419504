package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.ClientHttpRequestInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that au10001 and au10002, which carry the secret key and the token, never pass
 * through the application's RestClient customizations, and that a context builds one JDK
 * {@code HttpClient} in all.
 */
class KiwoomPrivateCallsTests {

	private static final String APPKEY = "APPKEY-pppppppppppppppp";

	private static final String SECRETKEY = "SECRET-qqqqqqqqqqqqqqqq";

	private static final String TOKEN = "PRIVATE-TOKEN-0123456789abcdef";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("kiwoom.appkey=" + APPKEY, "kiwoom.secretkey=" + SECRETKEY);

	private final MockWebServer server = new MockWebServer();

	@BeforeEach
	void startServer() throws IOException {
		this.server.start(InetAddress.getLoopbackAddress(), 0);
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void applicationWideLoggingInterceptorSeesDataCallsButNoSecret() {
		List<String> logged = new CopyOnWriteArrayList<>();
		ClientHttpRequestInterceptor logging = (request, body, execution) -> {
			logged.add(request.getURI().getPath() + " " + request.getHeaders() + " "
					+ new String(body, StandardCharsets.UTF_8));
			return execution.execute(request, body);
		};
		this.server.enqueue(KiwoomAnswers.token(TOKEN));
		this.server.enqueue(KiwoomAnswers.stock("005930", "삼성전자", "+71000"));
		this.server.enqueue(KiwoomAnswers.revoked());
		this.contextRunner.withPropertyValues("kiwoom.host=http://127.0.0.1:" + this.server.getPort())
			.withBean(RestClientCustomizer.class, () -> (builder) -> builder.requestInterceptor(logging))
			.run((context) -> context.getBean(KiwoomClient.class)
				.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class));
		assertThat(this.server.getRequestCount()).as("au10001, ka10001, au10002").isEqualTo(3);
		assertThat(logged).singleElement().asString().startsWith("/api/dostk/stkinfo").contains("ka10001");
		assertThat(String.join("\n", logged)).doesNotContain(SECRETKEY).doesNotContain("/oauth2");
	}

	@Test
	void contextBuildsOneHttpClientInAllAndReleasesItOnClose() {
		this.server.enqueue(KiwoomAnswers.token(TOKEN));
		this.server.enqueue(KiwoomAnswers.stock("005930", "삼성전자", "+71000"));
		this.server.enqueue(KiwoomAnswers.revoked());
		Set<String> before = httpClientThreads();
		KiwoomHttpClient[] httpClient = new KiwoomHttpClient[1];
		this.contextRunner.withPropertyValues("kiwoom.host=http://127.0.0.1:" + this.server.getPort())
			.withBean(RestClientCustomizer.class, () -> (builder) -> {
			})
			.run((context) -> {
				context.getBean(AccessTokenProvider.class).getAccessToken();
				context.getBean(KiwoomClient.class)
					.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
				Set<String> created = httpClientThreads();
				created.removeAll(before);
				assertThat(created).as("JDK HttpClient selector threads started by the context").hasSize(1);
				httpClient[0] = context.getBean(KiwoomHttpClient.class);
				assertThat(httpClient[0].isRunning()).isTrue();
			});
		assertThat(this.server.getRequestCount()).as("au10001, ka10001, au10002").isEqualTo(3);
		assertThat(httpClient[0].isRunning()).as("executor shut down on close").isFalse();
	}

	/**
	 * Return the JDK HttpClients alive now, by their selector threads
	 * ({@code HttpClient-<id>-SelectorManager}).
	 */
	private static Set<String> httpClientThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.map(Thread::getName)
			.filter((name) -> name.startsWith("HttpClient-") && name.endsWith("-SelectorManager"))
			.collect(Collectors.toSet());
	}

}
