package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.IssueReason;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomEnvironmentLogger}: one INFO line at the first issue says which
 * Kiwoom environment and which (masked) app key the application runs on.
 */
@ExtendWith(OutputCaptureExtension.class)
class KiwoomEnvironmentLoggerTests {

	private static final String APPKEY = "APPKEY-aaaaaaaaaaaaaaaa";

	private static final String LINE = "Kiwoom access token issued";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("kiwoom.appkey=" + APPKEY, "kiwoom.secretkey=SECRET-ssssssssssssssss",
				"kiwoom.token.revoke-on-shutdown=false");

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
	void firstIssueLogsTheEnvironmentAndTheMaskedAppkeyOnce(CapturedOutput output) {
		this.server.enqueue(KiwoomAnswers.token("first-token-0123456789"));
		this.server.enqueue(KiwoomAnswers.token("second-token-0123456789"));
		String host = "http://127.0.0.1:" + this.server.getPort();
		this.contextRunner.withPropertyValues("kiwoom.host=" + host).run((context) -> {
			assertThat(output).doesNotContain(LINE);
			AccessTokenProvider provider = context.getBean(AccessTokenProvider.class);
			provider.renewRejected(provider.getAccessToken());
		});
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(output.getAll().split(LINE, -1)).as("lines logged").hasSize(2);
		assertThat(output).contains("INFO")
			.contains(LINE + " on another host than real or mock trading (" + host + ") with appkey APPK****")
			.doesNotContain(APPKEY)
			.doesNotContain("first-token-0123456789");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			https://api.kiwoom.com         | on 실전투자 (real trading, https://api.kiwoom.com)
			https://API.kiwoom.com:443     | on 실전투자 (real trading, https://API.kiwoom.com:443)
			https://mockapi.kiwoom.com     | on 모의투자 (mock trading, https://mockapi.kiwoom.com)
			https://proxy.example.com      | on another host than real or mock trading (https://proxy.example.com)
			""")
	void namesTheEnvironment(String host, String environment, CapturedOutput output) {
		KiwoomEnvironmentLogger logger = new KiwoomEnvironmentLogger(host, APPKEY);
		logger.issued(new AccessToken("token-0123456789", Instant.now().plusSeconds(3600)), IssueReason.FIRST_USE,
				Duration.ofMillis(5));
		assertThat(output).contains(LINE + " " + environment + " with appkey APPK****").doesNotContain(APPKEY);
	}

}
