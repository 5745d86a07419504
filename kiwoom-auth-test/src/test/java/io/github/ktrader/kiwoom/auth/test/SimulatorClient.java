package io.github.ktrader.kiwoom.auth.test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 client for the simulator, as the tests' stand-in for a Kiwoom client.
 */
final class SimulatorClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(TIMEOUT)
		.build();

	private final KiwoomSimulator simulator;

	SimulatorClient(KiwoomSimulator simulator) {
		this.simulator = simulator;
	}

	static String issueBody(String appkey, String secretkey) {
		return "{\"grant_type\":\"client_credentials\",\"appkey\":\"" + appkey + "\",\"secretkey\":\"" + secretkey
				+ "\"}";
	}

	Response issue() {
		return post("/oauth2/token", issueBody(this.simulator.appkey(), this.simulator.secretkey()));
	}

	String issueToken() {
		Response response = issue();
		String token = response.text("token");
		if (token == null) {
			throw new IllegalStateException("No token in " + response.body());
		}
		return token;
	}

	Response revoke(String token) {
		return post("/oauth2/revoke", "{\"appkey\":\"" + this.simulator.appkey() + "\",\"secretkey\":\""
				+ this.simulator.secretkey() + "\",\"token\":\"" + token + "\"}");
	}

	Response stockInfo(String token, String code) {
		return post("/api/dostk/stkinfo", "{\"stk_cd\":\"" + code + "\"}", "api-id", "ka10001", "authorization",
				"Bearer " + token);
	}

	Response post(String path, String body, String... headers) {
		return send(request(path, BodyPublishers.ofString(body), TIMEOUT, headers));
	}

	Response postChunked(String path, String body, String... headers) {
		// A publisher of unknown length makes the JDK client send the body chunked
		BodyPublisher publisher = BodyPublishers
			.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
		return send(request(path, publisher, TIMEOUT, headers));
	}

	Response get(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.simulator.url() + path)).GET().build();
		return send(request);
	}

	CompletableFuture<Response> postAsync(String path, String body, Duration timeout, String... headers) {
		return this.http
			.sendAsync(request(path, BodyPublishers.ofString(body), timeout, headers), BodyHandlers.ofString())
			.thenApply((response) -> new Response(response.statusCode(), response.headers(), response.body()));
	}

	CompletableFuture<Response> issueAsync() {
		return postAsync("/oauth2/token", issueBody(this.simulator.appkey(), this.simulator.secretkey()), TIMEOUT);
	}

	Response postWithTimeout(String path, String body, Duration timeout) throws IOException, InterruptedException {
		HttpRequest request = request(path, BodyPublishers.ofString(body), timeout);
		var response = this.http.send(request, BodyHandlers.ofString());
		return new Response(response.statusCode(), response.headers(), response.body());
	}

	private HttpRequest request(String path, BodyPublisher body, Duration timeout, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.simulator.url() + path))
			.timeout(timeout)
			.header("Content-Type", "application/json;charset=UTF-8")
			.POST(body);
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return builder.build();
	}

	private Response send(HttpRequest request) {
		try {
			var response = this.http.send(request, BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Answer from the simulator.
	 *
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the body text
	 */
	record Response(int status, HttpHeaders headers, String body) {

		JsonNode json() {
			return JsonMapper.shared().readTree(this.body);
		}

		@Nullable String text(String field) {
			JsonNode node = json().get(field);
			return (node != null) ? node.asString() : null;
		}

		@Nullable String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		int returnCode() {
			return json().get("return_code").asInt();
		}

		@Nullable String returnMessage() {
			return text("return_msg");
		}

	}

}
