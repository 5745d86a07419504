package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Streaming an answer with {@code exchange((request, response) -> response.getBody(),
 * false)} and closing the stream before its end releases the connection, as on a plain
 * {@code RestClient}, counted by a loopback server that knows which of its connections
 * are still open. Without it, they stay open until the read timeout or a GC, well past
 * the few seconds allowed here.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClosedStreamTests {

	private static final int STREAMS = 20;

	private static final byte[] BODY = ("{\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\",\"rows\":\""
			+ "x".repeat(512 * 1024) + "\"}")
		.getBytes(StandardCharsets.UTF_8);

	private final AtomicInteger open = new AtomicInteger();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private ServerSocket server;

	@BeforeEach
	void start() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.threads.execute(this::accept);
	}

	@AfterEach
	void stop() throws IOException {
		this.server.close();
		this.threads.shutdownNow();
	}

	@Test
	void closingAStreamedAnswerBeforeItsEndReleasesTheConnection() throws IOException {
		RestClient kiwoom = new KiwoomRestClientConfigurer(url(),
				KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT),
				new KiwoomAuthInterceptor(new SequentialTokenProvider(), JsonMapper.shared()))
			.configure(RestClient.builder())
			.build();
		openAndCloseStreams(kiwoom);
		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(this.open).as("open connections").hasValueLessThanOrEqualTo(1));
	}

	@Test
	void plainRestClientForComparison() throws IOException {
		RestClient plain = RestClient.builder()
			.baseUrl(url())
			.requestFactory(KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT))
			.build();
		openAndCloseStreams(plain);
		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(this.open).as("open connections").hasValueLessThanOrEqualTo(1));
	}

	private void openAndCloseStreams(RestClient client) throws IOException {
		for (int i = 0; i < STREAMS; i++) {
			InputStream body = client.post()
				.uri("/api/dostk/chart")
				.header("api-id", "ka10081")
				.body("{\"stk_cd\":\"005930\"}")
				.exchange((request, response) -> response.getBody(), false);
			assertThat(body.readNBytes(64)).hasSize(64);
			body.close();
		}
	}

	private String url() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.open.incrementAndGet();
				this.threads.execute(() -> serve(socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	/**
	 * Answer every request on the connection until the client closes it.
	 */
	private void serve(Socket socket) {
		try (socket) {
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			while (readRequest(in)) {
				out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: "
						+ BODY.length + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.write(BODY);
				out.flush();
			}
		}
		catch (IOException ex) {
			// The client cut the connection
		}
		finally {
			this.open.decrementAndGet();
		}
	}

	private static boolean readRequest(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		int b;
		while ((b = in.read()) != -1) {
			head.append((char) b);
			if (head.toString().endsWith("\r\n\r\n")) {
				String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
				int at = lower.indexOf("content-length:");
				if (at >= 0) {
					int end = lower.indexOf("\r\n", at);
					in.readNBytes(Integer.parseInt(lower.substring(at + 15, end).trim()));
				}
				return true;
			}
		}
		return false;
	}

}
