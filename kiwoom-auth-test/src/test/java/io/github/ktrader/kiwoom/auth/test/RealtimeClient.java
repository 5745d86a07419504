package io.github.ktrader.kiwoom.auth.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real-time socket client on the JDK's {@link WebSocket}, as the tests' stand-in for a
 * Kiwoom client: it queues every text frame it receives and, unless told not to, echoes
 * PINGs.
 */
final class RealtimeClient implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	/**
	 * The JDK client notices a connection closed without a close frame on its selector
	 * thread, which a loaded machine (a whole build on 2 cores) has been seen to run
	 * seconds late.
	 */
	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

	private static final HttpClient http = HttpClient.newHttpClient();

	private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private final WebSocket socket;

	private volatile boolean echoPings = true;

	private RealtimeClient(String url) {
		this.socket = http.newWebSocketBuilder()
			.connectTimeout(TIMEOUT)
			.buildAsync(URI.create(url), new Listener())
			.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
			.join();
	}

	static RealtimeClient connect(KiwoomSimulator simulator) {
		return new RealtimeClient(simulator.realtimeUrl());
	}

	/**
	 * Connects, logs in with the token and checks the answer is a success.
	 * @param simulator the simulator
	 * @param token the token
	 * @return the logged-in client
	 */
	static RealtimeClient loggedIn(KiwoomSimulator simulator, String token) {
		RealtimeClient client = connect(simulator);
		client.login(token);
		assertThat(client.next("LOGIN").get("return_code").asInt()).isZero();
		return client;
	}

	RealtimeClient echoPings(boolean echoPings) {
		this.echoPings = echoPings;
		return this;
	}

	void login(String token) {
		send("{\"trnm\":\"LOGIN\",\"token\":\"" + token + "\"}");
	}

	synchronized void send(String text) {
		this.socket.sendText(text, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	/**
	 * Returns the next frame, failing when none comes in time.
	 * @return the frame's text
	 */
	String nextText() {
		String frame = poll(TIMEOUT);
		assertThat(frame).as("frame within %s", TIMEOUT).isNotNull();
		return frame;
	}

	/**
	 * Returns the next frame with the given {@code trnm}, skipping others.
	 * @param trnm the frame's {@code trnm}
	 * @return the frame
	 */
	JsonNode next(String trnm) {
		return next((frame) -> trnm.equals(frame.path("trnm").asString()));
	}

	JsonNode next(Predicate<JsonNode> wanted) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			String text = poll(Duration.ofNanos(deadline - System.nanoTime()));
			if (text != null) {
				JsonNode frame = JsonMapper.shared().readTree(text);
				if (wanted.test(frame)) {
					return frame;
				}
			}
		}
		throw new AssertionError("No wanted frame within " + TIMEOUT);
	}

	/**
	 * Returns the next frame that arrives within the time, if any.
	 * @param within how long to wait
	 * @return the frame's text, or {@code null}
	 */
	@Nullable String poll(Duration within) {
		try {
			return this.frames.poll(within.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Returns the frames received but not taken yet.
	 * @return the frames' texts
	 */
	List<String> drain() {
		List<String> drained = new ArrayList<>();
		this.frames.drainTo(drained);
		return drained;
	}

	/**
	 * Returns how the connection ended: the close code, or 1006 when it broke without a
	 * close frame.
	 * @return the code, once the connection is closed
	 */
	int awaitClosed() {
		return this.closed.orTimeout(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	boolean isClosed() {
		return this.closed.isDone();
	}

	@Override
	public void close() {
		this.socket.abort();
	}

	private static boolean isPing(String text) {
		return text.length() < 64 && "PING".equals(JsonMapper.shared().readTree(text).path("trnm").asString());
	}

	/**
	 * Queues text frames whole and echoes PINGs.
	 */
	private final class Listener implements WebSocket.Listener {

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			RealtimeClient.this.partial.append(data);
			if (last) {
				String text = RealtimeClient.this.partial.toString();
				RealtimeClient.this.partial.setLength(0);
				if (RealtimeClient.this.echoPings && isPing(text)) {
					send(text);
				}
				RealtimeClient.this.frames.add(text);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			RealtimeClient.this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			RealtimeClient.this.closed.complete(1006);
		}

	}

}
