package io.github.ktrader.kiwoom.auth.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import io.github.ktrader.kiwoom.auth.ratelimit.RateLimitListener;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Pacing against a loopback Kiwoom that allows {@code N} ka10001 calls per second
 * ({@link KiwoomSimulator}'s allowances: HTTP 429 with {@code 유량=N} past it), with the
 * starter configured for twice that, so that it learns Kiwoom's allowance from the first
 * refusal:
 * <ol>
 * <li><b>One instance</b>: 4 threads call ka10001 as fast as the starter lets them for
 * the given time: the calls answered per second against {@code N}, and Kiwoom's refusals
 * (target: at least 95 % of {@code N}, no refusal after the first);</li>
 * <li><b>Cluster</b>: 3 instances in cluster mode on one key (one {@code redis-server} of
 * their own), 4 threads each: the calls answered per second together against {@code N},
 * and each member's refusals (target: within {@code N}, at most 1 refusal per
 * member).</li>
 * </ol>
 * Prints a plain-text report that {@code benchmarks/run} appends to the markdown
 * fragment. The cost of pacing on a call whose permit is free is
 * {@link PacingBenchmark}'s.
 *
 * @since 0.1.0
 */
public final class RateLimitBenchmark {

	static final String REPORT_TITLE = "Rate limit figures";

	private static final int THREADS = 4;

	private static final int MEMBERS = 3;

	private RateLimitBenchmark() {
	}

	/**
	 * Run both measurements and print the report.
	 * @param args Kiwoom's allowance {@code N}, the seconds of the one-instance run and
	 * of the cluster run, such as {@code 5 30 20} (the defaults)
	 * @throws Exception if a measurement fails
	 */
	public static void main(String[] args) throws Exception {
		int allowance = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		int seconds = (args.length > 1) ? Integer.parseInt(args[1]) : 30;
		int clusterSeconds = (args.length > 2) ? Integer.parseInt(args[2]) : 20;
		StringBuilder report = new StringBuilder(REPORT_TITLE).append('\n');
		report.append(String.format(Locale.ROOT,
				"Kiwoom (the simulator) allows %d ka10001 per second (any 1 s window; HTTP 429, 유량=%d past it); "
						+ "the starter is configured for %d (kiwoom.rate-limit.apis.ka10001.rate) and learns %d from "
						+ "the first refusal; %d threads per instance%n",
				allowance, allowance, 2 * allowance, allowance, THREADS));
		try (KiwoomSimulator kiwoom = KiwoomSimulator.builder().start()) {
			kiwoom.rateLimits().allow("ka10001", allowance);
			oneInstance(kiwoom, allowance, seconds, report);
			if (ClusterInstances.redisServerBinary() == null) {
				report.append("\nCluster: SKIPPED, no redis-server binary (set " + ClusterInstances.REDIS_SERVER
						+ " or put it on the PATH)\n");
			}
			else {
				try (RedisServer redis = ClusterInstances.startRedis()) {
					cluster(kiwoom, redis, allowance, clusterSeconds, report);
				}
			}
		}
		System.out.print(report);
	}

	private static void oneInstance(KiwoomSimulator kiwoom, int allowance, int seconds, StringBuilder report)
			throws Exception {
		try (ConfigurableApplicationContext context = MinimalApplication
			.builder(true, properties(kiwoom, allowance, "kiwoom.token.revoke-on-shutdown=false"))
			.run()) {
			context.getBean(AccessTokenProvider.class).getAccessToken();
			RefusalCounter refusals = RefusalCounter.on(context);
			int before = kiwoom.rateLimits().refusedCount("ka10001");
			long start = System.nanoTime();
			Figures figures = call(1, (member) -> context.getBean(KiwoomClient.class), seconds);
			int refused = kiwoom.rateLimits().refusedCount("ka10001") - before;
			double perSecond = figures.answered() / (double) seconds;
			report.append(String.format(Locale.ROOT,
					"%nOne instance, %d threads, %d s: %d calls answered = %.2f per second = %.1f %% of N = %d "
							+ "(target >= 95 %%: %s); Kiwoom refused %d (the instance saw %d; target: none after the "
							+ "first: %s), at %s; %d calls failed RATE_LIMITED, %d otherwise; longest call %.0f ms%n",
					THREADS, seconds, figures.answered(), perSecond, 100 * perSecond / allowance, allowance,
					metOrNot(perSecond >= 0.95 * allowance), refused, refusals.count(), metOrNot(refused <= 1),
					refusals.times(start), figures.rateLimited(), figures.failed(), figures.longestNanos() / 1e6));
		}
	}

