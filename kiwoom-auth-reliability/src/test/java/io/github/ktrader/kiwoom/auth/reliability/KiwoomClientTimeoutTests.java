package io.github.ktrader.kiwoom.auth.reliability;

import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A data call that Kiwoom does not answer in time fails clearly: the error says what
 * happened and which property bounds it.
 */
class KiwoomClientTimeoutTests {

	@Test
	void dataCallPastTheReadTimeoutNamesTheTimeout() {
		try (KiwoomSimulator simulator = KiwoomSimulator.start();
				StarterApplication application = StarterApplication.run(simulator)) {
			assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
			simulator.faults().next(Endpoint.DATA, 1).hang();
			Throwable failure = catchThrowable(application::stockInfo);
			assertThat(failure).isNotNull();
			assertThat(failure.getMessage()).doesNotEndWith(": null")
				.contains("ka10001")
				.contains("kiwoom.read-timeout");
		}
	}

}
