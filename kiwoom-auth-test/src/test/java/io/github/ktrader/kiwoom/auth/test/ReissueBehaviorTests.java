package io.github.ktrader.kiwoom.auth.test;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.ktrader.kiwoom.auth.test.SimulatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for each {@link ReissueBehavior}.
 */
class ReissueBehaviorTests {

	private KiwoomSimulator simulator;

	private SimulatorClient client;

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void freshIssuesNewTokenAndKeepsOldOneWorking() {
		start(ReissueBehavior.FRESH);
		String first = this.client.issueToken();
		String second = this.client.issueToken();
		assertThat(second).isNotEqualTo(first);
		assertThat(this.client.stockInfo(first, "005930").returnCode()).isZero();
		assertThat(this.client.stockInfo(second, "005930").returnCode()).isZero();
	}

	@Test
	void freshIsTheDefault() {
		this.simulator = KiwoomSimulator.start();
		this.client = new SimulatorClient(this.simulator);
		String first = this.client.issueToken();
		assertThat(this.client.issueToken()).isNotEqualTo(first);
		assertThat(this.simulator.isValid(first)).isTrue();
	}

	@Test
	void sameTokenAnswersCurrentTokenWithItsOriginalExpiry() {
		start(ReissueBehavior.SAME_TOKEN);
		Response first = this.client.issue();
		this.simulator.clock().advance(Duration.ofHours(1));
		Response second = this.client.issue();
		assertThat(second.text("token")).isEqualTo(first.text("token"));
		assertThat(second.text("expires_dt")).isEqualTo(first.text("expires_dt"));
		assertThat(this.simulator.issuedCount()).isEqualTo(2);
	}

	@Test
	void sameTokenIssuesNewTokenOnceTheCurrentOneExpired() {
		start(ReissueBehavior.SAME_TOKEN);
		String first = this.client.issueToken();
		this.simulator.clock().advance(Duration.ofHours(25));
		String second = this.client.issueToken();
		assertThat(second).isNotEqualTo(first);
		assertThat(this.client.stockInfo(second, "005930").returnCode()).isZero();
	}

	@Test
	void sameTokenIssuesNewTokenOnceTheCurrentOneWasRevoked() {
		start(ReissueBehavior.SAME_TOKEN);
		String first = this.client.issueToken();
		this.client.revoke(first);
		assertThat(this.client.issueToken()).isNotEqualTo(first);
	}

	@Test
	void freshKillsOldIssuesNewTokenAndOldOneAnswers8005() {
		start(ReissueBehavior.FRESH_KILLS_OLD);
		String first = this.client.issueToken();
		String second = this.client.issueToken();
		String third = this.client.issueToken();
		assertThat(third).isNotEqualTo(second).isNotEqualTo(first);
		Response old = this.client.stockInfo(first, "005930");
		assertThat(old.status()).isEqualTo(200);
		assertThat(old.returnCode()).isEqualTo(3);
		assertThat(old.returnMessage()).isEqualTo("인증에 실패했습니다[8005:Token이 유효하지 않습니다]");
		assertThat(this.client.stockInfo(second, "005930").returnCode()).isEqualTo(3);
		assertThat(this.client.stockInfo(third, "005930").returnCode()).isZero();
		assertThat(this.simulator.revokedTokens()).isEmpty();
	}

	@Test
	void behaviorCanChangeAtRuntime() {
		start(ReissueBehavior.FRESH);
		String first = this.client.issueToken();
		this.simulator.reissueBehavior(ReissueBehavior.SAME_TOKEN);
		assertThat(this.client.issueToken()).isEqualTo(first);
		this.simulator.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD);
		String third = this.client.issueToken();
		assertThat(third).isNotEqualTo(first);
		assertThat(this.simulator.isValid(first)).isFalse();
		assertThat(this.simulator.isValid(third)).isTrue();
	}

	private void start(ReissueBehavior behavior) {
		this.simulator = KiwoomSimulator.builder().reissueBehavior(behavior).start();
		this.client = new SimulatorClient(this.simulator);
	}

}
