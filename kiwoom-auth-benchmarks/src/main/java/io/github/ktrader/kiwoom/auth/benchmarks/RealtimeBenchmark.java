package io.github.ktrader.kiwoom.auth.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeEvent;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeListener;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeObserver;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSession;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSettings;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeState;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSubscription;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What one key pair's real-time session takes: {@code REAL} frames sent by a loopback
 * WebSocket server ({@link LoopbackRealtimeServer}) through the starter's own
 * {@link RealtimeSession} (JDK WebSocket, frame parsing, per-subscription queue, listener
 * thread) to a listener that counts them.
 * <ul>
 * <li>{@code frames}: frames per second, in batches of {@value #BATCH} sent back to back
 * and waited for.</li>
 * <li>{@code latency}: one frame at a time, from the server's send to the listener's
 * return and the benchmark thread's wake-up (so an upper bound of
 * frame-to-listener).</li>
 * <li>{@code eventItself}: what delivering the event costs at the least, its FID strings
 * decoded from bytes, their map and the {@link RealtimeEvent}; with {@code -prof gc},
 * {@code frames} minus {@code eventItself} is the allocation per frame beyond the event.
 * The loopback server's own allocation (Netty's frame encoding) runs in the same JVM and
 * is counted in {@code frames}: the figure is an upper bound.</li>
 * </ul>
 * {@code 0B} (주식체결) frames carry 31 FIDs, {@code 0D} (주식호가잔량) frames 160, as Kiwoom's do.
 *
 * @since 0.1.0
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class RealtimeBenchmark {

	static final int BATCH = 1000;

	private static final Duration WAIT = Duration.ofSeconds(30);

	/**
	 * The real-time type of the frames.
	 */
	@Param({ "0B", "0D" })
	public String type;

	private LoopbackRealtimeServer server;

	private ThreadPoolTaskScheduler scheduler;

	private RealtimeSession session;

	private RealtimeSubscription subscription;

	private final Counter counter = new Counter();

	private String frame;

	private Map<String, String> values;

	private byte[][] encodedFids;

	/**
	 * Start the loopback server and a session logged in to it with one subscription.
	 */
	@Setup
	public void setUp() throws InterruptedException {
		this.values = values(this.type);
		this.frame = frame(this.type, "005930", this.values);
		this.encodedFids = encode(this.values);
		this.server = new LoopbackRealtimeServer();
		this.scheduler = new ThreadPoolTaskScheduler();
		this.scheduler.setDaemon(true);
		this.scheduler.initialize();
		this.session = startSession(this.server, this.scheduler);
		this.subscription = this.session.subscribe(this.type, List.of("005930"), this.counter);
		awaitOpen(this.server, this.session);
	}

	/**
	 * Start a session of the starter's own against the loopback server, with a token that
	 * never expires.
	 * @param server the server
	 * @param scheduler the session's scheduler, initialized
	 * @return the session, started
	 */
	static RealtimeSession startSession(LoopbackRealtimeServer server, ThreadPoolTaskScheduler scheduler) {
		RealtimeSettings settings = new RealtimeSettings("default", URI.create(server.url()), "kiwoom.realtime.url",
				"http://127.0.0.1", Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(5),
				Duration.ofMinutes(5), new FixedBackOff(1000), 4096, 1 << 20, Duration.ofSeconds(2));
		AccessToken token = new AccessToken("benchmark-token", Instant.now().plus(Duration.ofHours(24)));
		RealtimeSession session = new RealtimeSession(settings, () -> () -> token, scheduler, new RealtimeObserver() {
		}, JsonMapper.shared());
		session.start();
		return session;
	}

	/**
	 * Wait until the session has logged in and registered what it subscribed to.
	 * @param server the server it talks to
	 * @param session the session
	 */
	static void awaitOpen(LoopbackRealtimeServer server, RealtimeSession session) throws InterruptedException {
		server.awaitRegistered(WAIT);
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (session.state() != RealtimeState.OPEN) {
			Checks.state(System.nanoTime() < deadline, "The session did not open within " + WAIT);
			Thread.sleep(10);
		}
	}

	/**
	 * Close the subscription, the session and the server.
	 */
	@TearDown
	public void tearDown() {
		Checks.state(this.subscription.dropped() == 0,
				"The listener fell behind: " + this.subscription.dropped() + " events dropped");
		this.subscription.close();
		this.session.stop();
		this.session.destroy();
		this.scheduler.shutdown();
		this.server.close();
	}

	/**
	 * Send a batch of frames back to back and wait until the listener has had them all.
	 * @return the number of events received so far
	 */
	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	@OperationsPerInvocation(BATCH)
	public long frames() {
		long target = this.counter.received.get() + BATCH;
		for (int i = 0; i < BATCH; i++) {
			this.server.send(this.frame);
		}
		return this.counter.await(target);
	}

	/**
	 * Send one frame and wait until the listener has had it.
	 * @return the number of events received so far
	 */
	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public long latency() {
		long target = this.counter.received.get() + 1;
		this.server.send(this.frame);
		return this.counter.await(target);
	}

	/**
	 * Build the event from the frame's FID bytes: the least a client allocates to deliver
	 * it.
	 * @return the event
	 */
	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	public RealtimeEvent eventItself() {
		Map<String, String> decoded = new LinkedHashMap<>();
		for (int i = 0; i < this.encodedFids.length; i += 2) {
			decoded.put(new String(this.encodedFids[i], StandardCharsets.UTF_8),
					new String(this.encodedFids[i + 1], StandardCharsets.UTF_8));
		}
		return new RealtimeEvent(this.type, "005930", "주식체결", decoded);
	}

	static Map<String, String> values(String type) {
		Map<String, String> values = new LinkedHashMap<>();
		if (type.equals("0D")) {
			// 주식호가잔량: time, then ten levels of ask/bid prices, quantities and their
			// changes, totals and expected-trade FIDs: 160 in all
			values.put("21", "090001");
			int fid = 41;
			while (values.size() < 160) {
				values.put(Integer.toString(fid), ((fid % 2 == 0) ? "+" : "-") + (60000 + fid * 100));
				fid++;
			}
		}
		else {
			values.put("20", "090001");
			values.put("10", "+60700");
			values.put("11", "+700");
			values.put("12", "+1.17");
			values.put("27", "+60800");
			values.put("28", "+60700");
			values.put("15", "+37");
			values.put("13", "12345678");
			int fid = 14;
			while (values.size() < 31) {
				String key = Integer.toString(fid++);
				values.putIfAbsent(key, "+" + (1000 + fid));
			}
		}
		return values;
	}

	static String frame(String type, String item, Map<String, String> values) {
		StringBuilder json = new StringBuilder("{\"trnm\":\"REAL\",\"data\":[{\"type\":\"").append(type)
			.append("\",\"name\":\"")
			.append(type.equals("0D") ? "주식호가잔량" : "주식체결")
			.append("\",\"item\":\"")
			.append(item)
			.append("\",\"values\":{");
		List<String> fields = new ArrayList<>();
		values.forEach((fid, value) -> fields.add(String.format(Locale.ROOT, "\"%s\":\"%s\"", fid, value)));
		return json.append(String.join(",", fields)).append("}}]}").toString();
	}

	private static byte[][] encode(Map<String, String> values) {
		byte[][] encoded = new byte[values.size() * 2][];
		int i = 0;
		for (Map.Entry<String, String> entry : values.entrySet()) {
			encoded[i++] = entry.getKey().getBytes(StandardCharsets.UTF_8);
			encoded[i++] = entry.getValue().getBytes(StandardCharsets.UTF_8);
		}
		return encoded;
	}

	/**
	 * Counts events on the listener thread and wakes the benchmark thread waiting for
	 * them.
	 */
	static final class Counter implements RealtimeListener {

		final AtomicLong received = new AtomicLong();

		private volatile @Nullable Thread waiter;

		@Override
		public void onEvent(RealtimeEvent event) {
			this.received.incrementAndGet();
			Thread thread = this.waiter;
			if (thread != null) {
				LockSupport.unpark(thread);
			}
		}

		long await(long target) {
			long deadline = System.nanoTime() + WAIT.toNanos();
			this.waiter = Thread.currentThread();
			try {
				long now;
				while ((now = this.received.get()) < target) {
					Checks.state(System.nanoTime() < deadline,
							"Only " + now + " of " + target + " events within " + WAIT);
					LockSupport.parkNanos(this, 1_000_000);
				}
				return now;
			}
			finally {
				this.waiter = null;
			}
		}

	}

}
