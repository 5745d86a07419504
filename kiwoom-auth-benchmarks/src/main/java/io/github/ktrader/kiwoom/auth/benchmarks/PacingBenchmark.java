package io.github.ktrader.kiwoom.auth.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.benchmarks.KiwoomAnswers.Answer;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
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
 * What pacing costs a call whose permit is free, beside the call: the starter's
 * {@link KiwoomRateLimiter#reserve} on a bucket that always has a permit (the limiter the
 * application's {@code KiwoomClient} paces with, at
 * {@link MinimalApplication#FREE_PERMITS}), and the 0.9 KB ka10001 call in memory, plain
 * (a fixed {@code authorization} header) and through kiwoom-auth's {@code KiwoomClient},
 * which reserves its permit on every call. Run with {@code -prof gc}: a free permit must
 * cost no allocation.
 *
 * @since 0.1.0
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class PacingBenchmark {

	private final WholeCallBenchmark call = new WholeCallBenchmark();

	private KiwoomRateLimiter limiter;

	private String apiId;

	/**
	 * Start the application, and check that a permit is free.
	 * @throws Exception if the application could not start
	 */
	@Setup
	public void setUp() throws Exception {
		this.call.answer = "ka10001";
		this.call.setUp();
		Answer answer = KiwoomAnswers.named(this.call.answer);
		this.apiId = answer.apiId();
		this.limiter = this.call.rateLimiter();
		for (int i = 0; i < 10_000; i++) {
			Checks.state(this.limiter.reserve(this.apiId) == 0, "a permit was not free");
		}
	}

	/**
	 * Close the application.
	 */
	@TearDown
	public void tearDown() {
		this.call.tearDown();
	}

	/**
	 * Reserve a permit that is free: what pacing adds to a call.
	 * @return the wait, 0
	 */
	@Benchmark
	public long reserveFreePermit() {
		return this.limiter.reserve(this.apiId);
	}

	/**
	 * The plain call: a fixed header, the answer bound to a record.
	 * @return the answer
	 */
	@Benchmark
	public Object plainCall() {
		return this.call.floorRecord();
	}

	/**
	 * The call through kiwoom-auth's {@code KiwoomClient}, paced.
	 * @return the answer
	 */
	@Benchmark
	public Object kiwoomAuthCall() {
		return this.call.kiwoomAuthRecord();
	}

}
