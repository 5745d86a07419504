package io.github.ktrader.kiwoom.auth.benchmarks;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.redis.RedisSharedTokenStore;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static io.github.ktrader.kiwoom.auth.benchmarks.ClusterFigures.counts;
import static io.github.ktrader.kiwoom.auth.benchmarks.ClusterFigures.millis;
import static io.github.ktrader.kiwoom.auth.benchmarks.ClusterFigures.percentile;

/**
 * Cluster-mode figures, on one simulator (in the mode where a new token kills the old
 * one, overlapping au10001 rejected) and one {@code redis-server} of its own:
 * <ol>
 * <li><b>Adoption</b>: four instances; in turn, one replaces the shared token
 * ({@code renewRejected}, which publishes before it returns) and a poller reads the three
 * others' {@code getAccessToken()} every 20 µs until each returns the new token. The time
 * from the publish to each sibling's lookup returning the new token, pooled over every
 * renewal: p50, p99, worst.</li>
 * <li><b>au10001 per renewal</b>: the same renewals, then rounds in which Kiwoom kills
 * the token and all four instances call ka10001 at once, each seeing the rejection:
 * au10001 counted per round, and the time until all four have their answer.</li>
 * <li><b>Lock takeover</b>: one instance; a fake owner takes the issue lock through a
 * store of its own and dies at once (its lock is never renewed nor released). Kiwoom
 * kills the token, the instance's call sees the rejection and must wait for the lock: the
 * time from the lock taken to the call's answer, against the lease.</li>
 * </ol>
 * Prints a plain-text report that {@code benchmarks/run} appends to the markdown
 * fragment.
 *
 * @since 0.1.0
 */
public final class ClusterBenchmark {

	private static final int INSTANCES = 4;

	private static final Duration LEASE = Duration.ofSeconds(1);

	private static final long POLL_NANOS = 20_000;

	private static final long GIVE_UP_NANOS = Duration.ofSeconds(5).toNanos();

	static final String REPORT_TITLE = "Cluster mode figures";

	private static final StringBuilder report = new StringBuilder();

	private ClusterBenchmark() {
	}

	/**
	 * Run the three measurements and print the report.
	 * @param args the number of renewals, concurrent-rejection rounds and lock takeovers,
	 * such as {@code 100 30 5} (the defaults)
	 * @throws Exception if a measurement fails
	 */
	public static void main(String[] args) throws Exception {
		int renewals = (args.length > 0) ? Integer.parseInt(args[0]) : 100;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 30;
		int takeovers = (args.length > 2) ? Integer.parseInt(args[2]) : 5;
		long start = System.nanoTime();
		try (RedisServer redis = ClusterInstances.startRedis()) {
			try (KiwoomSimulator kiwoom = simulator()) {
				adoptionAndIssues(kiwoom, redis, renewals, rounds);
			}
			try (KiwoomSimulator kiwoom = simulator()) {
				lockTakeover(kiwoom, redis, takeovers);
			}
		}
		say("(cluster part: %.0f s)%n", (System.nanoTime() - start) / 1e9);
		// After the applications' logs, for benchmarks/run to cut out
		System.out.println(REPORT_TITLE);
		System.out.print(report);
		// Lettuce's and the simulator's threads are not all daemons
		System.exit(0);
	}

