package io.github.ktrader.kiwoom.auth.test.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Tests for {@link RedisServerExtension} and {@link RedisServer}, against the real
 * {@code redis-server} and by running sample classes on the Jupiter engine.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisServerExtensionTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	static final List<RedisServer> seen = new ArrayList<>();

	static final Map<String, String> sampleEnvironment = new HashMap<>();

	@Test
	void serverAnswersOnLoopback(RedisServer server) {
		assertThat(server.host()).isEqualTo("127.0.0.1");
		assertThat(server.port()).isPositive();
		assertThat(server.isRunning()).isTrue();
		assertThat(server.ping()).isTrue();
	}

	@Test
	void stopsAndRestartsOnTheSamePort() {
		RedisServer server = redis.server();
		int port = server.port();
		server.stop();
		assertThat(server.isRunning()).isFalse();
		assertThat(server.ping()).isFalse();
		server.start();
		assertThat(server.port()).isEqualTo(port);
		assertThat(server.ping()).isTrue();
	}

	@Test
	void startsOneServerPerClassAndStopsItAfterwards() {
		seen.clear();
		sampleEnvironment.clear();
		sampleEnvironment.putAll(System.getenv());
		run(Sample.class).testEvents().assertStatistics((stats) -> stats.started(2).succeeded(2));
		assertThat(seen).hasSize(2).containsOnly(seen.get(0));
		assertThat(seen.get(0).isRunning()).isFalse();
		assertThat(seen.get(0).ping()).isFalse();
	}

	@Test
	void missingBinaryAbortsTheClassLoudly(CapturedOutput output) {
		sampleEnvironment.clear();
		sampleEnvironment.put("REDIS_SERVER", "/nonexistent/redis-server");
		EngineExecutionResults results = run(Sample.class);
		results.testEvents().assertStatistics((stats) -> stats.started(0));
		results.containerEvents().assertStatistics((stats) -> stats.aborted(1).failed(0));
		assertThat(output.getErr()).contains("SKIPPED: redis-server not found")
			.contains("apt-get install -y redis-server");
	}

	@Test
	void missingBinaryFailsOnCi() {
		sampleEnvironment.clear();
		sampleEnvironment.put("REDIS_SERVER", "/nonexistent/redis-server");
		sampleEnvironment.put("CI", "true");
		EngineExecutionResults results = run(Sample.class);
		results.testEvents().assertStatistics((stats) -> stats.started(0));
		results.containerEvents().assertStatistics((stats) -> stats.failed(1).aborted(0));
		assertThat(results.containerEvents().failed().stream()).anySatisfy((event) -> assertThat(
				event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow())
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("CI=true"));
	}

	@Test
	void serverAccessorFailsOutsideATestClass() {
		assertThatIllegalStateException().isThrownBy(() -> new RedisServerExtension().server())
			.withMessageContaining("not running");
	}

	private static EngineExecutionResults run(Class<?> testClass) {
		return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
	}

	static @Nullable String sampleEnv(String name) {
		return sampleEnvironment.get(name);
	}

	static class Sample {

		@RegisterExtension
		static final RedisServerExtension sampleRedis = new RedisServerExtension(RedisServerExtensionTests::sampleEnv);

		@Test
		void first(RedisServer server) {
			seen.add(server);
			assertThat(server.ping()).isTrue();
		}

		@Test
		void second(RedisServer server) {
			seen.add(server);
			server.flushAll();
		}

	}

}
