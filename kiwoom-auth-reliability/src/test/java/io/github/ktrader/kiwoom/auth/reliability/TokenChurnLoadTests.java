package io.github.ktrader.kiwoom.auth.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.SimulatorClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load with token churn: 64 threads call ka10001 through the starter for 22 s while the
 * simulator invalidates the token every 4 s and tokens expire after 3 s.
 * <p>
 * The test thread drives the simulator clock in step with real time and is the only
 * source of churn, so it counts exactly the tokens that died while the starter held them
 * as current: an <em>invalidation</em> is {@code invalidateAllTokens()} while the current
 * token is valid; an <em>expiry</em> is a clock step that passes the current token's
 * {@code expires_dt}. Between a death and the starter's next valid token the clock stands
 * still and no churn happens, so every au10001 is accounted for: the first one, then
 * exactly one per death. Renewals would add au10001 that no death explains; none are
 * expected because a renewal is never planned before half of the 30 s minimum validity
 * the starter assumes for a token whose stated lifetime (3 s) is under 5 s, too short to
 * be anything but a clock fault.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenChurnLoadTests {

	private static final int THREADS = 64;

	private static final Duration RUN_TIME = Duration.ofSeconds(22);

	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3);

	private static final Duration INVALIDATE_EVERY = Duration.ofSeconds(4);

	/**
	 * Age a token must reach before the driver kills it. The driver also waits until
	 * every call in flight started under the current token: the starter retries a
	 * rejected call once, by design, so a call that meets two deaths fails by design.
	 */
	private static final Duration MIN_TOKEN_AGE = Duration.ofMillis(300);

	private static final Duration TICK = Duration.ofMillis(10);

	@Test
	@Timeout(value = 90, unit = TimeUnit.SECONDS)
	void everyCallSucceedsWhileTokensAreInvalidatedAndExpire(CapturedOutput output) throws Exception {
		SimulatorClock clock = new SimulatorClock(Instant.now());
		try (KiwoomSimulator simulator = KiwoomSimulator.builder()
			.appkey("LOADAPPKEY" + System.nanoTime())
			.secretkey("LOADSECRETKEY" + System.nanoTime())
			.tokenLifetime(TOKEN_LIFETIME)
			.clock(clock)
			.start()) {
			// An au10001 overlapping another would be refused: it would show as a failure
			simulator.faults().rejectOverlappingIssue(true);
			StarterApplication application = StarterApplication.run(simulator, "kiwoom.read-timeout=10s",
					"kiwoom.connect-timeout=5s", "kiwoom.token.renew-before=1s", "kiwoom.token.renew-jitter=0s");
			CachingAccessTokenProvider provider = application.tokenProvider();
			AtomicBoolean stop = new AtomicBoolean();
			AtomicLong calls = new AtomicLong();
			AtomicLong slowestNanos = new AtomicLong();
			Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
			CountDownLatch done = new CountDownLatch(THREADS);
			AtomicLongArray callStarts = new AtomicLongArray(THREADS);
			List<Thread> workers = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				int slot = i;
				callStarts.set(slot, Long.MAX_VALUE);
				Thread worker = new Thread(() -> {
					try {
						while (!stop.get()) {
							long start = System.nanoTime();
							callStarts.set(slot, start);
							try {
								Object name = application.stockInfo().get("stk_nm");
								if (!"삼성전자".equals(name)) {
									failures.add(new AssertionError("Unexpected answer " + name));
								}
							}
							catch (RuntimeException ex) {
								failures.add(ex);
							}
							callStarts.set(slot, Long.MAX_VALUE);
							calls.incrementAndGet();
							slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
						}
					}
					finally {
						done.countDown();
					}
				}, "load-" + i);
				worker.setDaemon(true);
				workers.add(worker);
			}
			long started = System.nanoTime();
			workers.forEach(Thread::start);
			Churn churn = drive(simulator, clock, provider, callStarts, started);
			// Let the last death be healed before the calls stop
			awaitValidToken(simulator, provider);
			stop.set(true);
			assertThat(done.await(30, TimeUnit.SECONDS)).as("workers stopped").isTrue();
			Duration ran = Duration.ofNanos(System.nanoTime() - started);
			int issues = simulator.requests("/oauth2/token").size();
			Duration shutdown = application.closeAndMeasure();

			assertThat(failures).as("failed calls").isEmpty();
			assertThat(ran).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
			assertThat(churn.invalidations()).isGreaterThanOrEqualTo(3);
			assertThat(churn.expiries()).isGreaterThanOrEqualTo(3);
			assertThat(issues).as("au10001 = invalidations + expiries + 1")
				.isEqualTo(churn.invalidations() + churn.expiries() + 1);
			assertThat(simulator.issuedCount()).isEqualTo(issues);
			assertThat(simulator.maxConcurrentIssues()).as("au10001 in flight at once").isEqualTo(1);
			assertThat(shutdown).isLessThanOrEqualTo(StarterApplication.SHUTDOWN_BUDGET);
			String logs = output.getAll();
			for (String secret : StarterApplication.secretsSeenBy(simulator)) {
				assertThat(logs).doesNotContain(secret);
			}
			writeFigures(calls.get(), ran, churn, issues, simulator.maxConcurrentIssues(),
					Duration.ofNanos(slowestNanos.get()), shutdown);
		}
	}

	/**
	 * Move the simulator clock with real time and kill the current token now and then,
	 * until the run time is over.
	 */
	private Churn drive(KiwoomSimulator simulator, SimulatorClock clock, CachingAccessTokenProvider provider,
			AtomicLongArray callStarts, long started) throws InterruptedException {
		int invalidations = 0;
		int expiries = 0;
		long last = System.nanoTime();
		long nextInvalidation = started + INVALIDATE_EVERY.toNanos();
		AccessToken seen = null;
		long seenSince = last;
		while (System.nanoTime() - started < RUN_TIME.toNanos()) {
			Thread.sleep(TICK.toMillis());
			long now = System.nanoTime();
			long elapsed = now - last;
			last = now;
			AccessToken current = provider.currentToken().orElse(null);
			if (current == null || !simulator.isValid(current.value())) {
				// Between a death and the next token: time stands still, no churn
				continue;
			}
			if (!current.equals(seen)) {
				seen = current;
				seenSince = now;
			}
			boolean mayKill = now - seenSince >= MIN_TOKEN_AGE.toNanos() && oldestCallInFlight(callStarts) > seenSince;
			if (mayKill && now >= nextInvalidation) {
				simulator.invalidateAllTokens();
				invalidations++;
				nextInvalidation = now + INVALIDATE_EVERY.toNanos();
				continue;
			}
			Instant next = clock.instant().plusNanos(elapsed);
			if (!next.isBefore(current.expiresAt())) {
				if (!mayKill) {
					continue;
				}
				expiries++;
			}
			clock.set(next);
		}
		return new Churn(invalidations, expiries);
	}

	private static long oldestCallInFlight(AtomicLongArray callStarts) {
		long oldest = Long.MAX_VALUE;
		for (int i = 0; i < callStarts.length(); i++) {
			oldest = Math.min(oldest, callStarts.get(i));
		}
		return oldest;
	}

	private static void awaitValidToken(KiwoomSimulator simulator, CachingAccessTokenProvider provider)
			throws InterruptedException {
		for (int i = 0; i < 500; i++) {
			AccessToken current = provider.currentToken().orElse(null);
			if (current != null && simulator.isValid(current.value())) {
				return;
			}
			Thread.sleep(10);
		}
		throw new AssertionError("The starter did not get a valid token within 5 s");
	}

	private static void writeFigures(long calls, Duration ran, Churn churn, int issues, int maxConcurrentIssues,
			Duration slowest, Duration shutdown) throws IOException {
		Path dir = Path.of("target", "reliability");
		Files.createDirectories(dir);
		List<String> lines = List.of("| figure | value |", "|---|---|", "| threads | " + THREADS + " |",
				"| run time | " + ran.toMillis() + " ms |", "| calls | " + calls + " |",
				"| calls per second | " + (calls * 1000 / Math.max(1, ran.toMillis())) + " |", "| failed calls | 0 |",
				"| invalidations (token valid, then invalidateAllTokens) | " + churn.invalidations() + " |",
				"| expiries (clock passed the current token's expires_dt) | " + churn.expiries() + " |",
				"| au10001 requests | " + issues + " |", "| max au10001 in flight | " + maxConcurrentIssues + " |",
				"| slowest call | " + slowest.toMillis() + " ms |", "| shutdown | " + shutdown.toMillis() + " ms |");
		Files.write(dir.resolve("load.md"), lines);
	}

	/**
	 * What the driver did to the tokens.
	 */
	record Churn(int invalidations, int expiries) {

	}

}
