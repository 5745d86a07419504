package io.github.ktrader.kiwoom.auth.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import io.github.ktrader.kiwoom.auth.RateLimitRefusal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomRateLimiter}, on a ticker the test moves.
 */
class KiwoomRateLimiterTests {

	/**
	 * One interval at one call per second, margin included.
	 */
	private static final long INTERVAL = new Allowance(1, 1).intervalNanos();

	private final AtomicLong ticker = new AtomicLong(-5 * INTERVAL);

	private final List<Long> sleeps = new ArrayList<>();

	private KiwoomRateLimiter limiter(RateLimitSettings settings) {
		return new KiwoomRateLimiter("default", settings, this.ticker::get, (nanos) -> {
			this.sleeps.add(nanos);
			this.ticker.addAndGet(nanos);
		}, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
	}

	private static RateLimitSettings settings(Allowance perApi, Duration maxWait) {
		RateLimitSettings defaults = RateLimitSettings.defaults();
		return new RateLimitSettings(perApi, Map.of("ka10095", new Allowance(5, 1)), defaults.total(), maxWait, 2,
				false, defaults.orderApiIds(), defaults.orderPaths());
	}

	@Test
	void firstCallPaysNoWaitAndTheNextWaitsOneInterval() {
		KiwoomRateLimiter limiter = limiter(RateLimitSettings.defaults());
		assertThat(limiter.reserve("ka10001")).isZero();
		assertThat(limiter.reserve("ka10001")).isEqualTo(INTERVAL);
		assertThat(limiter.reserve("ka10001")).isEqualTo(2 * INTERVAL);
	}

	@Test
	void apiIdsDoNotLimitEachOther() {
		KiwoomRateLimiter limiter = limiter(RateLimitSettings.defaults());
		assertThat(limiter.reserve("ka10001")).isZero();
		assertThat(limiter.reserve("ka10081")).isZero();
	}

	@Test
	void overrideSetsItsOwnRate() {
		KiwoomRateLimiter limiter = limiter(settings(new Allowance(1, 1), Duration.ofSeconds(10)));
		assertThat(limiter.reserve("ka10095")).isZero();
		assertThat(limiter.reserve("ka10095")).isEqualTo(INTERVAL / 5);
	}

	@Test
	void burstLetsCallsGoBackToBackAfterAPause() {
		KiwoomRateLimiter limiter = limiter(settings(new Allowance(1, 2), Duration.ofSeconds(10)));
		assertThat(limiter.reserve("ka10001")).isZero();
		assertThat(limiter.reserve("ka10001")).isZero();
		assertThat(limiter.reserve("ka10001")).isEqualTo(INTERVAL);
		this.ticker.addAndGet(10 * INTERVAL);
		assertThat(limiter.reserve("ka10001")).isZero();
		assertThat(limiter.reserve("ka10001")).isZero();
	}

	@Test
	void permitDueLaterThanMaxWaitIsNotReserved() {
		KiwoomRateLimiter limiter = limiter(settings(new Allowance(1, 1), Duration.ofMillis(1500)));
		assertThat(limiter.reserve("ka10001")).isZero();
		assertThat(limiter.reserve("ka10001")).isEqualTo(INTERVAL);
		assertThat(limiter.reserve("ka10001")).isEqualTo(-1);
		this.ticker.addAndGet(INTERVAL);
		assertThat(limiter.reserve("ka10001")).isEqualTo(INTERVAL);
	}

	@Test
	void keyWideBudgetPacesAllApiIds() {
		RateLimitSettings defaults = RateLimitSettings.defaults();
		KiwoomRateLimiter limiter = limiter(new RateLimitSettings(new Allowance(100, 100), Map.of(),
				new Allowance(2, 1), Duration.ofSeconds(10), 2, false, defaults.orderApiIds(), defaults.orderPaths()));
		assertThat(limiter.reserve("ka10001")).isZero();
		assertThat(limiter.reserve("ka10081")).isEqualTo(INTERVAL / 2);
	}

	@Test
	void refusalLowersAllowanceToTheStatedOneForGood() {
		KiwoomRateLimiter limiter = limiter(settings(new Allowance(5, 5), Duration.ofSeconds(10)));
		RateLimitRefusal refusal = KiwoomStatus
			.of(429, 5, "허용된 요청 개수를 초과하였습니다[1700:허용된 API 요청 개수를 초과하였습니다. 유량=1, API ID=ka10001]")
			.rateLimitRefusal();
		assertThat(limiter.reserve("ka10001")).isZero();
		limiter.refused("ka10001", refusal);
		assertThat(limiter.learnedAllowances()).containsExactly(Map.entry("ka10001", new Allowance(1, 1)));
		assertThat(limiter.reserve("ka10001")).isEqualTo(INTERVAL);
		assertThat(limiter.reserve("ka10001")).isEqualTo(2 * INTERVAL);
		limiter.refused("ka10001", KiwoomStatus.of(429, 5, "[1700:유량=3, API ID=ka10001]").rateLimitRefusal());
		assertThat(limiter.learnedAllowances()).containsExactly(Map.entry("ka10001", new Allowance(1, 1)));
	}

	@Test
	void keyWideRefusalLowersTheKeysBudget() {
		KiwoomRateLimiter limiter = limiter(RateLimitSettings.defaults());
		limiter.refused("ka10001", KiwoomStatus.of(200, 5, "[1701:총유량=4]").rateLimitRefusal());
		assertThat(limiter.learnedAllowances()).containsExactly(Map.entry("*", new Allowance(4, 4)));
	}

	@Test
	void waitsOnTheSleeperAndReportsWaitsAndRefusals() throws InterruptedException {
		KiwoomRateLimiter limiter = limiter(RateLimitSettings.defaults());
		List<String> heard = new ArrayList<>();
		limiter.setListener(new RateLimitListener() {

			@Override
			public void waited(String apiId, long nanos) {
				heard.add("waited " + apiId + " " + nanos);
			}

			@Override
			public void refused(String apiId) {
				heard.add("refused " + apiId);
			}

		});
		limiter.await(limiter.reserve("ka10001"));
		limiter.await(limiter.reserve("ka10001"));
		limiter.refused("ka10001", KiwoomStatus.of(429, null, null).rateLimitRefusal());
		assertThat(this.sleeps).containsExactly(INTERVAL);
		assertThat(heard).containsExactly("waited ka10001 0", "waited ka10001 " + INTERVAL, "refused ka10001");
	}

	@Test
	void acquireReservesAgainAfterItsWaitWhenTheBucketChanged() throws InterruptedException {
		List<Long> sleeps = new ArrayList<>();
		KiwoomRateLimiter[] limiter = new KiwoomRateLimiter[1];
		limiter[0] = new KiwoomRateLimiter("default", settings(new Allowance(10, 1), Duration.ofSeconds(10)),
				this.ticker::get, (nanos) -> {
					sleeps.add(nanos);
					this.ticker.addAndGet(nanos);
					if (sleeps.size() == 1) {
						// Another thread's call is refused while this one waits
						limiter[0].refused("ka10001",
								KiwoomStatus.of(429, 5, "[1700:유량=1, API ID=ka10001]").rateLimitRefusal());
					}
				}, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
		assertThat(limiter[0].acquire("ka10001")).isTrue();
		assertThat(limiter[0].acquire("ka10001")).isTrue();
		long tenth = new Allowance(10, 1).intervalNanos();
		assertThat(sleeps).hasSize(2);
		assertThat(sleeps.get(0)).isEqualTo(tenth);
		// One second after the refusal, not one tenth after the first call
		assertThat(sleeps.get(1)).isGreaterThanOrEqualTo(GcraBucket.WINDOW);
		assertThat(limiter[0].acquire("ka10001")).isTrue();
		assertThat(sleeps.get(2)).isEqualTo(INTERVAL);
	}

	@Test
	void acquireFailsUnsentWhenTheNewPermitIsDueAfterWhatIsLeftOfMaxWait() throws InterruptedException {
		KiwoomRateLimiter[] limiter = new KiwoomRateLimiter[1];
		limiter[0] = new KiwoomRateLimiter("default", settings(new Allowance(10, 1), Duration.ofMillis(800)),
				this.ticker::get, (nanos) -> {
					this.ticker.addAndGet(nanos);
					limiter[0].refused("ka10001",
							KiwoomStatus.of(429, 5, "[1700:유량=1, API ID=ka10001]").rateLimitRefusal());
				}, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
		assertThat(limiter[0].acquire("ka10001")).isTrue();
		assertThat(limiter[0].acquire("ka10001")).isFalse();
	}

	@Test
	void groupRefusalPacesTheApiIdsKiwoomNamedWithTheSameGroupAllowanceTogether() {
		KiwoomRateLimiter limiter = limiter(settings(new Allowance(10, 1), Duration.ofSeconds(10)));
		for (String apiId : new String[] { "ka10001", "ka10002" }) {
			limiter.refused(apiId,
					KiwoomStatus.of(429, 5, "허용된 요청 개수를 초과하였습니다[1702:허용된 요청 개수를 초과하였습니다. 총유량=2, API_ID=" + apiId + "]")
						.rateLimitRefusal());
		}
		this.ticker.addAndGet(5 * INTERVAL);
		assertThat(limiter.reserve("ka10001")).isZero();
		// Two a second for both together, not for each
		assertThat(limiter.reserve("ka10002")).isEqualTo(new Allowance(2, 1).intervalNanos());
		// An API id Kiwoom never named in a 1702 is not in the group
		assertThat(limiter.reserve("ka10081")).isZero();
		assertThat(limiter.learnedAllowances()).containsEntry("1702:2", new Allowance(2, 1))
			.containsEntry("ka10001", new Allowance(2, 1))
			.doesNotContainKey("*");
	}

	@Test
	void ordersAreNotResentUnlessAskedFor() {
		KiwoomRateLimiter limiter = limiter(RateLimitSettings.defaults());
		assertThat(limiter.mayResend(false, 1)).isTrue();
		assertThat(limiter.mayResend(false, 2)).isTrue();
		assertThat(limiter.mayResend(false, 3)).isFalse();
		assertThat(limiter.mayResend(true, 1)).isFalse();
		assertThat(limiter.settings().isOrder("kt10000", "/api/dostk/ordr")).isTrue();
		assertThat(limiter.settings().isOrder("ka10001", "/api/dostk/crdordr")).isTrue();
		assertThat(limiter.settings().isOrder("ka10001", "/api/dostk/stkinfo")).isFalse();
	}

	@Test
	void sharedOutageFallsBackToLocalBucketsAtTheMembersPart() {
		KiwoomRateLimiter limiter = limiter(settings(new Allowance(2, 1), Duration.ofSeconds(10)));
		limiter.setSharedPermits(new SharedPermits() {

			@Override
			public long reserve(String bucket, Allowance allowance, int learned, long maxWaitNanos) {
				throw new IllegalStateException("Redis down");
			}

			@Override
			public void refused(String bucket, Allowance allowance, int stated) {
				throw new IllegalStateException("Redis down");
			}

			@Override
			public void refresh(String bucket) {
				throw new IllegalStateException("Redis down");
			}

			@Override
			public int learned(String bucket) {
				return 0;
			}

			@Override
			public int liveMembers() {
				return 2;
			}

		});
		assertThat(limiter.reserve("ka10001")).isZero();
		assertThat(limiter.reserve("ka10001")).isEqualTo(INTERVAL);
	}

}
