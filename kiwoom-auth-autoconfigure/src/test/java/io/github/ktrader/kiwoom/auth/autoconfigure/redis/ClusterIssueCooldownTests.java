package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cluster mode under a rate-limited token endpoint: the cool-down after a failed au10001
 * sequence is the cluster's, so several instances send no more au10001 than one would.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClusterIssueCooldownTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	/**
	 * Longer than one au10001 sequence under 429 (each attempt waits out Kiwoom's 1 s
	 * window for its permit, plus the back-off: about 3.5 s), so that the other members
	 * wait for its outcome rather than give up on the lock.
	 */
	private static final Duration LEASE = Duration.ofSeconds(6);

	private static final Duration RATE_LIMITED_FOR = Duration.ofSeconds(9);

	private static final String COOL_DOWN = "kiwoom.token.transient-failure-cooldown=3s";

	/**
	 * Requests in one au10001 sequence of the default retry policy.
	 */
	private static final int SEQUENCE = 4;

	private RedisServer redis;

	private KiwoomSimulator kiwoom;

	private final List<ClusterNodes> clusters = new ArrayList<>();

	private final Queue<KiwoomException> failures = new ConcurrentLinkedQueue<>();

	@BeforeEach
	void setUp() {
		this.redis = redisServer.server();
		this.redis.start();
		this.redis.flushAll();
		this.kiwoom = KiwoomSimulator.builder()
			.appkey("CooldownAppkey" + System.nanoTime())
			.secretkey("CooldownSecretkey" + System.nanoTime())
			.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD)
			.start();
	}

	@AfterEach
	void tearDown() {
		this.clusters.forEach(ClusterNodes::close);
		this.kiwoom.close();
	}

	@Test
	void threeInstancesUnder429OnTheTokenEndpointSendNoMoreAu10001ThanOneAndAllRecover() throws Exception {
		int alone = issuesWhileRateLimited(1);
		int cluster = issuesWhileRateLimited(3);
		System.out
			.println("au10001 under 429 for " + RATE_LIMITED_FOR + ": one instance " + alone + ", three " + cluster);
		// One au10001 sequence is 4 requests (3 retries over about 2 s), then 3 s of
		// cool-down: the windows may differ by one sequence, not by one per instance
		assertThat(cluster).as("three instances against one alone (" + alone + ")")
			.isLessThanOrEqualTo(alone + SEQUENCE);
		assertThat(this.failures).as("every caller meets the error the failed au10001 met")
			.isNotEmpty()
			.allSatisfy((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.RATE_LIMITED));
	}

	/**
	 * Start the instances, let callers on each hammer them while au10001 answers 429,
	 * then let Kiwoom answer again and check that every instance recovers with one token.
	 * @return how many au10001 reached Kiwoom while it answered 429
	 */
	private int issuesWhileRateLimited(int instances) throws InterruptedException {
		ClusterNodes nodes = new ClusterNodes(this.kiwoom, this.redis, LEASE);
		this.clusters.add(nodes);
		for (int i = 0; i < instances; i++) {
			nodes.start(COOL_DOWN);
		}
		this.kiwoom.clearRequests();
		this.kiwoom.faults().httpStatus(Endpoint.TOKEN, 429);
		Queue<KiwoomException> failures = new ConcurrentLinkedQueue<>();
		long end = System.nanoTime() + RATE_LIMITED_FOR.toNanos();
		List<Thread> callers = new ArrayList<>();
		for (int i = 0; i < instances; i++) {
			int node = i;
			Thread caller = new Thread(() -> {
				while (System.nanoTime() < end) {
					try {
						nodes.quote(node);
					}
					catch (KiwoomException ex) {
						failures.add(ex);
					}
					pause();
				}
			});
			caller.start();
			callers.add(caller);
		}
		for (Thread caller : callers) {
			caller.join();
		}
		int issues = this.kiwoom.requests("/oauth2/token").size();
		this.failures.addAll(failures);
		this.kiwoom.faults().clear();
		for (int i = 0; i < instances; i++) {
			int node = i;
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptions()
				.until(() -> "삼성전자".equals(nodes.quote(node)));
		}
		assertThat(nodes.token(0)).isPresent();
		for (int i = 1; i < instances; i++) {
			assertThat(nodes.token(i)).as("one token for the cluster").isEqualTo(nodes.token(0));
		}
		nodes.close();
		return issues;
	}

	private static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
