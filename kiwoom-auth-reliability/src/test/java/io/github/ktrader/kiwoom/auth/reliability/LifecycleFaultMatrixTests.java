package io.github.ktrader.kiwoom.auth.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.TokenIssuer;
import io.github.ktrader.kiwoom.auth.client.KiwoomApiException;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.client.KiwoomRestClientConfigurer;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenIssuedEvent;
import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.RecordedRequest;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Fault matrix of the token lifecycle under failure: waiters behind a failing issue,
 * wrong keys under load, listeners that call Kiwoom or block, calls from beans being
 * destroyed, shutdown during the first issue, a wrong local clock, and two processes on
 * one key. Same checks per row as {@link FaultMatrixTests}: bounded shutdown, no secret
 * shown. Outcomes go to {@code target/reliability/lifecycle-fault-matrix.md}.
 */
@ExtendWith(OutputCaptureExtension.class)
class LifecycleFaultMatrixTests {

	private static final String STOCK_PATH = "/api/dostk/stkinfo";

	private static final String TOKEN_PATH = "/oauth2/token";

	private static final String REVOKE_PATH = "/oauth2/revoke";

	private static final List<String> matrix = new ArrayList<>();

	static final Queue<String> heard = new ConcurrentLinkedQueue<>();

	static volatile CountDownLatch listenerRelease = new CountDownLatch(0);

	static volatile ManualScheduler localClock;

	@ParameterizedTest(name = "{0}")
	@MethodSource("rows")
	void keepsWorkingOrFailsClearly(Row row, CapturedOutput output) throws Exception {
		heard.clear();
		KiwoomSimulator.Builder builder = KiwoomSimulator.builder()
			.appkey("LIFECYCLEAPPKEY" + MatrixFile.randomHex())
			.secretkey("LIFECYCLESECRET" + MatrixFile.randomHex())
			.reissueBehavior(row.reissueBehavior());
		try (KiwoomSimulator simulator = builder.start()) {
			FaultRun run = new FaultRun(simulator, output);
			String outcome;
			try {
				outcome = row.exercise().run(run);
			}
			finally {
				listenerRelease.countDown();
				run.shutdownAll();
			}
			assertThat(run.shutdowns()).allSatisfy(
					(took) -> assertThat(took).as("shutdown").isLessThanOrEqualTo(StarterApplication.SHUTDOWN_BUDGET));
			run.shown(outcome);
			run.assertNoSecretShown();
			record("| " + row.name() + " | " + outcome.replace("|", "\\|").replace("\n", " ") + " |");
		}
	}

	@BeforeAll
	static void warmUp() {
		try (KiwoomSimulator simulator = KiwoomSimulator.start();
				StarterApplication application = StarterApplication.run(simulator, "kiwoom.read-timeout=10s")) {
			for (int i = 0; i < 20; i++) {
				application.stockInfo();
			}
		}
	}

	private static synchronized void record(String line) {
		matrix.add(line);
	}

	@AfterAll
	static void writeMatrix() throws IOException {
		MatrixFile.write("lifecycle-fault-matrix.md", List.of("case", "outcome"), matrix);
	}

	static Stream<Arguments> rows() {
		List<Row> rows = new ArrayList<>();
		rows.add(row("au10001 HTTP 503 with 6 waiters", LifecycleFaultMatrixTests::waitersShareAFailedIssue));
		rows.add(row("wrong secret key under load (8 threads x 10 calls)",
				LifecycleFaultMatrixTests::wrongKeysUnderLoad));
		rows.add(
				row("listener on KiwoomTokenIssuedEvent calls Kiwoom", LifecycleFaultMatrixTests::listenerCallsKiwoom));
		rows.add(row("listener on KiwoomTokenIssuedEvent blocks", LifecycleFaultMatrixTests::listenerBlocks));
		rows.add(row("bean being destroyed calls Kiwoom", LifecycleFaultMatrixTests::destroyCallsKiwoom));
		rows.add(row("streamed answers closed before their end (20 x 512 KiB)",
				LifecycleFaultMatrixTests::streamsClosedEarly));
		rows.add(row("SIGTERM during the first au10001 (answer within the wait)",
				(run) -> shutdownDuringFirstIssue(run, Duration.ofMillis(300))));
		rows.add(row("SIGTERM during the first au10001 (answer after the wait)",
				(run) -> shutdownDuringFirstIssue(run, Duration.ofMillis(1200))));
		rows.add(row("local clock 1 h ahead, tokens of 50 min",
				(run) -> localClockAhead(run, Duration.ofHours(1), Duration.ofMinutes(50))));
		rows.add(row("local clock 9 h ahead, tokens of 4 h",
				(run) -> localClockAhead(run, Duration.ofHours(9), Duration.ofHours(4))));
		for (ReissueBehavior behavior : ReissueBehavior.values()) {
			rows.add(row("two busy processes share one key, re-issue " + behavior, behavior,
					(run) -> twoProcessesShareAKey(run, behavior)));
		}
		return rows.stream().map((row) -> Arguments.of(Named.of(row.name(), row)));
	}

