package io.github.ktrader.kiwoom.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample with {@code --sample.stay-up=true} on the embedded simulator and reads
 * its actuator endpoints.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleStayUpTests {

	@Test
	void staysUpServingKiwoomHealthAndMetrics(CapturedOutput output) {
		try (ConfigurableApplicationContext context = SampleApplication.start("--sample.stay-up=true",
				"--server.port=0", "--server.address=127.0.0.1")) {
			assertThat(context).isInstanceOf(WebServerApplicationContext.class);
			assertThat(output.getOut()).contains("[1/1] 005930 삼성전자 +71000");
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			RestClient actuator = RestClient.create("http://127.0.0.1:" + port + "/actuator");
			String health = actuator.get().uri("/health/kiwoom").retrieve().body(String.class);
			assertThat(health).contains("\"status\":\"UP\"")
				.contains("\"state\":\"VALID\"")
				.containsPattern("\"token\":\"\\S{4}\\*{4}\"")
				.contains("+09:00");
			assertThat(actuator.get().uri("/metrics").retrieve().body(String.class)).contains("kiwoom.auth.issue")
				.contains("kiwoom.auth.token.rejected")
				.contains("kiwoom.auth.token.expires.in");
			assertThat(
					actuator.get().uri("/metrics/kiwoom.auth.issue?tag=outcome:success").retrieve().body(String.class))
				.contains("\"COUNT\"");
		}
		assertThat(output.getAll()).containsPattern("Revoked Kiwoom access token \\S{4}\\*{4}");
	}

	@Test
	void byDefaultIsNotAWebApplication() {
		try (ConfigurableApplicationContext context = SampleApplication.start()) {
			assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
		}
	}

}
