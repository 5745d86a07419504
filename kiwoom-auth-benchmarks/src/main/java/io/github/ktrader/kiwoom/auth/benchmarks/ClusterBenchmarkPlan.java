package io.github.ktrader.kiwoom.auth.benchmarks;

/**
 * PLACEHOLDER, not measured yet: the cluster-mode figures wait for the Redis token store
 * (issue #12), whose API is not on this branch. {@code benchmarks/run} runs this class so
 * that the report says so; it measures nothing and exits normally.
 * <p>
 * The plan, to be built once the store is merged (about 60 s of the run's 10-minute
 * budget, all against one {@code redis-server --port P --bind 127.0.0.1 --save ""
 * --appendonly no} that the run starts on a free port and stops, and one
 * {@link LoopbackKiwoom}):
 * <ol>
 * <li><b>Lookup with the Redis store on.</b> {@link TokenLookupBenchmark} gains
 * {@code @Param({"memory", "redis"}) store}; with {@code redis} its provider is the
 * {@code AccessTokenProvider} bean of a context with {@code kiwoom.token.store=redis} and
 * {@code spring.data.redis.port=P}. Target: the same one-field read as in memory, 0 B/op
 * ({@code -prof gc}).</li>
 * <li><b>Sibling adoption.</b> Four contexts share one appkey. The loopback server issues
 * short-lived tokens so that a renewal falls every second or so (or the store's renewal
 * is fired by hand, if it offers a seam like {@link ManualTaskScheduler}). For each new
 * token, the time from the server answering au10001 to each sibling's
 * {@code getAccessToken()} returning the new value (one poller per sibling, parking 50 µs
 * between reads), pooled over 50+ renewals in a {@link WaitHistogram}: p50, p99, worst.
 * Target: within a second.</li>
 * <li><b>au10001 per renewal, 4 instances.</b> {@link LoopbackKiwoom#tokenRequests()} per
 * renewal over the same run. Expected: 1, every time.</li>
 * <li><b>Killed issue-lock holder.</b> A child JVM ({@code java -cp benchmarks.jar} a
 * small member main) with {@code kiwoom.token.redis.lease=3s} starts an issue while the
 * loopback server holds au10001 ({@link LoopbackKiwoom#setTokenDelay}); once the server
 * has the request, the child is killed ({@code Process.destroyForcibly()}, SIGKILL), and
 * the time until a surviving instance's au10001 arrives is measured. 3 trials. Expected:
 * at most the lease.</li>
 * </ol>
 * Results go to {@code cluster.txt} in the results folder, which {@code benchmarks/run}
 * appends to the markdown fragment.
 *
 * @since 0.1.0
 */
public final class ClusterBenchmarkPlan {

	private ClusterBenchmarkPlan() {
	}

	/**
	 * Say that the cluster figures are not measured yet.
	 * @param args ignored
	 */
	public static void main(String[] args) {
		System.out.println("Cluster mode: TODO-FIGURES, not measured yet: waits for the Redis token store "
				+ "(issue #12); see ClusterBenchmarkPlan for the plan");
	}

}
