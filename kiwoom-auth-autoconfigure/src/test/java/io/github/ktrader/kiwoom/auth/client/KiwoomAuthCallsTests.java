package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for how {@link KiwoomAuthCalls} reports a Kiwoom that cannot be reached, and for
 * how {@link KiwoomStatusReader} treats a {@code return_code} that is not a scalar.
 */
class KiwoomAuthCallsTests {

	@Test
	void namesTheIoFailureNotSpringsWrapper() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		RestClient restClient = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.requestFactory(new JdkClientHttpRequestFactory())
			.build();
		KiwoomAuthCalls calls = new KiwoomAuthCalls(() -> restClient, JsonMapper.shared(), KiwoomRateLimiter.unpaced(),
				"au10001", null);
		assertThatExceptionOfType(KiwoomAuthException.class)
			.isThrownBy(() -> calls.post("/oauth2/token", Map.of("grant_type", "client_credentials"), "au10001"))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.IO_ERROR))
			.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("au10001 failed: ConnectException")
				.doesNotContain("ResourceAccessException")
				.doesNotContain("null"));
	}

	@Test
	void ignoresAReturnCodeThatIsNotAScalar() {
		KiwoomStatusReader reader = new KiwoomStatusReader(JsonMapper.shared());
		assertThat(reader.read(200, "{\"return_code\":{\"code\":3},\"return_msg\":[\"x\"]}".getBytes()).returnCode())
			.isNull();
	}

}
