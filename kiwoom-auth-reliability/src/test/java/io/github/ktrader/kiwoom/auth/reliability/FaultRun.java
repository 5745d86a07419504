package io.github.ktrader.kiwoom.auth.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One row of the fault matrix while it runs: the simulator, the applications the row
 * started, how long each took to shut down, and every secret that must not be shown.
 */
final class FaultRun {

	private final KiwoomSimulator simulator;

	private final CapturedOutput output;

	private final List<StarterApplication> running = new ArrayList<>();

	private final List<Duration> shutdowns = new ArrayList<>();

	private final Set<String> extraSecrets = new LinkedHashSet<>();

	private final List<String> messages = new ArrayList<>();

	FaultRun(KiwoomSimulator simulator, CapturedOutput output) {
		this.simulator = simulator;
		this.output = output;
	}

	KiwoomSimulator simulator() {
		return this.simulator;
	}

	CapturedOutput output() {
		return this.output;
	}

	StarterApplication start(String... properties) {
		return track(StarterApplication.run(this.simulator, properties));
	}

	/**
	 * Start an application with configuration classes of its own.
	 */
	StarterApplication start(Class<?>[] sources, String... properties) {
		return track(StarterApplication.run(sources, this.simulator.url(), this.simulator.appkey(),
				this.simulator.secretkey(), properties));
	}

	StarterApplication startAt(String host, String... properties) {
		return track(StarterApplication.run(host, this.simulator.appkey(), this.simulator.secretkey(), properties));
	}

	private StarterApplication track(StarterApplication application) {
		this.running.add(application);
		return application;
	}

	/**
	 * Close the application and record how long it took.
	 */
	Duration shutdown(StarterApplication application) {
		this.running.remove(application);
		Duration took = application.closeAndMeasure();
		this.shutdowns.add(took);
		return took;
	}

	/**
	 * Close whatever the row left running, measuring each.
	 */
	void shutdownAll() {
		for (StarterApplication application : List.copyOf(this.running)) {
			shutdown(application);
		}
	}

	List<Duration> shutdowns() {
		return this.shutdowns;
	}

	/**
	 * Remember a token that a row wrote into a scripted answer.
	 */
	String secret(String value) {
		this.extraSecrets.add(value);
		return value;
	}

	/**
	 * Remember a message the application was shown, to check it for secrets.
	 */
	String shown(String message) {
		this.messages.add(message);
		return message;
	}

	void assertNoSecretShown() {
		Set<String> secrets = new LinkedHashSet<>(StarterApplication.secretsSeenBy(this.simulator));
		secrets.addAll(this.extraSecrets);
		assertThat(secrets).contains(this.simulator.appkey(), this.simulator.secretkey());
		String logs = this.output.getAll();
		for (String secret : secrets) {
			assertThat(logs).as("captured logs").doesNotContain(secret);
			assertThat(this.messages).as("messages shown to the application").noneMatch((m) -> m.contains(secret));
		}
	}

	/**
	 * Issue a real token straight from the simulator, to be handed out again in a
	 * scripted answer; the request is then forgotten.
	 */
	JsonNode issueDirectly() throws IOException, InterruptedException {
		String body = "{\"grant_type\":\"client_credentials\",\"appkey\":\"" + this.simulator.appkey()
				+ "\",\"secretkey\":\"" + this.simulator.secretkey() + "\"}";
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.simulator.url() + "/oauth2/token"))
			.header("Content-Type", "application/json;charset=UTF-8")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		String answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
		this.simulator.clearRequests();
		JsonNode json = JsonMapper.shared().readTree(answer);
		secret(json.get("token").asString());
		return json;
	}

}
