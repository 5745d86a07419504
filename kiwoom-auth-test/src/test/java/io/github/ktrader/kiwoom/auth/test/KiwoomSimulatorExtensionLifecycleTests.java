package io.github.ktrader.kiwoom.auth.test;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Tests for when {@link KiwoomSimulatorExtension} starts and closes its simulator, by
 * running sample test classes on the Jupiter engine.
 */
class KiwoomSimulatorExtensionLifecycleTests {

	static final List<KiwoomSimulator> seen = new ArrayList<>();

	@Test
	void startsOneSimulatorPerClassAndClosesItAfterwards() {
		seen.clear();
		run(PerMethodSample.class, 2);
		assertThat(seen).hasSize(3).containsOnly(seen.get(0));
		assertClosed(seen.get(0));
	}

	@Test
	void supportsPerClassLifecycle() {
		seen.clear();
		run(PerClassSample.class, 2);
		assertThat(seen).hasSize(3).containsOnly(seen.get(0));
		assertClosed(seen.get(0));
	}

	@Test
	void givesEachTestClassItsOwnSimulator() {
		seen.clear();
		run(PerMethodSample.class, 2);
		run(PerClassSample.class, 2);
		assertThat(seen).hasSize(6);
		assertThat(seen.get(0)).isNotSameAs(seen.get(3));
	}

	@Test
	void simulatorAccessorFailsOutsideATestClass() {
		assertThatIllegalStateException().isThrownBy(() -> new KiwoomSimulatorExtension().simulator())
			.withMessageContaining("not running");
	}

	private static void run(Class<?> testClass, int tests) {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(testClass))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(tests).succeeded(tests));
	}

	private static void assertClosed(KiwoomSimulator simulator) {
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> new SimulatorClient(simulator).issue());
	}

	@ExtendWith(KiwoomSimulatorExtension.class)
	static class PerMethodSample {

		PerMethodSample(KiwoomSimulator simulator) {
			seen.add(simulator);
		}

		@Test
		void first(KiwoomSimulator simulator) {
			assertThat(new SimulatorClient(simulator).issue().returnCode()).isZero();
		}

		@Nested
		class Inner {

			@Test
			void second(KiwoomSimulator simulator) {
				seen.add(simulator);
			}

		}

	}

	@ExtendWith(KiwoomSimulatorExtension.class)
	@TestInstance(Lifecycle.PER_CLASS)
	static class PerClassSample {

		PerClassSample(KiwoomSimulator simulator) {
			seen.add(simulator);
		}

		@Test
		void first(KiwoomSimulator simulator) {
			seen.add(simulator);
		}

		@Test
		void second(KiwoomSimulator simulator) {
			seen.add(simulator);
		}

	}

}
