package io.github.ktrader.kiwoom.auth.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Bad input of the user's own making that would once start and then fail every call or
 * expose a secret: a key still holding an unresolved {@code ${…}} placeholder, plain
 * {@code http://} to another machine, and durations or sizes past their bounds. Each
 * stops startup naming the key, before anything reaches Kiwoom.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadInputConfigurationTests {

	private static final String APPKEY = "VALIDAPPKEY0123456789";

	private static final String SECRETKEY = "VALIDSECRETKEY0123456789";

	@ParameterizedTest(name = "{0} = [{1}]")
	@CsvSource({ "kiwoom.appkey,${KIWOOM_APPKEY}", "kiwoom.secretkey,${KIWOOM_SECRETKEY}",
			"kiwoom.appkey,${RELIABILITY_UNSET_APPKEY}", "kiwoom.secretkey,  ${RELIABILITY_UNSET_SECRET}  ",
			"kiwoom.host,${KIWOOM_HOST}" })
	void unresolvedPlaceholderStopsStartupAndSendsNothing(String key, String placeholder, CapturedOutput output) {
		String variable = placeholder.strip().substring(2, placeholder.strip().length() - 1);
		assertThat(System.getenv(variable)).as("%s in this test's environment", variable).isNull();
		try (KiwoomSimulator simulator = KiwoomSimulator.builder()
			.appkey("PLACEHOLDERAPPKEY0123456789")
			.secretkey("PLACEHOLDERSECRET0123456789")
			.start()) {
			FaultRun run = new FaultRun(simulator, output);
			Throwable failure = catchThrowable(() -> startCallingKiwoom(simulator, key + "=" + placeholder).close());
			assertThat(failure).as("startup with %s=%s", key, placeholder).isNotNull();
			assertThat(messages(failure)).contains(key).contains(variable).contains("placeholder");
			assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains(key).contains(variable);
			assertThat(simulator.requests()).as("requests that reached Kiwoom").isEmpty();
			run.shown(messages(failure));
			run.assertNoSecretShown();
		}
	}

	@ParameterizedTest(name = "kiwoom.host = [{0}]")
	@ValueSource(strings = { "http://api.kiwoom.com", "http://mockapi.kiwoom.com", "HTTP://API.KIWOOM.COM:80",
			"http://10.1.2.3:8080", "http://192.168.0.10", "http://0.0.0.0:8080", "http://[::2]:8080",
			"http://localhost.example.com", "http://127.0.0.1.nip.io" })
	void plainHttpToAnotherMachineStopsStartup(String host) {
		Throwable failure = catchThrowable(() -> start("kiwoom.host", host).close());
		assertThat(failure).as("startup with kiwoom.host=%s", host).isNotNull();
		assertThat(messages(failure)).contains("kiwoom.host").contains("clear text");
	}

	@ParameterizedTest(name = "{0} = [{1}]")
	@MethodSource("pastTheirBounds")
	void valuePastItsBoundStopsStartup(String key, String value) {
		Throwable failure = catchThrowable(() -> start(key, value).close());
		assertThat(failure).as("startup with %s=%s", key, value).isNotNull();
		assertThat(messages(failure)).contains(key);
	}

	static Stream<Arguments> pastTheirBounds() {
		List<Arguments> cases = new ArrayList<>();
		for (String key : List.of("kiwoom.token.renew-before", "kiwoom.token.renew-jitter")) {
			for (String value : List.of("PT24H0.001S", "25h", "2d", "36500d", "200000000000d")) {
				cases.add(Arguments.of(key, value));
			}
		}
		for (String key : List.of("kiwoom.connect-timeout", "kiwoom.read-timeout", "kiwoom.token.revoke-timeout")) {
			for (String value : List.of("PT5M0.001S", "301s", "1h", "1d", "36500d", "200000000000d")) {
				cases.add(Arguments.of(key, value));
			}
		}
		for (String value : List.of("", " ", "0", "0B", "-1KB", "257MB", "1GB", "8TB", "abc")) {
			cases.add(Arguments.of("kiwoom.max-response-size", value));
		}
		return cases.stream();
	}

	@Test
	void valuesAtTheirBoundsAndLoopbackHttpStart() {
		try (KiwoomSimulator simulator = KiwoomSimulator.start();
				StarterApplication application = StarterApplication.run(simulator, "kiwoom.connect-timeout=5m",
						"kiwoom.read-timeout=5m", "kiwoom.token.revoke-timeout=5m", "kiwoom.token.renew-before=1d",
						"kiwoom.token.renew-jitter=1d", "kiwoom.max-response-size=256MB")) {
			assertThat(simulator.url()).startsWith("http://127.0.0.1:");
			assertThat(application.context().isActive()).isTrue();
		}
	}

	private static ConfigurableApplicationContext start(String key, String value) {
		List<String> properties = new ArrayList<>(StarterApplication.defaultProperties());
		properties.add("kiwoom.host=https://mockapi.kiwoom.com");
		properties.add("kiwoom.appkey=" + APPKEY);
		properties.add("kiwoom.secretkey=" + SECRETKEY);
		return StarterApplication.builder()
			.properties(properties.toArray(String[]::new))
			.properties(Map.of(key, value))
			.run();
	}

	/**
	 * Start an application that calls Kiwoom as soon as it has started, as a new user's
	 * first application would.
	 */
	private static ConfigurableApplicationContext startCallingKiwoom(KiwoomSimulator simulator, String property) {
		List<String> properties = new ArrayList<>(StarterApplication.defaultProperties());
		properties.add("kiwoom.host=" + simulator.url());
		properties.add("kiwoom.appkey=" + simulator.appkey());
		properties.add("kiwoom.secretkey=" + simulator.secretkey());
		properties.add(property);
		return StarterApplication.builder()
			.sources(CallsKiwoomAtStartup.class)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			messages.append(current.getClass().getName()).append(": ").append(current.getMessage()).append('\n');
		}
		return messages.toString();
	}

	@Configuration(proxyBeanMethods = false)
	static class CallsKiwoomAtStartup {

		@Bean
		ApplicationRunner callKiwoom(KiwoomClient kiwoomClient) {
			return (args) -> kiwoomClient.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
		}

	}

}
