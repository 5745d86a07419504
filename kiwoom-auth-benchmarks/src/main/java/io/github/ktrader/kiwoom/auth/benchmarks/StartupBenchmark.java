package io.github.ktrader.kiwoom.auth.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Time to start and close a minimal Spring Boot application with and without the
 * starter's auto-configuration, on the same classpath.
 * <p>
 * Run it twice: with one measurement per fresh JVM ({@code -wi 0 -i 1 -f N}) for a cold
 * start as an application sees it, and with many iterations in one JVM for the warm cost.
 * No token is issued: the starter issues lazily.
 *
 * @since 0.1.0
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(8)
@State(Scope.Benchmark)
public class StartupBenchmark {

	/**
	 * Whether the starter's auto-configuration runs: {@code with} or {@code without}.
	 */
	@Param({ "with", "without" })
	public String starter;

	/**
	 * Refresh the application context, then close it.
	 * @return the number of beans, so that the work cannot be skipped
	 */
	@Benchmark
	public int refreshAndClose() {
		try (ConfigurableApplicationContext context = MinimalApplication.builder("with".equals(this.starter)).run()) {
			return context.getBeanDefinitionCount();
		}
	}

}
