package io.github.ktrader.kiwoom.auth.reliability;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An au10001 that Kiwoom answers while the application shuts down leaves no valid token
 * behind: the token is revoked, or never handed out.
 */
class ShutdownDuringIssueTests {

	@Test
	void tokenIssuedDuringShutdownIsNotLeaked() throws Exception {
		try (KiwoomSimulator simulator = KiwoomSimulator.start()) {
			simulator.faults().next(Endpoint.TOKEN, 1).delay(Duration.ofMillis(400));
			StarterApplication application = StarterApplication.run(simulator);
			CompletableFuture<?> call = CompletableFuture.runAsync(application::stockInfo);
			await().atMost(Duration.ofSeconds(5)).until(() -> !simulator.requests("/oauth2/token").isEmpty());
			Duration shutdown = application.closeAndMeasure();
			assertThat(shutdown).isLessThanOrEqualTo(StarterApplication.SHUTDOWN_BUDGET);
			try {
				call.get(5, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				// Failing the call is fine; leaking the token is not
			}
			assertThat(simulator.issuedCount()).isEqualTo(1);
			String issued = simulator.requests("/api/dostk/stkinfo")
				.stream()
				.map((request) -> request.header("authorization"))
				.findFirst()
				.map((authorization) -> authorization.substring("Bearer ".length()))
				.orElse(null);
			if (issued != null) {
				assertThat(simulator.revokedTokens()).as("token handed out after shutdown began").contains(issued);
			}
			else {
				assertThat(simulator.requests("/oauth2/revoke")).extracting(RecordedRequest::path).isNotEmpty();
			}
		}
	}

}
