package io.github.ktrader.kiwoom.auth.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeEvent;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeListener;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSession;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSubscription;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRealtime;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static io.github.ktrader.kiwoom.auth.benchmarks.ClusterFigures.millis;
import static io.github.ktrader.kiwoom.auth.benchmarks.ClusterFigures.percentile;

/**
 * The real-time socket in cluster mode (issue 22): what the fan-out through Redis adds to
 * a frame's way to a listener, and how many frames per second a member takes. Two members
 * on one appkey as the auto-configuration builds them (a loopback {@code redis-server} of
 * its own, the simulator for the token, a loopback real-time server,
 * {@link LoopbackRealtimeServer}, for the frames), both subscribed to {@code 0B} of one
 * item: the holder, which has the socket and publishes each entry to Redis, and a
 * standby, which reads it from Redis. A plain session (not in cluster mode) on a second
 * loopback server is the baseline.
 * <ol>
 * <li><b>Latency</b>: one frame at a time, carrying the server's send time
 * ({@link System#nanoTime()}, one JVM), to every listener: the standby's, the holder's
 * own (which also reads from Redis) and the plain session's; in each round the cluster
 * and the baseline in turn. The added latency is the standby's p99 minus the plain
 * session's, per round; its interval over the rounds gives the verdict against the goal
 * (at most {@value #GOAL_ADDED_P99_MILLIS} ms).</li>
 * <li><b>Frames per second</b>: frames sent as fast as the standby keeps up (at most
 * {@value #WINDOW} sent and not yet delivered to it), counted when the standby's listener
 * has them all; none may be lost or dropped. Its interval over the rounds gives the
 * verdict against the goal (at least {@value #GOAL_FRAMES_PER_SECOND} frames/s).</li>
 * </ol>
 * Prints a plain-text report that {@code benchmarks/run} appends to the markdown
 * fragment.
 *
 * @since 0.1.0
 */
public final class ClusterFanoutBenchmark {

	static final String REPORT_TITLE = "Cluster fan-out figures";

	static final double GOAL_ADDED_P99_MILLIS = 5;

	static final double GOAL_FRAMES_PER_SECOND = 5_000;

	private static final int WINDOW = 256;

	private static final Duration LEASE = Duration.ofSeconds(2);

	private static final Duration WAIT = Duration.ofSeconds(30);

	/**
	 * The FID that carries the send time; Kiwoom has none by that number.
	 */
	private static final String SENT_FID = "9999";

	private static final String ITEM = "005930";

	private static final StringBuilder report = new StringBuilder();

	private final String framePrefix;

	private final String frameSuffix;

	private ClusterFanoutBenchmark() {
		Map<String, String> values = RealtimeBenchmark.values("0B");
		values.put(SENT_FID, "@");
		String frame = RealtimeBenchmark.frame("0B", ITEM, values);
		int at = frame.indexOf("\"@\"");
		this.framePrefix = frame.substring(0, at + 1);
		this.frameSuffix = frame.substring(at + 2);
	}