	private static String waitersShareAFailedIssue(FaultRun run) throws Exception {
		run.simulator().faults().httpStatus(Endpoint.TOKEN, 503);
		StarterApplication application = run.start();
		ExecutorService executor = Executors.newFixedThreadPool(6);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Throwable>> callers = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				callers.add(executor.submit(() -> {
					start.await();
					return catchThrowable(application::stockInfo);
				}));
			}
			long begin = System.nanoTime();
			start.countDown();
			for (Future<Throwable> caller : callers) {
				Throwable failure = caller.get(30, TimeUnit.SECONDS);
				assertThat(failure).isInstanceOfSatisfying(KiwoomAuthException.class,
						(ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.SERVER_ERROR));
				run.shown(failure.getMessage());
			}
			Duration took = Duration.ofNanos(System.nanoTime() - begin);
			assertThat(run.simulator().requests(TOKEN_PATH)).as("one au10001 sequence (1 + 3 retries)").hasSize(4);
			assertThat(took).as("the last waiter waits for one sequence, not six").isLessThan(Duration.ofSeconds(8));
			return "6 callers, 1 au10001 sequence (4 requests), all SERVER_ERROR within " + took.toMillis() + " ms";
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static String wrongKeysUnderLoad(FaultRun run) throws Exception {
		String wrong = run.secret("WRONGSECRET" + MatrixFile.randomHex());
		StarterApplication application = run.start("kiwoom.secretkey=" + wrong);
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<List<Throwable>>> workers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				workers.add(executor.submit(() -> {
					List<Throwable> failures = new ArrayList<>();
					for (int call = 0; call < 10; call++) {
						failures.add(catchThrowable(application::stockInfo));
					}
					return failures;
				}));
			}
			int failed = 0;
			for (Future<List<Throwable>> worker : workers) {
				for (Throwable failure : worker.get(30, TimeUnit.SECONDS)) {
					assertThat(failure).isInstanceOfSatisfying(KiwoomAuthException.class,
							(ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.INVALID_CREDENTIALS));
					assertThat(failure.getMessage()).contains("kiwoom.appkey", "kiwoom.secretkey");
					run.shown(failure.getMessage());
					failed++;
				}
			}
			assertThat(failed).isEqualTo(80);
			assertThat(run.simulator().requests(TOKEN_PATH)).as("au10001 in one cool-down").hasSize(1);
			assertThat(run.simulator().requests(STOCK_PATH)).isEmpty();
			HealthLike health = HealthLike.of(application);
			return "80 calls failed INVALID_CREDENTIALS naming the keys; 1 au10001; state " + health;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static String listenerCallsKiwoom(FaultRun run) {
		StarterApplication application = run.start("spring.main.sources=" + CallingListener.class.getName());
		assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
		assertThat(heard).containsExactly("삼성전자");
		assertThat(run.simulator().requests(TOKEN_PATH)).as("au10001").hasSize(1);
		assertThat(run.simulator().requests(STOCK_PATH)).hasSize(2);
		return "the listener's call got the new token; 1 au10001, 2 data calls";
	}

