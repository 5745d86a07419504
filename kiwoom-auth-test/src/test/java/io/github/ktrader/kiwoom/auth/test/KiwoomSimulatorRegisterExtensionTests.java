package io.github.ktrader.kiwoom.auth.test;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.ktrader.kiwoom.auth.test.SimulatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomSimulatorExtension} registered with {@code @RegisterExtension}
 * and a configured builder.
 */
class KiwoomSimulatorRegisterExtensionTests {

	@RegisterExtension
	static final KiwoomSimulatorExtension kiwoom = new KiwoomSimulatorExtension(
			KiwoomSimulator.builder().appkey("registered-app").reissueBehavior(ReissueBehavior.SAME_TOKEN));

	private static String firstToken;

	@BeforeAll
	static void issueFirstToken() {
		firstToken = new SimulatorClient(kiwoom.simulator()).issueToken();
	}

	@Test
	void simulatorUsesBuilderSettings() {
		KiwoomSimulator simulator = kiwoom.simulator();
		assertThat(simulator.appkey()).isEqualTo("registered-app");
		Response reissue = new SimulatorClient(simulator).issue();
		assertThat(reissue.text("token")).isEqualTo(firstToken);
	}

	@Test
	void injectsTheSameSimulator(KiwoomSimulator simulator) {
		assertThat(simulator).isSameAs(kiwoom.simulator());
	}

}
