package io.github.ktrader.kiwoom.auth.test;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for token expiry and invalidation.
 */
class TokenValidityTests {

	private KiwoomSimulator simulator;

	private SimulatorClient client;

	@BeforeEach
	void start() {
		this.simulator = KiwoomSimulator.builder().tokenLifetime(Duration.ofHours(6)).start();
		this.client = new SimulatorClient(this.simulator);
	}

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void tokenWorksUntilTheClockReachesItsExpiry() {
		String token = this.client.issueToken();
		this.simulator.clock().advance(Duration.ofHours(6).minusSeconds(1));
		assertThat(this.client.stockInfo(token, "005930").returnCode()).isZero();
		this.simulator.clock().advance(Duration.ofSeconds(1));
		assertThat(this.client.stockInfo(token, "005930").returnMessage())
			.isEqualTo("인증에 실패했습니다[8005:Token이 유효하지 않습니다]");
		assertThat(this.simulator.isValid(token)).isFalse();
	}

	@Test
	void issuedTokensKeepTheirExpiryWhenLifetimeChanges() {
		String token = this.client.issueToken();
		this.simulator.tokenLifetime(Duration.ofMinutes(5));
		String shortLived = this.client.issueToken();
		this.simulator.clock().advance(Duration.ofMinutes(10));
		assertThat(this.simulator.isValid(token)).isTrue();
		assertThat(this.simulator.isValid(shortLived)).isFalse();
	}

	@Test
	void invalidateAllTokensMakesEveryIssuedTokenAnswer8005() {
		String first = this.client.issueToken();
		String second = this.client.issueToken();
		this.simulator.invalidateAllTokens();
		assertThat(this.client.stockInfo(first, "005930").returnCode()).isEqualTo(3);
		assertThat(this.client.stockInfo(second, "005930").returnMessage()).contains("[8005:");
		String next = this.client.issueToken();
		assertThat(this.client.stockInfo(next, "005930").returnCode()).isZero();
	}

	@Test
	void invalidateMakesOneTokenAnswer8005() {
		String invalidated = this.client.issueToken();
		String kept = this.client.issueToken();
		this.simulator.invalidate(invalidated);
		assertThat(this.client.stockInfo(invalidated, "005930").returnCode()).isEqualTo(3);
		assertThat(this.client.stockInfo(kept, "005930").returnCode()).isZero();
	}

	@Test
	void unknownTokenIsNotValid() {
		assertThat(this.simulator.isValid("never-issued")).isFalse();
	}

	@Test
	void tokenLifetimeMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.simulator.tokenLifetime(Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> KiwoomSimulator.builder().tokenLifetime(Duration.ofSeconds(-1)));
	}

}