	private static KiwoomSimulator simulator() {
		KiwoomSimulator kiwoom = KiwoomSimulator.builder().reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD).start();
		kiwoom.faults().rejectOverlappingIssue(true);
		return kiwoom;
	}

	private static void adoptionAndIssues(KiwoomSimulator kiwoom, RedisServer redis, int renewals, int rounds)
			throws Exception {
		try (ClusterInstances cluster = new ClusterInstances(kiwoom, redis, LEASE)) {
			for (int i = 0; i < INSTANCES; i++) {
				// Renewals come every few milliseconds on purpose: no rejection-storm
				// guard
				cluster.start("kiwoom.token.young-token-age=0s");
			}
			for (int i = 0; i < INSTANCES; i++) {
				Checks.state("삼성전자".equals(cluster.quote(i)), "instance " + i + " got no answer");
			}
			Checks.state(kiwoom.requests("/oauth2/token").size() == 1,
					"four instances started with more than one au10001");
			// Warm-up: the JIT and the connections, not counted
			measurePublishToAdoption(kiwoom, cluster, Math.min(20, renewals));
			Adoption adoption = measurePublishToAdoption(kiwoom, cluster, renewals);
			long[] waits = adoption.waits();
			say("Adoption of a published token (%d instances, %d tokens, %d lookups):%n", INSTANCES, renewals,
					waits.length);
			say("  from the publish call to an instance's getAccessToken() returning it: p50 %s, p99 %s, worst %s%n",
					millis(percentile(waits, 0.50)), millis(percentile(waits, 0.99)), millis(percentile(waits, 1.0)));
			say("  (the publish call itself, until Redis answered: p50 %s, p99 %s)%n",
					millis(percentile(adoption.renewals(), 0.50)), millis(percentile(adoption.renewals(), 0.99)));
			Adoption rotation = measureRenewals(kiwoom, cluster, renewals);
			say("Renewals by the instances in turn (%d renewals, %d sibling lookups):%n", renewals,
					rotation.waits().length);
			say("  au10001 per renewal: %s%n", counts(rotation.issues()));
			say("  the renewal (au10001 and publish): p50 %s, p99 %s; siblings had the token %s after it "
					+ "returned at p50, %s at p99%n", millis(percentile(rotation.renewals(), 0.50)),
					millis(percentile(rotation.renewals(), 0.99)), millis(percentile(rotation.waits(), 0.50)),
					millis(percentile(rotation.waits(), 0.99)));
			say("%n");
			concurrentRejections(kiwoom, cluster, rounds);
		}
	}

	/**
	 * A fifth member, the publisher, issues each token itself (au10001 on the simulator)
	 * and publishes it through a store of its own, so that the publish moment is known:
	 * all four instances are siblings. A publish returns once Redis ran the script, whose
	 * PUBLISH went out before its answer: the clock starts just before the call, an upper
	 * bound by one loopback round trip.
	 */
	private static Adoption measurePublishToAdoption(KiwoomSimulator kiwoom, ClusterInstances cluster, int renewals) {
		RedisSharedTokenStore publisher = cluster.memberStore();
		HttpClient http = HttpClient.newHttpClient();
		long[] waits = new long[renewals * INSTANCES];
		long[] publishes = new long[renewals];
		int waited = 0;
		try {
			for (int round = 0; round < renewals; round++) {
				kiwoom.clock().advance(Duration.ofSeconds(1));
				AccessToken token = DirectIssuer.issue(http, kiwoom);
				long published = System.nanoTime();
				Checks.state(publisher.publish(token), "the publisher's token was not stored");
				publishes[round] = System.nanoTime() - published;
				long[] seen = awaitAdoption(cluster, token, -1, published);
				for (long wait : seen) {
					waits[waited++] = wait;
				}
			}
		}
		finally {
			publisher.close();
		}
		return new Adoption(waits, publishes, Map.of(1, renewals));
	}

	/**
	 * The instances renew in turn ({@code renewRejected}, which publishes before it
	 * returns): au10001 per renewal, and how soon after the return the siblings have it.
	 */
	private static Adoption measureRenewals(KiwoomSimulator kiwoom, ClusterInstances cluster, int renewals) {
		long[] waits = new long[renewals * (INSTANCES - 1)];
		long[] times = new long[renewals];
		Map<Integer, Integer> issues = new TreeMap<>();
		int waited = 0;
		for (int round = 0; round < renewals; round++) {
			int issuer = round % INSTANCES;
			AccessToken old = cluster.provider(issuer).getAccessToken();
			// A later issue time, so that the simulator's new token differs from the old
			// one
			kiwoom.clock().advance(Duration.ofSeconds(1));
			int before = kiwoom.requests("/oauth2/token").size();
			long called = System.nanoTime();
			AccessToken renewed = cluster.provider(issuer).renewRejected(old);
			long returned = System.nanoTime();
			times[round] = returned - called;
			Checks.state(!renewed.value().equals(old.value()), "the renewal kept the old token");
			for (long wait : awaitAdoption(cluster, renewed, issuer, returned)) {
				waits[waited++] = wait;
			}
			issues.merge(kiwoom.requests("/oauth2/token").size() - before, 1, Integer::sum);
		}
		return new Adoption(waits, times, issues);
	}

	/**
	 * Poll every instance but the issuer until each returns the token; return each one's
	 * wait from the given start.
	 */
	private static long[] awaitAdoption(ClusterInstances cluster, AccessToken token, int issuer, long start) {
		long[] seen = new long[INSTANCES];
		Arrays.fill(seen, -1);
		int left = (issuer < 0) ? INSTANCES : INSTANCES - 1;
		while (left > 0) {
			Checks.state(System.nanoTime() - start < GIVE_UP_NANOS, "a sibling did not adopt the token within 5 s");
			for (int sibling = 0; sibling < INSTANCES; sibling++) {
				if (sibling != issuer && seen[sibling] < 0
						&& cluster.provider(sibling).getAccessToken().value().equals(token.value())) {
					seen[sibling] = System.nanoTime() - start;
					left--;
				}
			}
			if (left > 0) {
				LockSupport.parkNanos(POLL_NANOS);
			}
		}
		return Arrays.stream(seen).filter((wait) -> wait >= 0).toArray();
	}

	private static void concurrentRejections(KiwoomSimulator kiwoom, ClusterInstances cluster, int rounds)
			throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(INSTANCES);
		try {
			Map<Integer, Integer> issues = new TreeMap<>();
			long[] times = new long[rounds];
			CyclicBarrier together = new CyclicBarrier(INSTANCES);
			for (int round = 0; round < rounds; round++) {
				kiwoom.clock().advance(Duration.ofSeconds(1));
				kiwoom.invalidateAllTokens();
				int before = kiwoom.requests("/oauth2/token").size();
				long started = System.nanoTime();
				List<CompletableFuture<Object>> calls = new ArrayList<>();
				for (int i = 0; i < INSTANCES; i++) {
					int instance = i;
					calls.add(CompletableFuture.supplyAsync(() -> {
						await(together);
						return cluster.quote(instance);
					}, callers));
				}
				for (CompletableFuture<Object> call : calls) {
					Checks.state("삼성전자".equals(call.get()), "a call after the rejection got no answer");
				}
				times[round] = System.nanoTime() - started;
				issues.merge(kiwoom.requests("/oauth2/token").size() - before, 1, Integer::sum);
			}
			say("Kiwoom kills the token and all %d instances call at once (%d rounds; each instance sees the rejection):%n",
					INSTANCES, rounds);
			say("  au10001 per renewal: %s; overlapping au10001 at most %d%n", counts(issues),
					kiwoom.maxConcurrentIssues());
			say("  until all four calls have their answer: p50 %s, p99 %s%n", millis(percentile(times, 0.50)),
					millis(percentile(times, 0.99)));
			say("%n");
		}
		finally {
			callers.shutdownNow();
		}
	}

	private static void lockTakeover(KiwoomSimulator kiwoom, RedisServer redis, int takeovers) throws Exception {
		try (ClusterInstances cluster = new ClusterInstances(kiwoom, redis, LEASE)) {
			int instance = cluster.start("kiwoom.token.young-token-age=0s");
			Checks.state("삼성전자".equals(cluster.quote(instance)), "the instance got no answer");
			StringRedisTemplate redisKeys = new StringRedisTemplate(
					cluster.context(instance).getBean(RedisConnectionFactory.class));
			long[] replaced = new long[takeovers];
			long[] answered = new long[takeovers];
			Map<Integer, Integer> issues = new TreeMap<>();
			ExecutorService caller = Executors.newSingleThreadExecutor();
			try {
				for (int trial = 0; trial < takeovers; trial++) {
					kiwoom.clock().advance(Duration.ofSeconds(1));
					RedisSharedTokenStore dead = cluster.memberStore();
					dead.start();
					Checks.state(dead.tryLock().isPresent(), "the fake owner did not get the issue lock");
					long taken = System.nanoTime();
					// It dies holding the lock: no renewal, no release
					dead.close();
					Set<String> locks = redisKeys.keys(cluster.keyPrefix() + ":*:lock");
					Checks.state(locks != null && locks.size() == 1, "no single issue lock in Redis");
					String lock = locks.iterator().next();
					String deadOwner = redisKeys.opsForValue().get(lock);
					kiwoom.invalidateAllTokens();
					int before = kiwoom.requests("/oauth2/token").size();
					Future<Object> call = caller.submit(() -> cluster.quote(instance));
					// The live instance's owner id replaces the dead one's in the lock
					// key
					while (true) {
						String owner = redisKeys.opsForValue().get(lock);
						if (owner != null && !owner.equals(deadOwner)) {
							replaced[trial] = System.nanoTime() - taken;
							break;
						}
						Checks.state(System.nanoTime() - taken < GIVE_UP_NANOS, "nobody took over the lock within 5 s");
						LockSupport.parkNanos(POLL_NANOS);
					}
					Checks.state("삼성전자".equals(call.get()), "the call after the takeover got no answer");
					answered[trial] = System.nanoTime() - taken;
					issues.merge(kiwoom.requests("/oauth2/token").size() - before, 1, Integer::sum);
				}
			}
			finally {
				caller.shutdownNow();
			}
			say("Killed holder of the issue lock (lease %d ms, %d trials; the dead owner's lock lapses, never released):%n",
					LEASE.toMillis(), takeovers);
			say("  from the lock taken to a live instance holding it: p50 %s, worst %s (target: the lease, %d ms, "
					+ "plus the waiter's wake-up)%n", millis(percentile(replaced, 0.50)),
					millis(percentile(replaced, 1.0)), LEASE.toMillis());
			say("  to the waiting call's answer (au10001 and ka10001 included): p50 %s, worst %s%n",
					millis(percentile(answered, 0.50)), millis(percentile(answered, 1.0)));
			say("  au10001 per takeover: %s%n", counts(issues));
			say("%n");
		}
	}

	private static void say(String format, Object... args) {
		report.append(String.format(Locale.ROOT, format, args));
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Callers did not start together", ex);
		}
	}

	/**
	 * Adoption waits, the durations of the calls that published (a renewal or a bare
	 * publish), and how many renewals made how many au10001.
	 */
	private record Adoption(long[] waits, long[] renewals, Map<Integer, Integer> issues) {

	}

}
