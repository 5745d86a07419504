package io.github.ktrader.kiwoom.auth.reliability;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault matrix of cluster mode (issue #20) at the moments a cluster exists for: a call
 * from {@code @PreDestroy} during a rolling deploy, the egress IP moving with calls in
 * flight, a new token that lives shorter than the old one, Redis losing its data before a
 * member leaves, and a rate-limited token endpoint under three instances. Each row runs
 * whole applications on the starter with {@code kiwoom.token.store=redis} against the
 * simulator (a new token kills the old one) and a real redis-server; same checks per row
 * as {@link FaultMatrixTests}: bounded shutdown, no secret shown. Outcomes go to
 * {@code target/reliability/cluster-fault-matrix.md}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterFaultMatrixTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	private static final Duration LEASE = Duration.ofSeconds(3);

	private static final Duration RATE_LIMITED_FOR = Duration.ofSeconds(6);

	/**
	 * The lease of the rate-limited row: longer than one au10001 sequence under 429 (each
	 * attempt waits out Kiwoom's 1 s window for its permit, plus the back-off: about 3.5
	 * s), so that the other members wait for its outcome; with {@link #LEASE} the lock
	 * ran out under a working issuer and a waiter gave up with {@code IO_ERROR}.
	 */
	private static final Duration RATE_LIMITED_LEASE = Duration.ofSeconds(6);

	private static final String SAMSUNG = "삼성전자";

	private static final List<String> matrix = new ArrayList<>();

	static final Queue<Object> shutdownCalls = new ConcurrentLinkedQueue<>();

	@ParameterizedTest(name = "{0}")
	@MethodSource("rows")
	void holdsAtTheMomentsItExistsFor(Row row, CapturedOutput output) throws Exception {
		shutdownCalls.clear();
		RedisServer redis = redisServer.server();
		redis.start();
		redis.flushAll();
		KiwoomSimulator.Builder builder = KiwoomSimulator.builder()
			.appkey("CLUSTERAPPKEY" + MatrixFile.randomHex())
			.secretkey("CLUSTERSECRET" + MatrixFile.randomHex())
			.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD);
		try (KiwoomSimulator simulator = builder.start()) {
			Cluster cluster = new Cluster(new FaultRun(simulator, output), redis);
			String outcome;
			try {
				outcome = row.exercise().run(cluster);
			}
			finally {
				cluster.run().shutdownAll();
			}
			assertThat(cluster.run().shutdowns()).allSatisfy(
					(took) -> assertThat(took).as("shutdown").isLessThanOrEqualTo(StarterApplication.SHUTDOWN_BUDGET));
			cluster.run().shown(outcome);
			cluster.run().assertNoSecretShown();
			record("| " + row.name() + " | " + outcome.replace("|", "\\|").replace("\n", " ") + " |");
		}
	}

	private static synchronized void record(String line) {
		matrix.add(line);
	}

	@AfterAll
	static void writeMatrix() throws IOException {
		MatrixFile.write("cluster-fault-matrix.md", List.of("case", "outcome"), matrix);
	}

	static Stream<Row> rows() {
		return Stream.of(new Row("call from @PreDestroy during a rolling deploy", ClusterFaultMatrixTests::preDestroy),
				new Row("egress IP moves once, 2 instances x 6 calls in flight", ClusterFaultMatrixTests::ipMove),
				new Row("new token lives 4 h after a 24 h one", ClusterFaultMatrixTests::shorterLivedToken),
				new Row("FLUSHALL, the token put back, then a member leaves",
						ClusterFaultMatrixTests::flushAllThenLeave),
				new Row("au10001 answers 429 for 6 s: 1 instance, then 3", ClusterFaultMatrixTests::rateLimitedIssue));
	}

	private static String preDestroy(Cluster cluster) {
		Class<?>[] cancelsOrders = { CallOnDestroy.class };
		StarterApplication leaving = cluster.start(cancelsOrders);
		StarterApplication survivor = cluster.start(cancelsOrders);
		assertThat(leaving.stockInfo()).containsEntry("stk_nm", SAMSUNG);
		assertThat(survivor.stockInfo()).containsEntry("stk_nm", SAMSUNG);
		AccessToken shared = survivor.tokenProvider().currentToken().orElseThrow();
		cluster.run().shutdown(leaving);
		assertThat(shutdownCalls).as("the leaving instance's shutdown call").containsExactly(SAMSUNG);
		KiwoomSimulator kiwoom = cluster.run().simulator();
		assertThat(kiwoom.requests("/oauth2/revoke")).as("no au10002 while the survivor runs").isEmpty();
		assertThat(survivor.stockInfo()).containsEntry("stk_nm", SAMSUNG);
		cluster.run().shutdown(survivor);
		assertThat(shutdownCalls).containsExactly(SAMSUNG, SAMSUNG);
		assertThat(kiwoom.requests("/oauth2/token")).as("nothing issued for a shutdown call").hasSize(1);
		assertThat(kiwoom.revokedTokens()).as("the last one out revokes the shared token")
			.containsExactly(shared.value());
		return "2 shutdown calls answered with the shared token; 1 au10001; no au10002 while the survivor ran, "
				+ "then 1 au10002 (the shared token) by the last one out, after its own shutdown call";
	}

	private static String ipMove(Cluster cluster) {
		int threads = 6;
		KiwoomSimulator kiwoom = cluster.run().simulator();
		kiwoom.faults().rejectOverlappingIssue(true);
		StarterApplication first = cluster.start();
		StarterApplication second = cluster.start();
		assertThat(first.stockInfo()).containsEntry("stk_nm", SAMSUNG);
		assertThat(second.stockInfo()).containsEntry("stk_nm", SAMSUNG);
		kiwoom.faults().next(Endpoint.DATA, 2 * threads).delay(Duration.ofMillis(500));
		ExecutorService executor = Executors.newFixedThreadPool(2 * threads);
		try {
			List<CompletableFuture<Map<String, Object>>> calls = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				calls.add(CompletableFuture.supplyAsync(first::stockInfo, executor));
				calls.add(CompletableFuture.supplyAsync(second::stockInfo, executor));
			}
			await().until(() -> kiwoom.requests("/api/dostk/stkinfo").size() == 2 + 2 * threads);
			kiwoom.moveEgressIp();
			assertThat(calls).as("no call lost")
				.allSatisfy((call) -> assertThat(call.join()).containsEntry("stk_nm", SAMSUNG));
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(kiwoom.requests("/oauth2/token")).as("one re-issue for the cluster").hasSize(2);
		assertThat(first.tokenProvider().currentToken()).isEqualTo(second.tokenProvider().currentToken());
		return (2 * threads) + " calls in flight met 8010, 0 failed; 1 re-issue for the cluster (2 au10001); "
				+ "both instances on the new token";
	}

	private static String shorterLivedToken(Cluster cluster) {
		KiwoomSimulator kiwoom = cluster.run().simulator();
		kiwoom.tokenLifetime(Duration.ofHours(24));
		StarterApplication idle = cluster.start();
		StarterApplication busy = cluster.start();
		assertThat(idle.stockInfo()).containsEntry("stk_nm", SAMSUNG);
		assertThat(busy.stockInfo()).containsEntry("stk_nm", SAMSUNG);
		AccessToken old = idle.tokenProvider().currentToken().orElseThrow();
		kiwoom.tokenLifetime(Duration.ofHours(4));
		AccessToken shorter = busy.tokenProvider().renewRejected(old);
		assertThat(shorter.expiresAt()).isBefore(old.expiresAt());
		await().atMost(Duration.ofSeconds(2))
			.until(() -> idle.tokenProvider().currentToken().equals(Optional.of(shorter)));
		// A few catch-up rounds later nobody has put the longer-lived old token back
		await().pollDelay(LEASE).atMost(LEASE.plusSeconds(2)).until(() -> true);
		assertThat(idle.tokenProvider().currentToken()).contains(shorter);
		assertThat(idle.stockInfo()).containsEntry("stk_nm", SAMSUNG);
		assertThat(busy.stockInfo()).containsEntry("stk_nm", SAMSUNG);
		assertThat(kiwoom.isValid(shorter.value())).isTrue();
		assertThat(kiwoom.requests("/oauth2/token")).hasSize(2);
		return "the idle instance adopted the 4 h token and kept it for a lease of catch-up rounds; "
				+ "calls on both succeed; 2 au10001, the new token still valid";
	}

	private static String flushAllThenLeave(Cluster cluster) {
		StarterApplication survivor = cluster.start();
		StarterApplication leaving = cluster.start();
		assertThat(survivor.stockInfo()).containsEntry("stk_nm", SAMSUNG);
		assertThat(leaving.stockInfo()).containsEntry("stk_nm", SAMSUNG);
		AccessToken shared = survivor.tokenProvider().currentToken().orElseThrow();
		cluster.redis().flushAll();
		StringRedisTemplate template = survivor.context().getBean(StringRedisTemplate.class);
		await().atMost(LEASE)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> !template.keys(cluster.keyPrefix() + ":*:token").isEmpty());
		cluster.run().shutdown(leaving);
		KiwoomSimulator kiwoom = cluster.run().simulator();
		assertThat(kiwoom.requests("/oauth2/revoke")).as("no au10002 of the survivor's token").isEmpty();
		assertThat(survivor.stockInfo()).containsEntry("stk_nm", SAMSUNG);
		assertThat(survivor.tokenProvider().currentToken()).contains(shared);
		assertThat(kiwoom.requests("/oauth2/token")).hasSize(1);
		return "a member put the still-valid token back with its membership; the member that left right after "
				+ "sent no au10002; the survivor's calls go on with the same token; 1 au10001";
	}

	private static String rateLimitedIssue(Cluster cluster) throws InterruptedException {
		int alone = issuesWhileRateLimited(cluster, 1);
		int three = issuesWhileRateLimited(cluster, 3);
		assertThat(three).as("three instances against one alone (" + alone + ")").isLessThanOrEqualTo(alone + 4);
		return "au10001 sent while Kiwoom answered 429: one instance " + alone + ", three instances " + three
				+ " (the cool-down is the cluster's); every caller failed fast with RATE_LIMITED; all recovered "
				+ "with one shared token";
	}

	private static int issuesWhileRateLimited(Cluster cluster, int instances) throws InterruptedException {
		KiwoomSimulator kiwoom = cluster.run().simulator();
		String keyPrefix = "reliability:" + MatrixFile.randomHex();
		List<StarterApplication> applications = new ArrayList<>();
		for (int i = 0; i < instances; i++) {
			applications.add(cluster.start("kiwoom.token.redis.key-prefix=" + keyPrefix,
					"kiwoom.token.redis.lease=" + RATE_LIMITED_LEASE.toMillis() + "ms",
					"kiwoom.token.transient-failure-cooldown=3s"));
		}
		kiwoom.clearRequests();
		kiwoom.faults().httpStatus(Endpoint.TOKEN, 429);
		Queue<KiwoomException> failures = new ConcurrentLinkedQueue<>();
		long end = System.nanoTime() + RATE_LIMITED_FOR.toNanos();
		List<Thread> callers = new ArrayList<>();
		for (StarterApplication application : applications) {
			Thread caller = new Thread(() -> {
				while (System.nanoTime() < end) {
					try {
						application.stockInfo();
					}
					catch (KiwoomException ex) {
						failures.add(ex);
					}
					await().pollDelay(Duration.ofMillis(20)).until(() -> true);
				}
			});
			caller.start();
			callers.add(caller);
		}
		for (Thread caller : callers) {
			caller.join();
		}
		int issues = kiwoom.requests("/oauth2/token").size();
		kiwoom.faults().clear();
		assertThat(failures).isNotEmpty()
			.allSatisfy((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.RATE_LIMITED));
		for (StarterApplication application : applications) {
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptions()
				.until(() -> SAMSUNG.equals(application.stockInfo().get("stk_nm")));
		}
		Optional<AccessToken> shared = applications.get(0).tokenProvider().currentToken();
		for (StarterApplication application : applications) {
			assertThat(application.tokenProvider().currentToken()).as("one token for the cluster").isEqualTo(shared);
		}
		applications.forEach(cluster.run()::shutdown);
		return issues;
	}

	/**
	 * The applications of one row, in cluster mode on one Redis.
	 */
	record Cluster(FaultRun run, RedisServer redis, String keyPrefix) {

		Cluster(FaultRun run, RedisServer redis) {
			this(run, redis, "reliability:" + MatrixFile.randomHex());
		}

		StarterApplication start(String... properties) {
			return start(new Class<?>[0], properties);
		}

		StarterApplication start(Class<?>[] sources, String... properties) {
			List<String> all = new ArrayList<>(
					List.of("kiwoom.token.store=redis", "kiwoom.token.redis.key-prefix=" + this.keyPrefix,
							"kiwoom.token.redis.lease=" + LEASE.toMillis() + "ms",
							"spring.data.redis.host=" + this.redis.host(),
							"spring.data.redis.port=" + this.redis.port(), "spring.data.redis.timeout=500ms"));
			all.addAll(List.of(properties));
			return this.run.start(sources, all.toArray(String[]::new));
		}

	}

	/**
	 * One case of the matrix.
	 */
	record Row(String name, Exercise exercise) {

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

		String run(Cluster cluster) throws Exception;

	}

	@Configuration(proxyBeanMethods = false)
	static class CallOnDestroy {

		@Bean
		DisposableBean cancelOrders(KiwoomClient client) {
			return () -> {
				try {
					Map<?, ?> info = client.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"),
							Map.class);
					shutdownCalls.add(info.get("stk_nm"));
				}
				catch (RuntimeException ex) {
					shutdownCalls.add(ex);
				}
			};
		}

	}

}