	private static String listenerBlocks(FaultRun run) throws Exception {
		listenerRelease = new CountDownLatch(1);
		StarterApplication application = run.start("spring.main.sources=" + BlockingListener.class.getName());
		CompletableFuture<Map<String, Object>> first = CompletableFuture.supplyAsync(application::stockInfo);
		await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains("blocked"));
		long start = System.nanoTime();
		assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
		Duration other = Duration.ofNanos(System.nanoTime() - start);
		listenerRelease.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS)).containsEntry("stk_nm", "삼성전자");
		assertThat(other).as("another caller while the listener blocks").isLessThan(Duration.ofSeconds(1));
		assertThat(run.simulator().requests(TOKEN_PATH)).hasSize(1);
		return "another caller was served in " + other.toMillis() + " ms while the listener blocked; 1 au10001";
	}

	private static String destroyCallsKiwoom(FaultRun run) {
		StarterApplication application = run.start("spring.main.sources=" + CallOnDestroy.class.getName());
		assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
		run.shutdown(application);
		assertThat(heard).containsExactly("destroyed: 삼성전자");
		List<String> used = run.simulator()
			.requests(STOCK_PATH)
			.stream()
			.map((request) -> request.header("authorization").substring(7))
			.distinct()
			.toList();
		assertThat(used).hasSize(2);
		assertThat(run.simulator().revokedTokens()).containsExactlyInAnyOrderElementsOf(used);
		return "the bean's call in destroy() succeeded; its token was revoked by the provider's destroy "
				+ "(2 au10001, 2 au10002)";
	}

	private static String shutdownDuringFirstIssue(FaultRun run, Duration answerAfter) throws Exception {
		run.simulator().faults().next(Endpoint.TOKEN, 1).delay(answerAfter);
		// A read timeout well past the answer: a token Kiwoom issued but this side never
		// read could not be revoked by anyone
		StarterApplication application = run.start("kiwoom.read-timeout=3s");
		CompletableFuture<Throwable> call = CompletableFuture.supplyAsync(() -> catchThrowable(application::stockInfo));
		await().atMost(Duration.ofSeconds(5)).until(() -> !run.simulator().requests(TOKEN_PATH).isEmpty());
		Duration shutdown = run.shutdown(application);
		Throwable failure = call.get(5, TimeUnit.SECONDS);
		if (failure != null) {
			run.shown(String.valueOf(failure.getMessage()));
		}
		await().atMost(Duration.ofSeconds(3)).until(() -> run.simulator().issuedCount() == 1);
		await().atMost(Duration.ofSeconds(3))
			.alias("token revoked; the call ended with " + failure)
			.until(() -> run.simulator().revokedTokens().size() == 1);
		assertThat(run.simulator().requests(REVOKE_PATH)).hasSize(1);
		assertThat(run.simulator().requests(STOCK_PATH)).extracting(RecordedRequest::path).isEmpty();
		return "shutdown " + shutdown.toMillis() + " ms; the call failed with "
				+ ((failure instanceof KiwoomAuthException kiwoom) ? kiwoom.getKind() : String.valueOf(failure))
				+ "; the one token Kiwoom issued was revoked";
	}

	private static String localClockAhead(FaultRun run, Duration ahead, Duration lifetime) {
		run.simulator().tokenLifetime(lifetime);
		ManualScheduler clock = new ManualScheduler(Instant.now().plus(ahead));
		localClock = clock;
		StarterApplication application = run.start("spring.main.sources=" + SkewedProvider.class.getName());
		for (int minute = 0; minute < 60; minute++) {
			assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
			clock.advance(Duration.ofMinutes(1));
		}
		int issues = run.simulator().requests(TOKEN_PATH).size();
		assertThat(issues).as("au10001 in an hour of this machine's clock").isBetween(1, 2);
		assertThat(run.output().getAll()).contains("This machine's clock is");
		return "60 calls over one simulated hour, " + issues + " au10001; skew logged once";
	}

	private static String twoProcessesShareAKey(FaultRun run, ReissueBehavior behavior) throws Exception {
		StarterApplication first = run.start();
		StarterApplication second = run.start();
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger calls = new AtomicInteger();
		Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			for (StarterApplication application : List.of(first, second)) {
				for (int i = 0; i < 4; i++) {
					executor.submit(() -> {
						while (!stop.get()) {
							Throwable failure = catchThrowable(application::stockInfo);
							calls.incrementAndGet();
							if (failure != null) {
								failures.add(failure);
							}
						}
					});
				}
			}
			Thread.sleep(3000);
			stop.set(true);
			executor.shutdown();
			assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			executor.shutdownNow();
		}
		int issues = run.simulator().requests(TOKEN_PATH).size();
		failures.forEach((failure) -> run.shown(String.valueOf(failure.getMessage())));
		if (behavior == ReissueBehavior.FRESH_KILLS_OLD) {
			assertThat(issues).as("au10001 in 3 s").isLessThanOrEqualTo(10);
			assertThat(run.output().getAll()).contains("Another process is most likely using the same kiwoom.appkey",
					"kiwoom.token.store=redis");
			assertThat(failures).allSatisfy((failure) -> assertThat(failure).satisfiesAnyOf(
					(ex) -> assertThat(ex).isInstanceOf(KiwoomApiException.class),
					(ex) -> assertThat(ex).isInstanceOfSatisfying(KiwoomAuthException.class,
							(kiwoom) -> assertThat(kiwoom.getKind()).isEqualTo(KiwoomErrorKind.KEY_SHARED))));
		}
		else {
			assertThat(issues).isEqualTo(2);
			assertThat(failures).isEmpty();
		}
		return calls.get() + " calls in 3 s, " + failures.size() + " failed (typed), " + issues + " au10001"
				+ ((behavior == ReissueBehavior.FRESH_KILLS_OLD) ? "; WARN names the shared key and cluster mode" : "");
	}

	/**
	 * Stream answers as Spring advises ({@code exchange(..., false)} returning the body)
	 * and close each after 64 bytes: every connection must be released, not left open
	 * until a GC.
	 */
	private static String streamsClosedEarly(FaultRun run) throws IOException {
		int streams = 20;
		KiwoomSimulator simulator = run.simulator();
		simulator.cannedResponse("ka10081", "{\"rows\":\"" + "x".repeat(512 * 1024) + "\"}");
		StarterApplication application = run.start();
		application.stockInfo();
		RestClient client = application.context()
			.getBean(KiwoomRestClientConfigurer.class)
			.configure(RestClient.builder())
			.build();
		int before = OpenConnections.to(simulator.port());
		for (int i = 0; i < streams; i++) {
			InputStream body = client.post()
				.uri("/api/dostk/chart")
				.header("api-id", "ka10081")
				.body(Map.of("stk_cd", "005930"))
				.exchange((request, response) -> response.getBody(), false);
			assertThat(body.readNBytes(64)).hasSize(64);
			body.close();
		}
		if (!OpenConnections.countable()) {
			return streams + " streams closed after 64 bytes; open connections not counted (no /proc/net/tcp)";
		}
		// Released by close() itself: the simulator would close a forgotten connection
		// within seconds, a real server not before its own timeout
		int after = OpenConnections.to(simulator.port());
		assertThat(after).as("connections still open right after the streams were closed")
			.isLessThanOrEqualTo(before + 1);
		return streams + " streams closed after 64 bytes each; established connections to Kiwoom right after: " + after
				+ " (" + before + " before the streams)";
	}

	private static Row row(String name, Exercise exercise) {
		return new Row(name, ReissueBehavior.FRESH, exercise);
	}

	private static Row row(String name, ReissueBehavior behavior, Exercise exercise) {
		return new Row(name, behavior, exercise);
	}

	/**
	 * The provider's state in a few words.
	 */
	record HealthLike(String status, String nextAttemptAt) {

		static HealthLike of(StarterApplication application) {
			var state = application.tokenProvider().state();
			return new HealthLike(state.status().name(), String.valueOf(state.nextAttemptAt()));
		}

		@Override
		public String toString() {
			return this.status + ", next attempt " + this.nextAttemptAt;
		}

	}

	/**
	 * One case of the matrix.
	 */
	record Row(String name, ReissueBehavior reissueBehavior, Exercise exercise) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	/**
	 * What a row does; returns the outcome for the report.
	 */
	@FunctionalInterface
	interface Exercise {

		String run(FaultRun run) throws Exception;

	}

	@Configuration(proxyBeanMethods = false)
	static class CallingListener {

		@Bean
		Object callingListener(KiwoomClient client) {
			return new Object() {

				@EventListener
				void onIssued(KiwoomTokenIssuedEvent event) {
					Map<?, ?> info = client.post("ka10001", STOCK_PATH, Map.of("stk_cd", "005930"), Map.class);
					heard.add((String) info.get("stk_nm"));
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BlockingListener {

		@EventListener
		void onIssued(KiwoomTokenIssuedEvent event) throws InterruptedException {
			heard.add("blocked");
			listenerRelease.await(10, TimeUnit.SECONDS);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CallOnDestroy {

		@Bean
		DisposableBean cancelOrders(KiwoomClient client) {
			return () -> {
				Map<?, ?> info = client.post("ka10001", STOCK_PATH, Map.of("stk_cd", "005930"), Map.class);
				heard.add("destroyed: " + info.get("stk_nm"));
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SkewedProvider {

		@Bean
		CachingAccessTokenProvider skewedProvider(TokenIssuer issuer) {
			ManualScheduler clock = localClock;
			return new CachingAccessTokenProvider(issuer, clock, clock, Duration.ofMinutes(10), Duration.ZERO);
		}

	}

}
