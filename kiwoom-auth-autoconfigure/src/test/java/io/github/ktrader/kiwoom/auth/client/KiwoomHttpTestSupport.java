package io.github.ktrader.kiwoom.auth.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okio.Buffer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared fixtures for the HTTP tests: a loopback {@link MockWebServer}, a
 * {@link RestClient} built as {@code KiwoomAuthAutoConfiguration} builds it, and helpers
 * to read recorded requests.
 */
final class KiwoomHttpTestSupport {

	static final String APPKEY = "APPKEY-SECRET-1234567890";

	static final String SECRETKEY = "SECRETKEY-SECRET-0987654321";

	static final KiwoomCredentials CREDENTIALS = new KiwoomCredentials(APPKEY, SECRETKEY);

	static final String JSON_UTF8 = "application/json;charset=UTF-8";

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	private KiwoomHttpTestSupport() {
	}

	static MockWebServer startServer() throws IOException {
		MockWebServer server = new MockWebServer();
		server.start(InetAddress.getLoopbackAddress(), 0);
		return server;
	}

	static String baseUrl(MockWebServer server) {
		String url = server.url("/").toString();
		return url.substring(0, url.length() - 1);
	}

	/**
	 * Return the base URL of a loopback port that nothing listens on.
	 */
	static String closedPortUrl() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
	}

	/**
	 * Same factory as {@code KiwoomAuthAutoConfiguration.requestFactory}: the JDK client
	 * forced to HTTP/1.1.
	 */
	static ClientHttpRequestFactory requestFactory(Duration readTimeout) {
		return ClientHttpRequestFactoryBuilder.jdk()
			.withHttpClientCustomizer((builder) -> builder.version(HttpClient.Version.HTTP_1_1))
			.build(HttpClientSettings.defaults().withTimeouts(CONNECT_TIMEOUT, readTimeout));
	}

	/**
	 * Same client as {@code KiwoomAuthAutoConfiguration.tokenRestClient}: nothing
	 * buffered, the calls write their bodies as bytes.
	 */
	static RestClient.Builder tokenRestClientBuilder(String baseUrl, Duration readTimeout) {
		return RestClient.builder().baseUrl(baseUrl).requestFactory(requestFactory(readTimeout));
	}

	/**
	 * Same factory as {@code KiwoomHttpClient.requestFactory}: Spring's JDK factory,
	 * which asks for gzip and inflates it.
	 */
	static ClientHttpRequestFactory inflatingRequestFactory() {
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build());
		factory.setReadTimeout(READ_TIMEOUT);
		return factory;
	}

	/**
	 * Return an answer of a few KiB on the wire that inflates to {@code inflatedSize}
	 * bytes of JSON-looking text.
	 */
	static MockResponse gzipBomb(int inflatedSize) throws IOException {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
			gzip.write("{\"rows\":\"".getBytes(StandardCharsets.US_ASCII));
			byte[] chunk = new byte[64 * 1024];
			Arrays.fill(chunk, (byte) '0');
			for (int written = 0; written < inflatedSize; written += chunk.length) {
				gzip.write(chunk);
			}
			gzip.write("\"}".getBytes(StandardCharsets.US_ASCII));
		}
		return new MockResponse.Builder().code(200)
			.setHeader("Content-Type", JSON_UTF8)
			.setHeader("Content-Encoding", "gzip")
			.body(new Buffer().write(compressed.toByteArray()))
			.build();
	}

	static RestClient tokenRestClient(String baseUrl) {
		return tokenRestClientBuilder(baseUrl, READ_TIMEOUT).build();
	}

	static MockResponse json(int code, String body) {
		return new MockResponse.Builder().code(code).setHeader("Content-Type", JSON_UTF8).body(body).build();
	}

	static MockResponse json(String body) {
		return json(200, body);
	}

	static MockResponse status(int code) {
		return new MockResponse.Builder().code(code).build();
	}

	static RecordedRequest take(MockWebServer server) throws InterruptedException {
		RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request).as("recorded request").isNotNull();
		return request;
	}

	static String bodyOf(RecordedRequest request) {
		assertThat(request.getBody()).as("request body").isNotNull();
		return request.getBody().utf8();
	}

	/**
	 * Parse a recorded JSON body, keeping the order of its fields.
	 */
	static Map<String, Object> jsonBodyOf(RecordedRequest request) {
		return JsonMapper.shared().readValue(bodyOf(request), new TypeReference<LinkedHashMap<String, Object>>() {
		});
	}

	/**
	 * Return the header names exactly as they were sent.
	 */
	static List<String> headerNames(RecordedRequest request) {
		Headers headers = request.getHeaders();
		List<String> names = new ArrayList<>();
		for (int i = 0; i < headers.size(); i++) {
			names.add(headers.name(i));
		}
		return names;
	}

	/**
	 * Assert that a request went out as Kiwoom's examples send it: HTTP/1.1, JSON in
	 * UTF-8, a {@code Content-Length} and neither chunking nor an upgrade.
	 */
	static void assertSentLikeKiwoomExamples(RecordedRequest request) {
		Headers headers = request.getHeaders();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getVersion()).isEqualTo("HTTP/1.1");
		assertThat(headers.get("Content-Type")).isEqualTo(JSON_UTF8);
		assertThat(headers.get("Content-Length")).isEqualTo(String.valueOf(request.getBodySize()));
		assertThat(request.getBodySize()).isPositive();
		assertThat(headers.get("Transfer-Encoding")).isNull();
		assertThat(request.getChunkSizes()).isNullOrEmpty();
		assertThat(headers.get("Upgrade")).isNull();
		assertThat(headers.get("HTTP2-Settings")).isNull();
	}

	/**
	 * Assert that neither the message nor the string form of an exception, nor of any of
	 * its causes, contains one of the secrets.
	 */
	static void assertNoSecrets(Throwable ex, String... tokens) {
		List<String> secrets = new ArrayList<>(List.of(APPKEY, SECRETKEY));
		secrets.addAll(List.of(tokens));
		for (Throwable current = ex; current != null; current = current.getCause()) {
			String message = String.valueOf(current.getMessage());
			String string = current.toString();
			for (String secret : secrets) {
				assertThat(message).as("message of %s", current.getClass().getName()).doesNotContain(secret);
				assertThat(string).as("toString of %s", current.getClass().getName()).doesNotContain(secret);
			}
		}
	}

}
