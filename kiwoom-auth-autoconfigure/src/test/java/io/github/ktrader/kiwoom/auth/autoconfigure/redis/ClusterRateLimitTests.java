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
import org.junit.jupiter.api.AfterEach;
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
	static final ClusterExtension cluster = new ClusterExtension("Rate", Duration.ofSeconds(3));

	private final ExecutorService executor = Executors.newFixedThreadPool(3);

	@AfterEach
	void tearDown() {
		this.executor.shutdownNow();
	}

	@Test
	void twoInstancesAskingTenQuotesEachShareOneAllowance() {
		cluster.kiwoom().rateLimits().allow("ka10001", 1);
		String[] defaults = { "kiwoom.rate-limit.per-api.rate=1", "kiwoom.rate-limit.per-api.burst=1",
				"kiwoom.rate-limit.total.rate=20", "kiwoom.rate-limit.total.burst=20",
				"kiwoom.rate-limit.max-wait=30s" };
		int one = cluster.nodes().start(defaults);
		int two = cluster.nodes().start(defaults);
		List<CompletableFuture<List<Object>>> runs = new ArrayList<>();
		for (int node : new int[] { one, two }) {
			runs.add(CompletableFuture.supplyAsync(() -> {
				List<Object> names = new ArrayList<>();
				for (int i = 0; i < 10; i++) {
					names.add(cluster.nodes().quote(node));
				}
				return names;
			}, this.executor));
		}
		for (CompletableFuture<List<Object>> run : runs) {
			assertThat(run.join()).hasSize(10).containsOnly("삼성전자");
		}
		assertThat(cluster.kiwoom().requests("/api/dostk/stkinfo")).hasSizeLessThanOrEqualTo(23);
		assertThat(cluster.kiwoom().rateLimits().refusedCount("ka10001")).isLessThanOrEqualTo(3);
	}

	@Test
	void allowanceOneMemberLearnedPacesTheMembersThatNeverMetARefusal() {
		cluster.kiwoom().rateLimits().allow("ka10001", 1);
		// Ten a second where Kiwoom allows one: only a refusal can teach the rate
		String[] tenPerSecond = { "kiwoom.rate-limit.per-api.rate=10", "kiwoom.rate-limit.per-api.burst=1",
				"kiwoom.rate-limit.max-wait=30s" };
		int one = cluster.nodes().start(tenPerSecond);
		int two = cluster.nodes().start(tenPerSecond);
		cluster.nodes().quote(one);
		cluster.nodes().quote(one);
		assertThat(cluster.kiwoom().rateLimits().refusedCount("ka10001")).isOne();
		// The third joins after the first learned: it reads what the first learned
		int three = cluster.nodes().start(tenPerSecond);
		List<CompletableFuture<List<Object>>> runs = new ArrayList<>();
		for (int node : new int[] { one, two, three }) {
			runs.add(CompletableFuture.supplyAsync(() -> {
				List<Object> names = new ArrayList<>();
				for (int i = 0; i < 2; i++) {
					names.add(cluster.nodes().quote(node));
				}
				return names;
			}, this.executor));
		}
		for (CompletableFuture<List<Object>> run : runs) {
			assertThat(run.join()).hasSize(2).containsOnly("삼성전자");
		}
		assertThat(cluster.kiwoom().rateLimits().refusedCount("ka10001")).isOne();
		for (int node : new int[] { two, three }) {
			assertThat(cluster.nodes().context(node).getBean(KiwoomRateLimiter.class).learnedAllowances())
				.containsEntry("ka10001", new Allowance(1, 1));
		}
	}

	@Test
	void membersWaitingForPermitsReservedBeforeAnotherMembersFirstRefusalReserveAgain() {
		cluster.kiwoom().rateLimits().allow("ka10001", 1);
		// Ten a second where Kiwoom allows one: only a refusal can teach the rate
		String[] tenPerSecond = { "kiwoom.rate-limit.per-api.rate=10", "kiwoom.rate-limit.per-api.burst=1",
				"kiwoom.rate-limit.max-wait=30s" };
		int[] members = { cluster.nodes().start(tenPerSecond), cluster.nodes().start(tenPerSecond),
				cluster.nodes().start(tenPerSecond) };
		for (int member : members) {
			cluster.nodes().provider(member).getAccessToken();
		}
		// All start together: the second and third take permits a tenth of a second
		// apart,
		// before the first refusal teaches one of them Kiwoom's pace
		List<CompletableFuture<List<Object>>> runs = new ArrayList<>();
		for (int member : members) {
			runs.add(CompletableFuture.supplyAsync(() -> {
				List<Object> names = new ArrayList<>();
				for (int i = 0; i < 2; i++) {
					names.add(cluster.nodes().quote(member));
				}
				return names;
			}, this.executor));
		}
		for (CompletableFuture<List<Object>> run : runs) {
			assertThat(run.join()).hasSize(2).containsOnly("삼성전자");
		}
		assertThat(cluster.kiwoom().rateLimits().refusedCount("ka10001")).isOne();
	}

}
