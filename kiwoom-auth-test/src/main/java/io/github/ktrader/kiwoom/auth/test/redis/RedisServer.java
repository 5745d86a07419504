package io.github.ktrader.kiwoom.auth.test.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@code redis-server} process of its own on a free loopback port, without persistence
 * ({@code --save "" --appendonly no}), that a test can stop and start again on the same
 * port.
 * <p>
 * {@link #start()} returns once the server answers {@code PING}. {@link #stop()} ends the
 * process and waits for it, so the port refuses connections afterwards; a restarted
 * server is empty. Not thread-safe: one test drives it.
 *
 * @since 0.1.0
 */
public final class RedisServer implements AutoCloseable {

	private static final String HOST = "127.0.0.1";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

	private final Path binary;

	private final int port;

	private final Path log;

	private @Nullable Process process;

	private RedisServer(Path binary, int port) throws IOException {
		this.binary = binary;
		this.port = port;
		this.log = Files.createTempFile("redis-server-" + port + "-", ".log");
	}

	/**
	 * Start a server on a free loopback port.
	 * @param binary the {@code redis-server} executable
	 * @return the running server
	 * @throws IllegalStateException when it did not answer {@code PING} in time
	 */
	public static RedisServer start(Path binary) {
		Assert.notNull(binary, "Binary must not be null");
		IllegalStateException last = new IllegalStateException("redis-server did not start");
		// A port found free can be taken by another process before redis-server binds it
		for (int attempt = 0; attempt < 3; attempt++) {
			try {
				RedisServer server = new RedisServer(binary, freePort());
				try {
					server.start();
					return server;
				}
				catch (IllegalStateException ex) {
					server.close();
					last = ex;
				}
			}
			catch (IOException ex) {
				last = new IllegalStateException("Could not prepare redis-server: " + ex.getMessage(), ex);
			}
		}
		throw last;
	}

	/**
	 * Return the host the server listens on.
	 * @return {@code 127.0.0.1}
	 */
	public String host() {
		return HOST;
	}

	/**
	 * Return the port the server listens on; it stays the same across restarts.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return whether the server process is running.
	 * @return whether {@link #start()} ran and no {@link #stop()} since
	 */
	public boolean isRunning() {
		Process process = this.process;
		return process != null && process.isAlive();
	}

	/**
	 * Start the server on its port unless it is running, and wait until it answers
	 * {@code PING}.
	 * @throws IllegalStateException when it did not answer in time
	 */
	public void start() {
		if (isRunning()) {
			return;
		}
		List<String> command = List.of(this.binary.toString(), "--port", Integer.toString(this.port), "--bind", HOST,
				"--save", "", "--appendonly", "no", "--daemonize", "no");
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + this.binary + ": " + ex.getMessage(), ex);
		}
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!isRunning()) {
				throw new IllegalStateException(
						"redis-server on port " + this.port + " exited at startup:\n" + logTail());
			}
			if (ping()) {
				return;
			}
			pause();
		}
		stop();
		throw new IllegalStateException("redis-server on port " + this.port + " did not answer PING within "
				+ STARTUP_TIMEOUT + ":\n" + logTail());
	}

	/**
	 * Stop the server process and wait for it to exit; nothing happens when it is not
	 * running.
	 */
	public void stop() {
		Process process = this.process;
		this.process = null;
		if (process == null) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(5, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Stop the server and start it again, empty, on the same port.
	 */
	public void restart() {
		stop();
		start();
	}

	/**
	 * Return whether the server answers {@code PING} with {@code PONG}.
	 * @return whether it is up
	 */
	public boolean ping() {
		return "+PONG".equals(command("PING"));
	}

	/**
	 * Remove every key ({@code FLUSHALL}), so that tests sharing a server start clean.
	 */
	public void flushAll() {
		String reply = command("FLUSHALL");
		Assert.state("+OK".equals(reply), () -> "FLUSHALL answered " + reply);
	}

	/**
	 * Stop the server and delete its log.
	 */
	@Override
	public void close() {
		stop();
		try {
			Files.deleteIfExists(this.log);
		}
		catch (IOException ex) {
			// A leftover log in the temp directory does no harm
		}
	}

	@Override
	public String toString() {
		return "RedisServer[" + HOST + ":" + this.port + (isRunning() ? ", running" : ", stopped") + "]";
	}

	/**
	 * Send one inline command and return the first line of the reply, or {@code null}
	 * when the server cannot be reached.
	 */
	private @Nullable String command(String inline) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, this.port), 500);
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			for (int ch = in.read(); ch != -1 && ch != '\r'; ch = in.read()) {
				line.append((char) ch);
			}
			return line.toString();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for redis-server", ex);
		}
	}

}
