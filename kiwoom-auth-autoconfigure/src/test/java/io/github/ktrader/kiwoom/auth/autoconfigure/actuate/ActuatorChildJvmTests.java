package io.github.ktrader.kiwoom.auth.autoconfigure.actuate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real application in a JVM of its own, started with its keys on the command line (as
 * {@code --kiwoom.appkey=…}), in {@code SPRING_APPLICATION_JSON} and in
 * {@code JAVA_TOOL_OPTIONS}, with {@code show-values: always}: no key and no live token
 * appears anywhere in {@code /actuator/env} or {@code /actuator/configprops}.
 */
class ActuatorChildJvmTests {

	private static final String APPKEY = "CHILD-APPKEY-0123456789abcdef";

	private static final String SECRETKEY = "CHILD-SECRET-0123456789abcdef";

	/**
	 * A key of a named pair, which the running application knows nothing about.
	 */
	private static final String OTHER_APPKEY = "CHILD-MOCK-APPKEY-0123456789";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private static KiwoomSimulator kiwoom;

	private static Process child;

	private static String env;

	private static String configprops;

	private static String token;

	@BeforeAll
	static void startChild() throws Exception {
		kiwoom = KiwoomSimulator.builder().appkey(APPKEY).secretkey(SECRETKEY).start();
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
				"-Xshare:auto", "-cp", System.getProperty("java.class.path"), ActuatorChildApplication.class.getName(),
				"--kiwoom.host=" + kiwoom.url(), "--kiwoom.appkey=" + APPKEY, "--kiwoom.secretkey=" + SECRETKEY,
				"--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
				"--management.endpoints.web.exposure.include=env,configprops",
				"--management.endpoint.env.show-values=always",
				"--management.endpoint.configprops.show-values=always"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf((name) -> name.toUpperCase().startsWith("KIWOOM"));
		environment.put("SPRING_APPLICATION_JSON",
				"{\"kiwoom\":{\"secretkey\":\"" + SECRETKEY + "\",\"accounts\":{\"mock\":{\"appkey\":\"" + OTHER_APPKEY
						+ "\",\"secretkey\":\"" + SECRETKEY + "\"}}}}");
		environment.put("JAVA_TOOL_OPTIONS", "-Dkiwoom.appkey=" + APPKEY);
		environment.put("JDK_JAVA_OPTIONS", "-Dkiwoom.accounts.mock.appkey=" + OTHER_APPKEY);
		child = builder.start();
		int port = awaitPort(child);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		env = get(http, port, "/actuator/env");
		configprops = get(http, port, "/actuator/configprops");
		token = bearerToken();
	}

	@AfterAll
	static void stopChild() throws InterruptedException {
		try {
			if (child != null) {
				child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		finally {
			if (kiwoom != null) {
				kiwoom.close();
			}
		}
	}

	@Test
	void envShowsNoKeyAndNoToken() {
		assertThat(env).contains("sun.java.command")
			.contains("SPRING_APPLICATION_JSON")
			.contains("JAVA_TOOL_OPTIONS")
			.contains("JDK_JAVA_OPTIONS")
			.contains("commandLineArgs")
			.contains(kiwoom.url());
		assertNoSecretIn(env);
	}

	@Test
	void configpropsShowsNoKeyAndNoToken() {
		assertThat(configprops).contains("\"kiwoom\"").contains(kiwoom.url());
		assertNoSecretIn(configprops);
	}

	/**
	 * Report where a secret shows, with every secret masked, so that a failure does not
	 * print the secrets it found.
	 */
	private static void assertNoSecretIn(String body) {
		assertThat(token).isNotBlank();
		List<String> shown = new ArrayList<>();
		for (String secret : List.of(APPKEY, SECRETKEY, OTHER_APPKEY, token)) {
			for (int at = body.indexOf(secret); at >= 0; at = body.indexOf(secret, at + 1)) {
				shown.add(masked(body.substring(Math.max(0, at - 120), at)) + "<secret>");
			}
		}
		assertThat(shown).as("secrets shown, with what precedes them").isEmpty();
	}

	private static String bearerToken() {
		for (RecordedRequest request : kiwoom.requests("/api/dostk/stkinfo")) {
			String authorization = request.header("authorization");
			if (authorization != null && authorization.startsWith("Bearer ")) {
				return authorization.substring(7).trim();
			}
		}
		throw new IllegalStateException("The child application made no data call");
	}

	/**
	 * Read the child's output until it prints its port: after its one Kiwoom call.
	 */
	private static int awaitPort(Process process) throws Exception {
		CompletableFuture<Integer> port = new CompletableFuture<>();
		StringBuilder output = new StringBuilder();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					if (line.startsWith(ActuatorChildApplication.PORT_LINE)) {
						port.complete(Integer.parseInt(line.substring(ActuatorChildApplication.PORT_LINE.length())));
					}
					else if (!port.isDone()) {
						output.append(line).append('\n');
					}
				}
			}
			catch (IOException ex) {
				// The child was stopped
			}
			port.completeExceptionally(new IllegalStateException("The child application stopped:\n" + masked(output)));
		}, "actuator-child-output");
		reader.setDaemon(true);
		reader.start();
		try {
			return port.get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("The child application did not start:\n" + masked(output), ex);
		}
	}

	private static String masked(CharSequence output) {
		return output.toString().replace(APPKEY, "****").replace(SECRETKEY, "****").replace(OTHER_APPKEY, "****");
	}

	private static String get(HttpClient http, int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

}
