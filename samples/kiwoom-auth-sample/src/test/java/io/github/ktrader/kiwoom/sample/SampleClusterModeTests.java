package io.github.ktrader.kiwoom.sample;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two sample processes on one key in cluster mode, overlapping as in a rolling deploy,
 * against a Kiwoom whose new token kills the old one and whose overlapping au10001 answer
 * 429: they share one token, and only the last one out revokes it.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleClusterModeTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	@Test
	void overlappingProcessesInClusterModeShareOneTokenAndTheLastOneOutRevokesIt(CapturedOutput output)
			throws Exception {
		RedisServer redis = redisServer.server();
		try (KiwoomSimulator kiwoom = KiwoomSimulator.builder()
			.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD)
			.start()) {
			kiwoom.faults().rejectOverlappingIssue(true);
			String[] args = { "--kiwoom.host=" + kiwoom.url(), "--kiwoom.appkey=" + kiwoom.appkey(),
					"--kiwoom.secretkey=" + kiwoom.secretkey(), "--sample.rounds=50", "--sample.interval=20ms",
					// tokens under test, not the allowance: 50 rounds would take 50 s at
					// the paced 1/s
					"--kiwoom.rate-limit.per-api.rate=1000", "--kiwoom.rate-limit.per-api.burst=1000",
					"--kiwoom.rate-limit.total.rate=1000", "--kiwoom.rate-limit.total.burst=1000",
					"--kiwoom.token.store=redis", "--spring.data.redis.host=" + redis.host(),
					"--spring.data.redis.port=" + redis.port(), "--kiwoom.token.redis.lease=3s" };
			CompletableFuture<Integer> old = CompletableFuture.supplyAsync(() -> SampleApplication.run(args));
			await().until(() -> kiwoom.requests("/api/dostk/stkinfo").size() >= 10);
			CompletableFuture<Integer> next = CompletableFuture.supplyAsync(() -> SampleApplication.run(args));
			assertThat(old.get(60, TimeUnit.SECONDS)).isZero();
			assertThat(next.get(60, TimeUnit.SECONDS)).isZero();
			assertThat(kiwoom.requests("/api/dostk/stkinfo")).as("every round of both").hasSize(100);
			assertThat(kiwoom.requests("/oauth2/token")).as("one token for the cluster").hasSize(1);
			assertThat(kiwoom.requests("/oauth2/revoke")).as("revoked by the last one out only").hasSize(1);
			assertThat(output.getAll()).doesNotContain("Another process is most likely using the same kiwoom.appkey");
			assertThat(output.getAll()).doesNotContain(kiwoom.secretkey()).doesNotContain(kiwoom.appkey());
		}
	}

}
