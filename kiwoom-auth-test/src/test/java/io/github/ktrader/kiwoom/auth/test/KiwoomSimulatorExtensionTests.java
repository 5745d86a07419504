package io.github.ktrader.kiwoom.auth.test;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomSimulatorExtension} registered with {@code @ExtendWith}.
 */
@ExtendWith(KiwoomSimulatorExtension.class)
class KiwoomSimulatorExtensionTests {

	private final KiwoomSimulator constructorSimulator;

	KiwoomSimulatorExtensionTests(KiwoomSimulator simulator) {
		this.constructorSimulator = simulator;
	}

	@Test
	void injectsRunningSimulator(KiwoomSimulator simulator) {
		assertThat(simulator.appkey()).startsWith("sim-app-");
		assertThat(new SimulatorClient(simulator).issue().returnCode()).isZero();
	}

	@Test
	void injectsSameSimulatorIntoConstructorAndMethod(KiwoomSimulator simulator) {
		assertThat(simulator).isSameAs(this.constructorSimulator);
	}

	@Test
	void injectedSimulatorServesTheRealtimeSocketWithItsTokens(KiwoomSimulator simulator) {
		try (RealtimeClient client = RealtimeClient.loggedIn(simulator, new SimulatorClient(simulator).issueToken())) {
			assertThat(simulator.realtime()).isSameAs(this.constructorSimulator.realtime());
			assertThat(simulator.realtime().openSessions()).isOne();
		}
	}

	@Nested
	class NestedTests {

		@Test
		void sharesEnclosingClassSimulator(KiwoomSimulator simulator) {
			assertThat(simulator).isSameAs(KiwoomSimulatorExtensionTests.this.constructorSimulator);
		}

	}

}
