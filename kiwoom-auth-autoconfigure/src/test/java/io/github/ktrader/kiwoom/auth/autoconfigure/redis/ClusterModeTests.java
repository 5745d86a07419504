package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.SharedTokenStore;
import io.github.ktrader.kiwoom.auth.health.KiwoomHealthIndicator;
import io.github.ktrader.kiwoom.auth.redis.RedisSharedTokenStore;
import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Cluster mode end to end: several application contexts on one appkey share one token
 * through a real {@code redis-server}, against the simulator in the mode where a new
 * token kills the old one.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterModeTests {

	private static final Duration LEASE = Duration.ofSeconds(3);

	@RegisterExtension
	static final ClusterExtension cluster = new ClusterExtension("Cluster", LEASE,
			(kiwoom) -> kiwoom.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD));

	@BeforeEach
	void setUp() {
		cluster.kiwoom().faults().rejectOverlappingIssue(true);
	}

	@Test
	void fourInstancesUnderTrafficShareOneTokenThroughInvalidationsExpiriesAndRestarts(CapturedOutput output)
			throws Exception {
		// The test kills tokens within milliseconds on purpose: no storm guard
		String[] properties = { "kiwoom.token.young-token-age=0s" };
		for (int i = 0; i < 4; i++) {
			cluster.nodes().start(properties);
		}
		List<Integer> live = new ArrayList<>(List.of(0, 1, 2, 3));
		Traffic traffic = new Traffic(cluster.nodes(), live, 8);
		traffic.start();
		try {
			awaitOneValidToken(live);
			int deaths = 0;
			for (int round = 0; round < 6; round++) {
				if (round % 2 == 0) {
					cluster.kiwoom().invalidateAllTokens();
				}
				else {
					cluster.kiwoom().clock().advance(Duration.ofHours(25));
				}
				deaths++;
				awaitOneValidToken(live);
				traffic.awaitCallsStartedAfterNow();
				if (round == 2) {
					// A rolling restart of one instance: leaves the token to the others,
					// the new one adopts it
					int old;
					synchronized (live) {
						old = live.remove(0);
					}
					traffic.awaitCallsStartedAfterNow();
					cluster.nodes().stop(old);
					int restarted = cluster.nodes().start(properties);
					synchronized (live) {
						live.add(restarted);
					}
					awaitOneValidToken(live);
					traffic.awaitCallsStartedAfterNow();
				}
			}
			traffic.stop();
			assertThat(traffic.failures()).as("failed calls").isEmpty();
			assertThat(traffic.calls()).isGreaterThan(100);
			assertThat(cluster.kiwoom().requests("/oauth2/token")).as("au10001: the first and one per death")
				.hasSize(deaths + 1);
			assertThat(cluster.kiwoom().maxConcurrentIssues()).isEqualTo(1);
			assertThat(cluster.kiwoom().requests("/oauth2/revoke")).as("nobody revokes while others remain").isEmpty();
		}
		finally {
			traffic.stop();
		}
		AccessToken shared = cluster.nodes().token(live.get(0)).orElseThrow();
		for (int node : live) {
			cluster.nodes().stop(node);
		}
		assertThat(cluster.kiwoom().requests("/oauth2/revoke")).as("the last one out revokes").hasSize(1);
		assertThat(cluster.kiwoom().revokedTokens()).containsExactly(shared.value());
		assertNoSecretsIn(output.getAll());
	}

	@Test
	void tokenReplacedByOneInstanceIsAdoptedBySiblingsWithinASecond() {
		for (int i = 0; i < 4; i++) {
			cluster.nodes().start();
		}
		for (int i = 0; i < 4; i++) {
			assertThat(cluster.nodes().quote(i)).isEqualTo("삼성전자");
		}
		AccessToken first = cluster.nodes().token(0).orElseThrow();
		// One instance replaces the token; the others adopt it from the announcement
		cluster.kiwoom().clock().advance(Duration.ofSeconds(1));
		AccessToken renewed = cluster.nodes().provider(1).renewRejected(first);
		long replaced = System.nanoTime();
		assertThat(renewed).isNotEqualTo(first);
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(
					List.of(cluster.nodes().token(0), cluster.nodes().token(2), cluster.nodes().token(3)))
				.containsOnly(Optional.of(renewed)));
		System.out.println("Siblings adopted the replaced token after "
				+ Duration.ofNanos(System.nanoTime() - replaced).toMillis() + " ms");
		assertThat(cluster.kiwoom().requests("/oauth2/token")).hasSize(2);
		for (int i = 0; i < 4; i++) {
			assertThat(cluster.nodes().quote(i)).isEqualTo("삼성전자");
		}
	}

	/**
	 * Each new token is logged once by the instance that issued it and adopted once by
	 * each sibling: the issuer's own announcement used to come back to it as an adoption.
	 * An orderly shutdown leaves no Lettuce warning behind: the subscription used to be
	 * released after Boot's connection factory had closed its connections.
	 */
	@Test
	void eachNewTokenIsAdoptedOncePerSiblingAndShutdownIsQuiet(CapturedOutput output) {
		for (int i = 0; i < 3; i++) {
			cluster.nodes().start();
		}
		for (int i = 0; i < 3; i++) {
			assertThat(cluster.nodes().quote(i)).isEqualTo("삼성전자");
		}
		AccessToken first = cluster.nodes().token(0).orElseThrow();
		awaitEveryNodeHolds(first, 3);
		cluster.kiwoom().clock().advance(Duration.ofSeconds(1));
		AccessToken second = cluster.nodes().provider(1).renewRejected(first);
		assertThat(second).isNotEqualTo(first);
		awaitEveryNodeHolds(second, 3);
		for (int i = 0; i < 3; i++) {
			cluster.nodes().stop(i);
		}
		String logs = output.getAll();
		String adopted = "Adopted the cluster's Kiwoom access token ";
		assertThat(lines(logs, "Issued Kiwoom access token " + first)).hasSize(1);
		assertThat(lines(logs, adopted + first)).as("adoptions of the first token").hasSize(2);
		assertThat(lines(logs, "Issued Kiwoom access token " + second)).hasSize(1);
		assertThat(lines(logs, adopted + second)).as("adoptions of the second token").hasSize(2);
		assertThat(cluster.kiwoom().revokedTokens()).containsExactly(second.value());
		assertThat(logs).doesNotContain("Connection is already closed");
	}

	private void awaitEveryNodeHolds(AccessToken token, int nodes) {
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			for (int i = 0; i < nodes; i++) {
				assertThat(cluster.nodes().token(i)).contains(token);
			}
		});
	}

	private static List<String> lines(String logs, String text) {
		return logs.lines().filter((line) -> line.contains(text)).toList();
	}

	@Test
	void killedHolderOfTheIssueLockBlocksOthersNoLongerThanItsLease() {
		int node = cluster.nodes().start();
		try (Connection connection = connect()) {
			LettuceConnectionFactory factory = connection.factory();
			RedisSharedTokenStore dead = new RedisSharedTokenStore(factory,
					new KiwoomCredentials(cluster.kiwoom().appkey(), cluster.kiwoom().secretkey()),
					cluster.kiwoom().url(), cluster.nodes().keyPrefix(), LEASE, Duration.ofSeconds(1),
					Clock.systemUTC());
			dead.start();
			assertThat(dead.tryLock()).isPresent();
			long start = System.nanoTime();
			// The holder dies: its lock is no longer renewed
			dead.close();
			assertThat(cluster.nodes().quote(node)).isEqualTo("삼성전자");
			Duration waited = Duration.ofNanos(System.nanoTime() - start);
			assertThat(waited).isLessThan(LEASE.plusMillis(700));
			assertThat(cluster.kiwoom().requests("/oauth2/token")).hasSize(1);
		}
	}

	@Test
	void crashedMemberDropsOutAfterItsLeaseSoTheLastLiveOneRevokes() {
		int crashed = cluster.nodes().start();
		int survivor = cluster.nodes().start();
		assertThat(cluster.nodes().quote(crashed)).isEqualTo("삼성전자");
		assertThat(cluster.nodes().quote(survivor)).isEqualTo("삼성전자");
		AccessToken shared = cluster.nodes().token(survivor).orElseThrow();
		cluster.nodes().crash(crashed);
		// Membership leases run on Redis's clock: let the crashed one's run out
		await().pollDelay(LEASE.plusMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> true);
		assertThat(cluster.nodes().quote(survivor)).isEqualTo("삼성전자");
		cluster.nodes().stop(survivor);
		assertThat(cluster.kiwoom().revokedTokens()).containsExactly(shared.value());
		assertThat(cluster.kiwoom().requests("/oauth2/token")).hasSize(1);
	}

	@Test
	void survivingMemberLeavesTheTokenWhileAnotherIsAlive() {
		int first = cluster.nodes().start();
		int second = cluster.nodes().start();
		assertThat(cluster.nodes().quote(first)).isEqualTo("삼성전자");
		assertThat(cluster.nodes().quote(second)).isEqualTo("삼성전자");
		cluster.nodes().stop(first);
		assertThat(cluster.kiwoom().requests("/oauth2/revoke")).isEmpty();
		assertThat(cluster.nodes().quote(second)).isEqualTo("삼성전자");
		cluster.nodes().stop(second);
		assertThat(cluster.kiwoom().requests("/oauth2/revoke")).hasSize(1);
		assertThat(cluster.kiwoom().requests("/oauth2/token")).hasSize(1);
	}

	@Test
	void redisStoppedAndRestartedMidRunCostsNoCallAndNoIssue() {
		int first = cluster.nodes().start();
		int second = cluster.nodes().start();
		assertThat(cluster.nodes().quote(first)).isEqualTo("삼성전자");
		assertThat(cluster.nodes().quote(second)).isEqualTo("삼성전자");
		AccessToken shared = cluster.nodes().token(first).orElseThrow();
		cluster.server().stop();
		for (int i = 0; i < 5; i++) {
			assertThat(cluster.nodes().quote(first)).isEqualTo("삼성전자");
			assertThat(cluster.nodes().quote(second)).isEqualTo("삼성전자");
		}
		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(health(first).getDetails()).containsEntry("storeStatus", "DOWN"));
		assertThat(health(first).getStatus().getCode()).isEqualTo("UP");
		cluster.server().start();
		// Redis came back empty: a member puts the token it holds back
		try (Connection connection = connect()) {
			LettuceConnectionFactory factory = connection.factory();
			StringRedisTemplate template = new StringRedisTemplate(factory);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> !template.keys(cluster.nodes().keyPrefix() + ":*:token").isEmpty());
			String stored = template.opsForValue()
				.get(template.keys(cluster.nodes().keyPrefix() + ":*:token").iterator().next());
			assertThat(stored).doesNotContain(shared.value()).doesNotContain(cluster.kiwoom().appkey());
		}
		int third = cluster.nodes().start();
		assertThat(cluster.nodes().quote(third)).isEqualTo("삼성전자");
		assertThat(cluster.nodes().token(third)).contains(shared);
		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(health(first).getDetails()).containsEntry("storeStatus", "UP"));
		assertThat(cluster.kiwoom().requests("/oauth2/token")).as("no au10001 for the outage").hasSize(1);
		// For a lease after the token was put back nobody counts as the last one out,
		// while
		// heartbeats refill the member set
		await().pollDelay(LEASE).atMost(LEASE.plusSeconds(1)).until(() -> true);
		cluster.nodes().stop(first);
		cluster.nodes().stop(second);
		cluster.nodes().stop(third);
		assertThat(cluster.kiwoom().revokedTokens()).containsExactly(shared.value());
	}

	@Test
	void redisDownAtStartupFallsBackToOneLocalTokenPerLeaseAndPublishesItLater(CapturedOutput output) {
		cluster.server().stop();
		int node = cluster.nodes().start();
		assertThat(cluster.nodes().quote(node)).isEqualTo("삼성전자");
		assertThat(output.getAll()).contains("issuing a token for this instance only");
		AccessToken local = cluster.nodes().token(node).orElseThrow();
		// Kiwoom drops it while Redis is still down: no second local token within the
		// lease
		cluster.kiwoom().invalidateAllTokens();
		assertThatExceptionOfType(KiwoomException.class).isThrownBy(() -> cluster.nodes().quote(node))
			.withMessageContaining("not issuing another");
		assertThat(cluster.kiwoom().requests("/oauth2/token")).hasSize(1);
		cluster.server().start();
		// Redis is back: the next need goes through the store and the lock again
		await().atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.until(() -> "삼성전자".equals(cluster.nodes().quote(node)));
		AccessToken shared = cluster.nodes().token(node).orElseThrow();
		assertThat(shared).isNotEqualTo(local);
		int sibling = cluster.nodes().start();
		assertThat(cluster.nodes().quote(sibling)).isEqualTo("삼성전자");
		assertThat(cluster.nodes().token(sibling)).contains(shared);
		assertThat(cluster.kiwoom().requests("/oauth2/token")).hasSize(2);
	}

	@Test
	void shutdownWithRedisDownRevokesNothing(CapturedOutput output) {
		int node = cluster.nodes().start();
		assertThat(cluster.nodes().quote(node)).isEqualTo("삼성전자");
		cluster.server().stop();
		cluster.nodes().stop(node);
		assertThat(cluster.kiwoom().requests("/oauth2/revoke")).isEmpty();
		assertThat(output.getOut()).contains("not revoking the shared token");
		assertThat(output.getOut().lines().filter((line) -> line.contains("Cluster mode:")))
			.as("every cluster line names its key pair")
			.isNotEmpty()
			.allMatch((line) -> line.endsWith("(account 'default')"));
	}

	@Test
	void tokenFromAnotherIpIsAConfigurationErrorAfterOneReissue() {
		int node = cluster.nodes().start();
		assertThat(cluster.nodes().quote(node)).isEqualTo("삼성전자");
		// Every data call answers 8010: this member leaves through another IP
		cluster.kiwoom().faults().kiwoomError(Endpoint.DATA, 3, "인증에 실패했습니다[8010:발급받은 IP와 다른 IP에서 요청]");
		assertThatExceptionOfType(KiwoomException.class).isThrownBy(() -> cluster.nodes().quote(node));
		assertThat(cluster.kiwoom().requests("/oauth2/token")).as("one re-issue").hasSize(2);
		assertThatExceptionOfType(KiwoomException.class).isThrownBy(() -> cluster.nodes().quote(node))
			.withMessageContaining("same registered public IP");
		assertThat(cluster.kiwoom().requests("/oauth2/token")).as("no more re-issues").hasSize(2);
		Health health = health(node);
		assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
		assertThat(health.getDetails().get("lastFailure")).asString().contains("same registered public IP");
	}

	private Health health(int node) {
		return new KiwoomHealthIndicator(cluster.nodes().provider(node), cluster.kiwoom().url()).health();
	}

	private Connection connect() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(cluster.server().host(), cluster.server().port()));
		factory.afterPropertiesSet();
		factory.start();
		return new Connection(factory);
	}

	private record Connection(LettuceConnectionFactory factory) implements AutoCloseable {

		@Override
		public void close() {
			this.factory.destroy();
		}

	}

	/**
	 * Wait until every live instance serves the same token and Kiwoom accepts it.
	 */
	private void awaitOneValidToken(List<Integer> all) {
		List<Integer> live;
		synchronized (all) {
			live = List.copyOf(all);
		}
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
			Set<Optional<AccessToken>> tokens = new HashSet<>();
			for (int node : live) {
				tokens.add(cluster.nodes().token(node));
			}
			if (tokens.size() != 1) {
				return false;
			}
			Optional<AccessToken> token = tokens.iterator().next();
			return token.isPresent() && cluster.kiwoom().isValid(token.get().value());
		});
	}

	private void assertNoSecretsIn(String logs) {
		assertThat(logs).doesNotContain(cluster.kiwoom().appkey()).doesNotContain(cluster.kiwoom().secretkey());
		for (String token : cluster.kiwoom().revokedTokens()) {
			assertThat(logs).doesNotContain(token);
		}
	}

	/**
	 * Threads that call ka10001 in a loop on the live instances.
	 */
	static final class Traffic {

		private final ClusterNodes nodes;

		private final List<Integer> live;

		private final AtomicBoolean stop = new AtomicBoolean();

		private final AtomicLong calls = new AtomicLong();

		private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

		/**
		 * When each thread's last finished call started.
		 */
		private final AtomicLongArray finishedStartedAt;

		private final List<Thread> threads = new ArrayList<>();

		Traffic(ClusterNodes nodes, List<Integer> live, int threads) {
			this.nodes = nodes;
			this.live = live;
			this.finishedStartedAt = new AtomicLongArray(threads);
			for (int i = 0; i < threads; i++) {
				int slot = i;
				Thread thread = new Thread(() -> run(slot), "traffic-" + i);
				thread.setDaemon(true);
				this.threads.add(thread);
			}
		}

		void start() {
			this.threads.forEach(Thread::start);
		}

		private void run(int slot) {
			while (!this.stop.get()) {
				int node;
				synchronized (this.live) {
					node = this.live.get(slot % this.live.size());
				}
				long start = System.nanoTime();
				try {
					Object name = this.nodes.quote(node);
					if (!"삼성전자".equals(name)) {
						this.failures.add(new AssertionError("Unexpected answer " + name));
					}
				}
				catch (RuntimeException ex) {
					if (!this.stop.get()) {
						this.failures.add(ex);
					}
				}
				this.calls.incrementAndGet();
				this.finishedStartedAt.set(slot, start);
			}
		}

		/**
		 * Wait until every thread finished a call it started after now, so that no call
		 * in flight still carries a token that died earlier (a call is retried once, by
		 * design, so a call meeting two deaths fails by design).
		 */
		void awaitCallsStartedAfterNow() {
			long now = System.nanoTime();
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> {
				for (int i = 0; i < this.finishedStartedAt.length(); i++) {
					if (this.finishedStartedAt.get(i) < now) {
						return false;
					}
				}
				return true;
			});
		}

		void stop() throws InterruptedException {
			this.stop.set(true);
			for (Thread thread : this.threads) {
				thread.join(10_000);
			}
		}

		List<Throwable> failures() {
			return List.copyOf(this.failures);
		}

		long calls() {
			return this.calls.get();
		}

	}

}
