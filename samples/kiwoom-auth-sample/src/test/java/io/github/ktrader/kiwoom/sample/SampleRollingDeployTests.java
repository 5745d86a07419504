package io.github.ktrader.kiwoom.sample;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two sample processes on one key overlapping, as in a rolling deploy, against a Kiwoom
 * whose new token kills the old one.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleRollingDeployTests {

	@Test
	void overlappingProcessesOnOneKeyIssueABoundedNumberOfTokensAndSayWhy(CapturedOutput output) throws Exception {
		try (KiwoomSimulator kiwoom = KiwoomSimulator.builder()
			.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD)
			.start()) {
			String[] args = { "--kiwoom.host=" + kiwoom.url(), "--kiwoom.appkey=" + kiwoom.appkey(),
					"--kiwoom.secretkey=" + kiwoom.secretkey(), "--sample.rounds=50", "--sample.interval=20ms",
					// tokens under test, not the allowance: 50 rounds would take 50 s at
					// the paced 1/s
					"--kiwoom.rate-limit.per-api.rate=1000", "--kiwoom.rate-limit.per-api.burst=1000",
					"--kiwoom.rate-limit.total.rate=1000", "--kiwoom.rate-limit.total.burst=1000" };
			CompletableFuture<Integer> old = CompletableFuture.supplyAsync(() -> SampleApplication.run(args));
			await().until(() -> kiwoom.requests("/api/dostk/stkinfo").size() >= 10);
			CompletableFuture<Integer> next = CompletableFuture.supplyAsync(() -> SampleApplication.run(args));
			old.get(60, TimeUnit.SECONDS);
			next.get(60, TimeUnit.SECONDS);
			assertThat(kiwoom.requests("/oauth2/token")).as("au10001 for 100 rounds").hasSizeLessThanOrEqualTo(8);
			assertThat(output.getAll()).contains("Another process is most likely using the same kiwoom.appkey",
					"kiwoom.token.store=redis");
			assertThat(output.getAll()).doesNotContain(kiwoom.secretkey()).doesNotContain(kiwoom.appkey());
		}
	}

}
