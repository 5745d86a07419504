package io.github.ktrader.kiwoom.auth.autoconfigure.diagnostics;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A new user's first run with the key variables unset: startup stops naming the key and
 * the variable, and nothing reaches Kiwoom even though the application calls it at
 * startup.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnsetKeyVariableStartupTests {

	private final MockWebServer kiwoom = new MockWebServer();

	@BeforeEach
	void start() throws IOException {
		assumeThat(System.getenv("KIWOOM_APPKEY")).as("KIWOOM_APPKEY in this test's environment").isNull();
		assumeThat(System.getenv("KIWOOM_SECRETKEY")).as("KIWOOM_SECRETKEY in this test's environment").isNull();
		this.kiwoom.start(InetAddress.getLoopbackAddress(), 0);
	}

	@AfterEach
	void stop() {
		this.kiwoom.close();
	}

	@Test
	void placeholderWithoutDefaultStopsStartupNamingKeyAndVariable(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(new SpringApplicationBuilder(CallingApplication.class)
			.properties("kiwoom.appkey=${KIWOOM_APPKEY}", "kiwoom.secretkey=${KIWOOM_SECRETKEY}")));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("kiwoom.appkey")
			.contains("KIWOOM_APPKEY")
			.contains("placeholder");
		assertThat(actionOf(output.getAll())).doesNotContain("${KIWOOM_APPKEY}'").contains("${KIWOOM_APPKEY:}");
		assertThat(this.kiwoom.getRequestCount()).isZero();
	}

	@Test
	void readmeQuickStartStopsStartupNamingKeyAndVariable(@TempDir Path dir, CapturedOutput output) throws IOException {
		Path yml = Files.writeString(dir.resolve("application.yml"), quickStartYaml());
		assertThatException().isThrownBy(() -> run(new SpringApplicationBuilder(CallingApplication.class)
			.properties("spring.config.location=file:" + yml.toAbsolutePath())));
		assertThat(output).contains("APPLICATION FAILED TO START").contains("kiwoom.appkey").contains("KIWOOM_APPKEY");
		assertThat(this.kiwoom.getRequestCount()).isZero();
	}

	private void run(SpringApplicationBuilder builder) {
		builder.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			// A command-line argument wins over the yml, as the simulator's host must
			.run("--kiwoom.host=http://127.0.0.1:" + this.kiwoom.getPort())
			.close();
	}

	/**
	 * The first yml block of the README's quick start, exactly as a new user copies it.
	 */
	private static String quickStartYaml() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
		String quickStart = readme.substring(readme.indexOf("## Quick start"));
		Matcher yaml = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(quickStart);
		assertThat(yaml.find()).as("a yaml block in the README's quick start").isTrue();
		assertThat(yaml.group(1)).contains("appkey");
		return yaml.group(1);
	}

	private static String actionOf(String report) {
		int action = report.indexOf("Action:");
		return (action >= 0) ? report.substring(action) : "";
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
			JacksonAutoConfiguration.class })
	static class CallingApplication {

		@Bean
		ApplicationRunner callKiwoomAtStartup(AccessTokenProvider tokenProvider) {
			return (args) -> tokenProvider.getAccessToken();
		}

	}

}