	/**
	 * Run both measurements and print the report.
	 * @param args the number of rounds, frames per latency round and frames per
	 * throughput round, such as {@code 8 1000 10000} (the defaults)
	 * @throws Exception if a measurement fails
	 */
	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 8;
		int latencyFrames = (args.length > 1) ? Integer.parseInt(args[1]) : 1000;
		int throughputFrames = (args.length > 2) ? Integer.parseInt(args[2]) : 10_000;
		Checks.state(rounds >= 2, "an interval needs at least 2 rounds");
		long start = System.nanoTime();
		ClusterFanoutBenchmark benchmark = new ClusterFanoutBenchmark();
		try (RedisServer redis = ClusterInstances.startRedis();
				KiwoomSimulator kiwoom = KiwoomSimulator.start();
				LoopbackRealtimeServer socket = new LoopbackRealtimeServer();
				LoopbackRealtimeServer plainSocket = new LoopbackRealtimeServer();
				ClusterInstances cluster = new ClusterInstances(kiwoom, redis, LEASE)) {
			benchmark.run(cluster, socket, plainSocket, rounds, latencyFrames, throughputFrames);
		}
		say("(fan-out part: %.0f s)%n", (System.nanoTime() - start) / 1e9);
		// After the applications' logs, for benchmarks/run to cut out
		System.out.println(REPORT_TITLE);
		System.out.print(report);
		// Lettuce's and the simulator's threads are not all daemons
		System.exit(0);
	}

	private void run(ClusterInstances cluster, LoopbackRealtimeServer socket, LoopbackRealtimeServer plainSocket,
			int rounds, int latencyFrames, int throughputFrames) throws InterruptedException {
		String[] realtime = { "kiwoom.realtime.url=" + socket.url(), "kiwoom.realtime.close-timeout=1s" };
		Probe holder = new Probe(latencyFrames);
		Probe standby = new Probe(latencyFrames);
		Probe plain = new Probe(latencyFrames);
		KiwoomRealtime holderRealtime = cluster.context(cluster.startRealtime(realtime)).getBean(KiwoomRealtime.class);
		RealtimeSubscription holderSubscription = holderRealtime.subscribe("0B", List.of(ITEM), holder);
		socket.awaitRegistered(WAIT);
		KiwoomRealtime standbyRealtime = cluster.context(cluster.startRealtime(realtime)).getBean(KiwoomRealtime.class);
		RealtimeSubscription standbySubscription = standbyRealtime.subscribe("0B", List.of(ITEM), standby);
		Checks.state(role(holderRealtime).equals("holder") && role(standbyRealtime).equals("standby"),
				"the first member does not hold the socket");
		// Until the standby reads the channel: frames sent before reach the holder only
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (standby.received.get() == 0) {
			Checks.state(System.nanoTime() < deadline, "the standby received nothing within " + WAIT);
			socket.send(frame());
			Thread.sleep(10);
		}
		PlainSession session = new PlainSession(plainSocket, plain);
		try {
			// Warm-up, not counted: the JIT, the connections
			latencyRound(socket, plainSocket, holder, standby, plain, latencyFrames);
			throughputRound(socket, holder, standby, throughputFrames);
			long holderBefore = holder.received.get();
			long standbyBefore = standby.received.get();
			double[] addedP99 = new double[rounds];
			double[] rates = new double[rounds];
			long[][] pooled = new long[3][0];
			for (int round = 0; round < rounds; round++) {
				latencyRound(socket, plainSocket, holder, standby, plain, latencyFrames);
				addedP99[round] = (percentile(standby.latencies(), 0.99) - percentile(plain.latencies(), 0.99)) / 1e6;
				pooled[0] = concat(pooled[0], standby.latencies());
				pooled[1] = concat(pooled[1], holder.latencies());
				pooled[2] = concat(pooled[2], plain.latencies());
				rates[round] = throughputRound(socket, holder, standby, throughputFrames);
			}
			Checks.state(standbySubscription.dropped() == 0 && holderSubscription.dropped() == 0
					&& plain.subscription().dropped() == 0, "a listener fell behind: events dropped");
			long sent = (long) rounds * (latencyFrames + throughputFrames);
			Checks.state(holder.received.get() - holderBefore == sent && standby.received.get() - standbyBefore == sent,
					"frames lost: of " + sent + " sent, the holder's listener had "
							+ (holder.received.get() - holderBefore) + ", the standby's "
							+ (standby.received.get() - standbyBefore));
			report(rounds, latencyFrames, throughputFrames, pooled, addedP99, rates);
		}
		finally {
			session.close();
		}
	}

	private void report(int rounds, int latencyFrames, int throughputFrames, long[][] pooled, double[] addedP99,
			double[] rates) {
		long[] standby = pooled[0];
		long[] holder = pooled[1];
		long[] plain = pooled[2];
		say("Two members on one appkey, one holding the socket, both subscribed to 0B of one item; %d rounds.%n",
				rounds);
		say("Latency, one %s frame at a time (%d per round), from the loopback server's send to the listener:%n", "0B",
				latencyFrames);
		say("  standby (socket -> holder -> Redis pub/sub -> standby): p50 %s, p99 %s%n",
				millis(percentile(standby, 0.50)), millis(percentile(standby, 0.99)));
		say("  holder's own listener (also through Redis): p50 %s, p99 %s%n", millis(percentile(holder, 0.50)),
				millis(percentile(holder, 0.99)));
		say("  plain session, not in cluster mode (the baseline): p50 %s, p99 %s%n", millis(percentile(plain, 0.50)),
				millis(percentile(plain, 0.99)));
		say("  added by the fan-out: p50 %s, p99 %s over the plain session; p50 %s, p99 %s over the holder's own "
				+ "listener%n", millis(percentile(standby, 0.50) - percentile(plain, 0.50)),
				millis(percentile(standby, 0.99) - percentile(plain, 0.99)),
				millis(percentile(standby, 0.50) - percentile(holder, 0.50)),
				millis(percentile(standby, 0.99) - percentile(holder, 0.99)));
		WholeCallFigures.Difference added = PairedWholeCallBenchmark.interval(addedP99,
				PairedWholeCallBenchmark.CONFIDENCE);
		WholeCallFigures.Difference rate = PairedWholeCallBenchmark.interval(rates,
				PairedWholeCallBenchmark.CONFIDENCE);
		say("Frames per second one member takes (%d frames per round, at most %d in flight, none lost or dropped): "
				+ "%s%n", throughputFrames, WINDOW, rateList(rates));
		say("%nGoal: added p99 <= %.0f ms: %.2f ± %.2f ms (%.1f %% interval over the rounds' p99): %s%n",
				GOAL_ADDED_P99_MILLIS, added.value(), added.error(), 100 * PairedWholeCallBenchmark.CONFIDENCE,
				Verdict.atMost(added, GOAL_ADDED_P99_MILLIS));
		say("Goal: >= %,.0f frames/s per member: %,.0f ± %,.0f frames/s: %s%n", GOAL_FRAMES_PER_SECOND, rate.value(),
				rate.error(), Verdict.atLeast(rate.value(), rate.error(), GOAL_FRAMES_PER_SECOND));
	}

	private static String rateList(double[] rates) {
		StringBuilder text = new StringBuilder();
		for (double rate : rates) {
			text.append((text.length() > 0) ? ", " : "").append(String.format(Locale.ROOT, "%,.0f", rate));
		}
		return text.toString();
	}

	/**
	 * Send frames one at a time, each once every listener has the one before.
	 */
	private void latencyRound(LoopbackRealtimeServer socket, LoopbackRealtimeServer plainSocket, Probe holder,
			Probe standby, Probe plain, int frames) {
		holder.record();
		standby.record();
		plain.record();
		for (int i = 0; i < frames; i++) {
			long holderTarget = holder.received.get() + 1;
			long standbyTarget = standby.received.get() + 1;
			socket.send(frame());
			holder.await(holderTarget);
			standby.await(standbyTarget);
			long plainTarget = plain.received.get() + 1;
			plainSocket.send(frame());
			plain.await(plainTarget);
		}
		holder.stopRecording();
		standby.stopRecording();
		plain.stopRecording();
	}

	/**
	 * Send frames as fast as the standby takes them; return the frames per second.
	 */
	private double throughputRound(LoopbackRealtimeServer socket, Probe holder, Probe standby, int frames) {
		long holderStart = holder.received.get();
		long standbyStart = standby.received.get();
		long started = System.nanoTime();
		long deadline = started + WAIT.toNanos();
		for (int sent = 0; sent < frames; sent++) {
			while (sent - (standby.received.get() - standbyStart) >= WINDOW) {
				Checks.state(System.nanoTime() < deadline, "the standby stopped taking frames");
				LockSupport.parkNanos(20_000);
			}
			socket.send(frame());
		}
		standby.await(standbyStart + frames);
		long elapsed = System.nanoTime() - started;
		holder.await(holderStart + frames);
		return frames / (elapsed / 1e9);
	}

	private String frame() {
		return this.framePrefix + System.nanoTime() + this.frameSuffix;
	}

	private static String role(KiwoomRealtime realtime) {
		return ((ClusterRealtime) realtime).clusterStatus().role();
	}

	private static long[] concat(long[] first, long[] second) {
		long[] all = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

	private static void say(String format, Object... args) {
		String line = String.format(Locale.ROOT, format, args);
		report.append(line);
		System.out.print(line);
	}

	/**
	 * A session not in cluster mode, as {@link RealtimeBenchmark} has: the baseline.
	 */
	private static final class PlainSession implements AutoCloseable {

		private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

		private final RealtimeSession session;

		PlainSession(LoopbackRealtimeServer server, Probe probe) throws InterruptedException {
			this.scheduler.setDaemon(true);
			this.scheduler.initialize();
			this.session = RealtimeBenchmark.startSession(server, this.scheduler);
			probe.subscription = this.session.subscribe("0B", List.of(ITEM), probe);
			RealtimeBenchmark.awaitOpen(server, this.session);
		}

		@Override
		public void close() {
			this.session.stop();
			this.session.destroy();
			this.scheduler.shutdown();
		}

	}

	/**
	 * Counts events on the listener thread, records each one's latency from the send time
	 * it carries while asked to, and wakes the benchmark thread waiting for them.
	 */
	private static final class Probe implements RealtimeListener {

		private final RealtimeBenchmark.Counter counter = new RealtimeBenchmark.Counter();

		final AtomicLong received = this.counter.received;

		private final long[] latencies;

		private volatile int recorded = -1;

		private @Nullable RealtimeSubscription subscription;

		Probe(int capacity) {
			this.latencies = new long[capacity];
		}

		@Override
		public void onEvent(RealtimeEvent event) {
			long now = System.nanoTime();
			int at = this.recorded;
			if (at >= 0 && at < this.latencies.length) {
				String sent = event.value(SENT_FID);
				this.latencies[at] = (sent != null) ? now - Long.parseLong(sent) : Long.MAX_VALUE;
				this.recorded = at + 1;
			}
			this.counter.onEvent(event);
		}

		void record() {
			this.recorded = 0;
		}

		void stopRecording() {
			this.recorded = -1 - this.recorded;
		}

		long[] latencies() {
			int count = -1 - this.recorded;
			return Arrays.copyOf(this.latencies, Math.max(0, count));
		}

		RealtimeSubscription subscription() {
			Checks.state(this.subscription != null, "not subscribed");
			return this.subscription;
		}

		void await(long target) {
			this.counter.await(target);
		}

	}

}
