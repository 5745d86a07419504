package io.github.ktrader.kiwoom.auth.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.TokenIssuer;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long callers wait for a token while one is being issued, with a token endpoint that
 * takes 500 ms; not a JMH benchmark, since these are one-off events rather than a steady
 * state.
 * <p>
 * <b>Renewal in flight:</b> 64 threads call {@code getAccessToken()} in a tight loop
 * while the provider's renewal timer has fired and au10001 is in flight. Each call's wait
 * is timed with {@link System#nanoTime()} from the moment the loopback server receives
 * the renewal request until the renewal has finished. <b>Control:</b> the same 64 threads
 * on a provider that is a single volatile read, for 500 ms: whatever wait shows up there
 * is the machine (threads preempted inside the timed call), not the provider. <b>Cold
 * start:</b> 256 threads call {@code getAccessToken()} at once on the provider of a
 * freshly started application. The loopback server counts au10001 requests: one per
 * renewal or cold start is the requirement.
 * <p>
 * Run with {@code java -cp benchmarks.jar} this class, optionally followed by the number
 * of trials per scenario (default 5).
 *
 * @since 0.1.0
 */
public final class ContentionBenchmark {

	private static final Duration TOKEN_DELAY = Duration.ofMillis(500);

	private static final int RENEWAL_CALLERS = 64;

	private static final int COLD_START_CALLERS = 256;

	private static final long WARMUP_MILLIS = 300;

	private static final long PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

	private static final long ONE_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

	private ContentionBenchmark() {
	}

	/**
	 * Run the three scenarios and print a table.
	 * @param args optionally, the number of trials per scenario
	 * @throws Exception if a scenario fails
	 */
	public static void main(String[] args) throws Exception {
		int trials = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		try (LoopbackKiwoom kiwoom = LoopbackKiwoom.start()) {
			List<Row> rows = new ArrayList<>();
			rows.add(renewalInFlight(kiwoom, trials, PAUSE_NANOS));
			rows.add(control(trials, PAUSE_NANOS));
			rows.add(renewalInFlight(kiwoom, trials, 0));
			rows.add(control(trials, 0));
			rows.add(coldStart(kiwoom, trials));
			print(rows);
		}
	}

	private static Row renewalInFlight(LoopbackKiwoom kiwoom, int trials, long pauseNanos) throws InterruptedException {
		Row row = new Row("renewal in flight, kiwoom-auth" + pacing(pauseNanos), RENEWAL_CALLERS);
		try (ConfigurableApplicationContext context = MinimalApplication
			.builder(true, "kiwoom.host=" + kiwoom.baseUrl())
			.run()) {
			TokenIssuer issuer = context.getBean(TokenIssuer.class);
			for (int trial = 0; trial < trials; trial++) {
				ManualTaskScheduler scheduler = new ManualTaskScheduler();
				CachingAccessTokenProvider provider = new CachingAccessTokenProvider(issuer, scheduler,
						Clock.systemUTC(), Duration.ofMinutes(10), Duration.ZERO);
				kiwoom.setTokenDelay(Duration.ZERO);
				AccessToken old = provider.getAccessToken();
				kiwoom.setTokenDelay(TOKEN_DELAY);
				kiwoom.resetTokenRequests();
				Runnable renewal = scheduler.takeEarliest();
				if (renewal == null) {
					throw new IllegalStateException("No renewal was scheduled");
				}
				Callers callers = new Callers(provider, RENEWAL_CALLERS, pauseNanos);
				callers.start();
				Thread.sleep(WARMUP_MILLIS);
				Thread renewing = new Thread(renewal, "renewal");
				renewing.start();
				if (!kiwoom.awaitTokenRequest(Duration.ofSeconds(10))) {
					throw new IllegalStateException("The renewal sent no au10001 request");
				}
				long renewalStart = System.nanoTime();
				callers.measure();
				renewing.join();
				long renewalNanos = System.nanoTime() - renewalStart;
				WaitHistogram waits = callers.stop();
				if (provider.getAccessToken().equals(old)) {
					throw new IllegalStateException("The token was not renewed");
				}
				row.addTrial(waits, kiwoom.tokenRequests(), renewalNanos);
				provider.close();
			}
		}
		return row;
	}

	private static Row control(int trials, long pauseNanos) throws InterruptedException {
		Row row = new Row("control: volatile read" + pacing(pauseNanos), RENEWAL_CALLERS);
		FixedTokenProvider provider = new FixedTokenProvider();
		for (int trial = 0; trial < trials; trial++) {
			Callers callers = new Callers(provider, RENEWAL_CALLERS, pauseNanos);
			callers.start();
			Thread.sleep(WARMUP_MILLIS);
			long start = System.nanoTime();
			callers.measure();
			Thread.sleep(TOKEN_DELAY.toMillis());
			long elapsed = System.nanoTime() - start;
			row.addTrial(callers.stop(), null, elapsed);
		}
		return row;
	}

	private static Row coldStart(LoopbackKiwoom kiwoom, int trials) throws InterruptedException {
		Row row = new Row("cold start, kiwoom-auth", COLD_START_CALLERS);
		kiwoom.setTokenDelay(TOKEN_DELAY);
		for (int trial = 0; trial < trials; trial++) {
			try (ConfigurableApplicationContext context = MinimalApplication
				.builder(true, "kiwoom.host=" + kiwoom.baseUrl())
				.run()) {
				AccessTokenProvider provider = context.getBean(AccessTokenProvider.class);
				kiwoom.resetTokenRequests();
				CountDownLatch ready = new CountDownLatch(COLD_START_CALLERS);
				CountDownLatch go = new CountDownLatch(1);
				WaitHistogram[] waits = new WaitHistogram[COLD_START_CALLERS];
				String[] tokens = new String[COLD_START_CALLERS];
				Thread[] threads = new Thread[COLD_START_CALLERS];
				for (int i = 0; i < COLD_START_CALLERS; i++) {
					int caller = i;
					waits[caller] = new WaitHistogram();
					threads[caller] = new Thread(() -> {
						ready.countDown();
						awaitUninterruptibly(go);
						long start = System.nanoTime();
						AccessToken token = provider.getAccessToken();
						waits[caller].record(System.nanoTime() - start);
						tokens[caller] = token.value();
					}, "cold-caller-" + caller);
					threads[caller].setDaemon(true);
					threads[caller].start();
				}
				ready.await();
				long start = System.nanoTime();
				go.countDown();
				for (Thread thread : threads) {
					thread.join();
				}
				long elapsed = System.nanoTime() - start;
				Set<String> distinct = new HashSet<>(List.of(tokens));
				if (distinct.size() != 1) {
					throw new IllegalStateException("Callers got " + distinct.size() + " different tokens");
				}
				WaitHistogram merged = new WaitHistogram();
				for (WaitHistogram wait : waits) {
					merged.add(wait);
				}
				row.addTrial(merged, kiwoom.tokenRequests(), elapsed);
			}
		}
		return row;
	}

	private static String pacing(long pauseNanos) {
		return (pauseNanos > 0) ? ", paced" : ", spinning";
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void print(List<Row> rows) {
		System.out.println();
		System.out.printf(Locale.ROOT, "Token waits; au10001 endpoint takes %d ms; wait = System.nanoTime() around "
				+ "getAccessToken(), all calls of all trials pooled%n", TOKEN_DELAY.toMillis());
		String format = "%-42s %7s %6s %11s %9s %9s %9s %9s %8s  %s%n";
		System.out.printf(Locale.ROOT, format, "Scenario", "Callers", "Trials", "Calls", "p50", "p99", "p99.9", "Worst",
				">1 ms", "au10001 per trial");
		for (Row row : rows) {
			WaitHistogram waits = row.waits;
			System.out.printf(Locale.ROOT, format, row.name, row.callers, row.trials(), waits.total(),
					duration(waits.percentile(0.5)), duration(waits.percentile(0.99)),
					duration(waits.percentile(0.999)), duration(waits.max()), waits.countAbove(ONE_MILLI),
					row.tokenRequests.isEmpty() ? "-" : row.tokenRequests.toString());
		}
		System.out.println();
		for (Row row : rows) {
			System.out.printf(Locale.ROOT, "%-42s worst per trial %s; window per trial %s%n", row.name,
					durations(row.worstPerTrial), durations(row.windowPerTrial));
		}
	}

	private static String durations(List<Long> nanos) {
		return nanos.stream().map(ContentionBenchmark::duration).collect(Collectors.joining(", ", "[", "]"));
	}

	private static String duration(long nanos) {
		if (nanos < 10_000) {
			return nanos + " ns";
		}
		if (nanos < 10_000_000) {
			return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
		}
		return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
	}

	/**
	 * Results of one scenario over all its trials.
	 */
	private static final class Row {

		private final String name;

		private final int callers;

		private final WaitHistogram waits = new WaitHistogram();

		private final List<Integer> tokenRequests = new ArrayList<>();

		private final List<Long> worstPerTrial = new ArrayList<>();

		private final List<Long> windowPerTrial = new ArrayList<>();

		Row(String name, int callers) {
			this.name = name;
			this.callers = callers;
		}

		void addTrial(WaitHistogram trialWaits, @Nullable Integer requests, long windowNanos) {
			this.waits.add(trialWaits);
			this.worstPerTrial.add(trialWaits.max());
			this.windowPerTrial.add(windowNanos);
			if (requests != null) {
				this.tokenRequests.add(requests);
			}
		}

		int trials() {
			return this.worstPerTrial.size();
		}

	}

	/**
	 * Threads that call {@code getAccessToken()} in a loop, pausing after each call or
	 * not at all, and time each call once told to measure.
	 */
	private static final class Callers {

		private static final int WARMUP = 0;

		private static final int MEASURE = 1;

		private static final int DONE = 2;

		private final Thread[] threads;

		private final WaitHistogram[] waits;

		private final @Nullable AccessToken[] lastTokens;

		private final long pauseNanos;

		private volatile int phase = WARMUP;

		Callers(AccessTokenProvider provider, int count, long pauseNanos) {
			this.pauseNanos = pauseNanos;
			this.threads = new Thread[count];
			this.waits = new WaitHistogram[count];
			this.lastTokens = new AccessToken[count];
			for (int i = 0; i < count; i++) {
				int caller = i;
				this.waits[caller] = new WaitHistogram();
				this.threads[caller] = new Thread(() -> run(provider, caller), "caller-" + caller);
				this.threads[caller].setDaemon(true);
			}
		}

		private void run(AccessTokenProvider provider, int caller) {
			WaitHistogram histogram = this.waits[caller];
			AccessToken last = null;
			int current;
			while ((current = this.phase) != DONE) {
				long start = System.nanoTime();
				last = provider.getAccessToken();
				long wait = System.nanoTime() - start;
				if (current == MEASURE) {
					histogram.record(wait);
				}
				if (this.pauseNanos > 0) {
					LockSupport.parkNanos(this.pauseNanos);
				}
			}
			this.lastTokens[caller] = last;
		}

		void start() {
			for (Thread thread : this.threads) {
				thread.start();
			}
		}

		void measure() {
			this.phase = MEASURE;
		}

		WaitHistogram stop() throws InterruptedException {
			this.phase = DONE;
			WaitHistogram merged = new WaitHistogram();
			for (int i = 0; i < this.threads.length; i++) {
				this.threads[i].join();
				merged.add(this.waits[i]);
			}
			return merged;
		}

	}

	/**
	 * Provider that is one volatile read, for the control scenario.
	 */
	private static final class FixedTokenProvider implements AccessTokenProvider {

		private volatile AccessToken token = new AccessToken("fixed-token",
				java.time.Instant.now().plus(Duration.ofHours(24)));

		@Override
		public AccessToken getAccessToken() {
			return this.token;
		}

	}

}