	private static void cluster(KiwoomSimulator kiwoom, RedisServer redis, int allowance, int seconds,
			StringBuilder report) throws Exception {
		try (ClusterInstances instances = new ClusterInstances(kiwoom, redis, Duration.ofSeconds(5))) {
			List<RefusalCounter> counters = new ArrayList<>();
			for (int member = 0; member < MEMBERS; member++) {
				int index = instances.start(rateLimitProperties(allowance));
				instances.provider(index).getAccessToken();
				counters.add(RefusalCounter.on(instances.context(index)));
			}
			int before = kiwoom.rateLimits().refusedCount("ka10001");
			long start = System.nanoTime();
			Figures figures = call(MEMBERS, (member) -> instances.context(member).getBean(KiwoomClient.class), seconds);
			int refused = kiwoom.rateLimits().refusedCount("ka10001") - before;
			double perSecond = figures.answered() / (double) seconds;
			StringBuilder each = new StringBuilder();
			int most = 0;
			for (int member = 0; member < MEMBERS; member++) {
				int count = counters.get(member).count();
				most = Math.max(most, count);
				each.append((member > 0) ? ", " : "")
					.append(figures.answeredBy()[member])
					.append(" answered / ")
					.append(count)
					.append(" refused");
				if (count > 0) {
					each.append(" (at ").append(counters.get(member).times(start)).append(')');
				}
			}
			report.append(String.format(Locale.ROOT,
					"%nCluster of %d instances on one key (Redis-shared buckets), %d threads each, %d s: %d calls "
							+ "answered = %.2f per second together = %.1f %% of N = %d (target: within N: %s); Kiwoom "
							+ "refused %d; per member: %s (target: at most 1 refusal per member: %s); %d calls "
							+ "failed RATE_LIMITED, %d otherwise; longest call %.0f ms%n",
					MEMBERS, THREADS, seconds, figures.answered(), perSecond, 100 * perSecond / allowance, allowance,
					metOrNot(perSecond <= allowance * (1 + 1.0 / seconds)), refused, each, metOrNot(most <= 1),
					figures.rateLimited(), figures.failed(), figures.longestNanos() / 1e6));
		}
	}

	/**
	 * Call ka10001 from {@link #THREADS} threads per member until the time is up; count
	 * the answers that arrived in time.
	 */
	private static Figures call(int members, IntFunction<KiwoomClient> clients, int seconds) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(members * THREADS);
		try {
			long start = System.nanoTime();
			long end = start + Duration.ofSeconds(seconds).toNanos();
			List<Future<long[]>> futures = new ArrayList<>();
			for (int member = 0; member < members; member++) {
				KiwoomClient client = clients.apply(member);
				for (int thread = 0; thread < THREADS; thread++) {
					futures.add(executor.submit(() -> callUntil(client, end)));
				}
			}
			int[] answeredBy = new int[members];
			int answered = 0;
			int rateLimited = 0;
			int failed = 0;
			long longest = 0;
			for (int i = 0; i < futures.size(); i++) {
				long[] counts = futures.get(i).get();
				answeredBy[i / THREADS] += (int) counts[0];
				answered += (int) counts[0];
				rateLimited += (int) counts[1];
				failed += (int) counts[2];
				longest = Math.max(longest, counts[3]);
			}
			return new Figures(answered, answeredBy, rateLimited, failed, longest);
		}
		finally {
			executor.shutdownNow();
		}
	}

	// answered in time, failed RATE_LIMITED, failed otherwise, longest call (ns)
	private static long[] callUntil(KiwoomClient client, long end) {
		long[] counts = new long[4];
		Map<String, String> request = Map.of("stk_cd", "005930");
		while (System.nanoTime() < end) {
			long start = System.nanoTime();
			try {
				client.post("ka10001", "/api/dostk/stkinfo", request, Map.class);
				long now = System.nanoTime();
				if (now <= end) {
					counts[0]++;
				}
				counts[3] = Math.max(counts[3], now - start);
			}
			catch (KiwoomException ex) {
				counts[(ex.getKind() == KiwoomErrorKind.RATE_LIMITED) ? 1 : 2]++;
			}
			catch (RuntimeException ex) {
				counts[2]++;
			}
		}
		return counts;
	}

	private static String[] properties(KiwoomSimulator kiwoom, int allowance, String... more) {
		List<String> all = new ArrayList<>(List.of("kiwoom.host=" + kiwoom.url(), "kiwoom.appkey=" + kiwoom.appkey(),
				"kiwoom.secretkey=" + kiwoom.secretkey()));
		all.addAll(List.of(rateLimitProperties(allowance)));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	private static String[] rateLimitProperties(int allowance) {
		return new String[] { "kiwoom.rate-limit.apis.ka10001.rate=" + (2 * allowance),
				"kiwoom.rate-limit.total.rate=1000", "kiwoom.rate-limit.total.burst=1000" };
	}

	private static String metOrNot(boolean met) {
		return (met ? Verdict.MET : Verdict.NOT_MET).toString();
	}

	/**
	 * What the calling threads saw.
	 */
	private record Figures(int answered, int[] answeredBy, int rateLimited, int failed, long longestNanos) {

	}

	/**
	 * Counts the refusals one instance's pacing hears of.
	 */
	private static final class RefusalCounter implements RateLimitListener {

		private final AtomicInteger refused = new AtomicInteger();

		private final List<Long> times = new CopyOnWriteArrayList<>();

		static RefusalCounter on(ConfigurableApplicationContext context) {
			RefusalCounter counter = new RefusalCounter();
			context.getBean(KiwoomRateLimiter.class).setListener(counter);
			return counter;
		}

		@Override
		public void refused(String apiId) {
			this.refused.incrementAndGet();
			this.times.add(System.nanoTime());
		}

		/**
		 * Return when the refusals came, in seconds after {@code start}, such as
		 * {@code 0.61 s, 0.72 s}.
		 */
		String times(long start) {
			StringBuilder text = new StringBuilder();
			for (long time : this.times) {
				text.append((text.length() > 0) ? ", " : "")
					.append(String.format(Locale.ROOT, "%.2f s", (time - start) / 1e9));
			}
			return text.toString();
		}

		int count() {
			return this.refused.get();
		}

	}

}
