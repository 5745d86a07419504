package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.AccessToken;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomRestClientConfigurer}: a client an application builds itself
 * sends object bodies with a {@code Content-Length}, as Kiwoom's examples do.
 */
class KiwoomRestClientConfigurerTests {

	private final MockWebServer server = new MockWebServer();

	@BeforeEach
	void start() throws IOException {
		this.server.start(InetAddress.getLoopbackAddress(), 0);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void buffersObjectBodiesSoTheyCarryAContentLength() throws Exception {
		AccessToken token = new AccessToken("token-0123456789", Instant.now().plusSeconds(3600));
		KiwoomAuthInterceptor interceptor = new KiwoomAuthInterceptor(() -> token, JsonMapper.shared());
		KiwoomRestClientConfigurer configurer = new KiwoomRestClientConfigurer(
				"http://127.0.0.1:" + this.server.getPort(), new JdkClientHttpRequestFactory(), interceptor);
		RestClient client = configurer.configure(RestClient.builder()).build();
		this.server.enqueue(new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "application/json")
			.body("{\"return_code\":0}")
			.build());
		client.post()
			.uri("/api/dostk/stkinfo")
			.header("api-id", "ka10001")
			.body(Map.of("stk_cd", "005930"))
			.retrieve()
			.toBodilessEntity();
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getHeaders().get("Transfer-Encoding")).isNull();
		assertThat(request.getHeaders().get("Content-Length")).isEqualTo(String.valueOf(request.getBodySize()));
		assertThat(request.getHeaders().get("authorization")).isEqualTo("Bearer token-0123456789");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
	}

}
