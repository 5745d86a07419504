package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.ratelimit.Allowance;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances in cluster mode on one key share Kiwoom's allowance through Redis,
 * against the simulator allowing one ka10001 per second.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClusterRateLimitTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	private RedisServer redis;

	private KiwoomSimulator kiwoom;

	private ClusterNodes nodes;

	private final ExecutorService executor = Executors.newFixedThreadPool(3);

	@BeforeEach
	void setUp() {
		this.redis = redisServer.server();
		this.redis.start();
		this.redis.flushAll();
		this.kiwoom = KiwoomSimulator.builder()
			.appkey("RateAppkey" + System.nanoTime())
			.secretkey("RateSecretkey" + System.nanoTime())
			.start();
		this.nodes = new ClusterNodes(this.kiwoom, this.redis, Duration.ofSeconds(3));
	}

	@AfterEach
	void tearDown() {
		this.redis.start();
		this.nodes.close();
		this.kiwoom.close();
		this.executor.shutdownNow();
	}

	@Test
	void twoInstancesAskingTenQuotesEachShareOneAllowance() {
		this.kiwoom.rateLimits().allow("ka10001", 1);
		String[] defaults = { "kiwoom.rate-limit.per-api.rate=1", "kiwoom.rate-limit.per-api.burst=1",
				"kiwoom.rate-limit.total.rate=20", "kiwoom.rate-limit.total.burst=20",
				"kiwoom.rate-limit.max-wait=30s" };
		int one = this.nodes.start(defaults);
		int two = this.nodes.start(defaults);
		List<CompletableFuture<List<Object>>> runs = new ArrayList<>();
		for (int node : new int[] { one, two }) {
			runs.add(CompletableFuture.supplyAsync(() -> {
				List<Object> names = new ArrayList<>();
				for (int i = 0; i < 10; i++) {
					names.add(this.nodes.quote(node));
				}
				return names;
			}, this.executor));
		}
		for (CompletableFuture<List<Object>> run : runs) {
			assertThat(run.join()).hasSize(10).containsOnly("삼성전자");
		}
		assertThat(this.kiwoom.requests("/api/dostk/stkinfo")).hasSizeLessThanOrEqualTo(23);
		assertThat(this.kiwoom.rateLimits().refusedCount("ka10001")).isLessThanOrEqualTo(3);
	}

	@Test
	void allowanceOneMemberLearnedPacesTheMembersThatNeverMetARefusal() {
		this.kiwoom.rateLimits().allow("ka10001", 1);
		// Ten a second where Kiwoom allows one: only a refusal can teach the rate
		String[] tenPerSecond = { "kiwoom.rate-limit.per-api.rate=10", "kiwoom.rate-limit.per-api.burst=1",
				"kiwoom.rate-limit.max-wait=30s" };
		int one = this.nodes.start(tenPerSecond);
		int two = this.nodes.start(tenPerSecond);
		this.nodes.quote(one);
		this.nodes.quote(one);
		assertThat(this.kiwoom.rateLimits().refusedCount("ka10001")).isOne();
		// The third joins after the first learned: it reads what the first learned
		int three = this.nodes.start(tenPerSecond);
		List<CompletableFuture<List<Object>>> runs = new ArrayList<>();
		for (int node : new int[] { one, two, three }) {
			runs.add(CompletableFuture.supplyAsync(() -> {
				List<Object> names = new ArrayList<>();
				for (int i = 0; i < 2; i++) {
					names.add(this.nodes.quote(node));
				}
				return names;
			}, this.executor));
		}
		for (CompletableFuture<List<Object>> run : runs) {
			assertThat(run.join()).hasSize(2).containsOnly("삼성전자");
		}
		assertThat(this.kiwoom.rateLimits().refusedCount("ka10001")).isOne();
		for (int node : new int[] { two, three }) {
			assertThat(this.nodes.context(node).getBean(KiwoomRateLimiter.class).learnedAllowances())
				.containsEntry("ka10001", new Allowance(1, 1));
		}
	}

	@Test
	void membersWaitingForPermitsReservedBeforeAnotherMembersFirstRefusalReserveAgain() {
		this.kiwoom.rateLimits().allow("ka10001", 1);
		// Ten a second where Kiwoom allows one: only a refusal can teach the rate
		String[] tenPerSecond = { "kiwoom.rate-limit.per-api.rate=10", "kiwoom.rate-limit.per-api.burst=1",
				"kiwoom.rate-limit.max-wait=30s" };
		int[] members = { this.nodes.start(tenPerSecond), this.nodes.start(tenPerSecond),
				this.nodes.start(tenPerSecond) };
		for (int member : members) {
			this.nodes.provider(member).getAccessToken();
		}
		// All start together: the second and third take permits a tenth of a second
		// apart,
		// before the first refusal teaches one of them Kiwoom's pace
		List<CompletableFuture<List<Object>>> runs = new ArrayList<>();
		for (int member : members) {
			runs.add(CompletableFuture.supplyAsync(() -> {
				List<Object> names = new ArrayList<>();
				for (int i = 0; i < 2; i++) {
					names.add(this.nodes.quote(member));
				}
				return names;
			}, this.executor));
		}
		for (CompletableFuture<List<Object>> run : runs) {
			assertThat(run.join()).hasSize(2).containsOnly("삼성전자");
		}
		assertThat(this.kiwoom.rateLimits().refusedCount("ka10001")).isOne();
	}

}
