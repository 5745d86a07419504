package io.github.ktrader.kiwoom.auth.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of getting a valid, cached token in cluster mode: the {@code AccessTokenProvider}
 * of a whole application with {@code kiwoom.token.store=redis}, one of two instances
 * sharing the token through a real {@code redis-server}, against the simulator. Compare
 * with {@link TokenLookupBenchmark#kiwoomAuthProvider()} (in memory): the target is the
 * same one-field read and 0 B/op, Redis being off the call path.
 *
 * @since 0.1.0
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class ClusterLookupBenchmark {

	private RedisServer redis;

	private KiwoomSimulator kiwoom;

	private ClusterInstances instances;

	private CachingAccessTokenProvider provider;

	private volatile String volatileToken = "baseline-token";

	/**
	 * Start Redis, the simulator and two instances; the second adopts the first's token.
	 */
	@Setup
	public void setUp() {
		this.redis = ClusterInstances.startRedis();
		this.kiwoom = KiwoomSimulator.start();
		this.instances = new ClusterInstances(this.kiwoom, this.redis, Duration.ofSeconds(3));
		int issuer = this.instances.start();
		int sibling = this.instances.start();
		Checks.state("삼성전자".equals(this.instances.quote(issuer)), "the issuer got no answer");
		Checks.state("삼성전자".equals(this.instances.quote(sibling)), "the sibling got no answer");
		Checks.state(this.kiwoom.requests("/oauth2/token").size() == 1, "two instances made more than one au10001");
		this.provider = this.instances.provider(sibling);
	}

	/**
	 * Stop the instances, the simulator and Redis.
	 */
	@TearDown
	public void tearDown() {
		this.instances.close();
		this.kiwoom.close();
		this.redis.close();
	}

	/**
	 * kiwoom-auth in cluster mode: {@code getAccessToken()} on an instance holding the
	 * shared token.
	 * @return the token value
	 */
	@Benchmark
	public String kiwoomAuthProviderRedisStore() {
		return this.provider.getAccessToken().value();
	}

	/**
	 * Baseline: one volatile read.
	 * @return the value read
	 */
	@Benchmark
	public String baselineVolatileRead() {
		return this.volatileToken;
	}

}
