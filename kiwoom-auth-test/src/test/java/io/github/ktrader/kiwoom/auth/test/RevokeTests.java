package io.github.ktrader.kiwoom.auth.test;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.ktrader.kiwoom.auth.test.SimulatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for au10002, {@code POST /oauth2/revoke}.
 */
class RevokeTests {

	private static final String REVOKE_FAILED = "인증에 실패했습니다[8015:Access Token을 폐기하는데 실패했습니다]";

	private KiwoomSimulator simulator;

	private SimulatorClient client;

	@BeforeEach
	void start() {
		this.simulator = KiwoomSimulator.start();
		this.client = new SimulatorClient(this.simulator);
	}

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void revokeOfValidTokenSucceedsAndDataCallThenAnswers8005() {
		String token = this.client.issueToken();
		Response response = this.client.revoke(token);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}");
		Response dataCall = this.client.stockInfo(token, "005930");
		assertThat(dataCall.returnCode()).isEqualTo(3);
		assertThat(dataCall.returnMessage()).isEqualTo("인증에 실패했습니다[8005:Token이 유효하지 않습니다]");
		assertThat(this.simulator.revokedTokens()).containsExactly(token);
		assertThat(this.simulator.isValid(token)).isFalse();
	}

	@Test
	void revokeLeavesOtherTokensWorking() {
		String revoked = this.client.issueToken();
		String kept = this.client.issueToken();
		this.client.revoke(revoked);
		assertThat(this.client.stockInfo(kept, "005930").returnCode()).isZero();
	}

	@Test
	void revokeWithWrongKeysFailsWith8001AndKeepsToken() {
		String token = this.client.issueToken();
		Response response = this.client.post("/oauth2/revoke",
				"{\"appkey\":\"" + this.simulator.appkey() + "\",\"secretkey\":\"wrong\",\"token\":\"" + token + "\"}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.returnCode()).isEqualTo(3);
		assertThat(response.returnMessage()).contains("[8001:");
		assertThat(this.simulator.isValid(token)).isTrue();
	}

	@Test
	void revokeWithoutKeysFailsWith8020() {
		Response response = this.client.post("/oauth2/revoke", "{\"token\":\"abc\"}");
		assertThat(response.returnCode()).isEqualTo(2);
		assertThat(response.returnMessage()).contains("[8020:");
	}

	@Test
	void revokeWithoutTokenFailsWith8016() {
		Response response = this.client.post("/oauth2/revoke", "{\"appkey\":\"" + this.simulator.appkey()
				+ "\",\"secretkey\":\"" + this.simulator.secretkey() + "\"}");
		assertThat(response.returnCode()).isEqualTo(2);
		assertThat(response.returnMessage())
			.isEqualTo("입력 값 오류입니다[8016:Access Token을 폐기하는데 실패했습니다. 입력값에 Token이 들어오지 않았습니다]");
	}

	@Test
	void revokeOfUnknownTokenFailsWith8015() {
		Response response = this.client.revoke("never-issued");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.returnCode()).isEqualTo(3);
		assertThat(response.returnMessage()).isEqualTo(REVOKE_FAILED);
		assertThat(this.simulator.revokedTokens()).isEmpty();
	}

	@Test
	void revokeOfRevokedTokenFailsWith8015() {
		String token = this.client.issueToken();
		this.client.revoke(token);
		assertThat(this.client.revoke(token).returnMessage()).isEqualTo(REVOKE_FAILED);
	}

	@Test
	void revokeOfExpiredTokenFailsWith8015() {
		String token = this.client.issueToken();
		this.simulator.clock().advance(Duration.ofDays(2));
		assertThat(this.client.revoke(token).returnMessage()).isEqualTo(REVOKE_FAILED);
	}

	@Test
	void revokeWithMalformedJsonAnswers400() {
		assertThat(this.client.post("/oauth2/revoke", "not json").status()).isEqualTo(400);
	}

}
