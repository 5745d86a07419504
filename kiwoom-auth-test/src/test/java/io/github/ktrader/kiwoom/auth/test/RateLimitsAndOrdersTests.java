package io.github.ktrader.kiwoom.auth.test;

import java.time.Duration;

import io.github.ktrader.kiwoom.auth.test.SimulatorClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the simulator's allowances ({@link RateLimits}) and order TR
 * ({@link Orders}).
 */
class RateLimitsAndOrdersTests {

	private KiwoomSimulator simulator;

	private SimulatorClient client;

	private String token;

	@BeforeEach
	void start() {
		this.simulator = KiwoomSimulator.start();
		this.client = new SimulatorClient(this.simulator);
		this.token = this.client.issueToken();
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	private Response quote() {
		return this.client.stockInfo(this.token, "005930");
	}

	private Response order() {
		return this.client.post(Orders.PATH, "{\"stk_cd\":\"005930\",\"ord_qty\":\"1\"}", "api-id", Orders.API_ID,
				"authorization", "Bearer " + this.token);
	}

	@Test
	void withoutAllowanceEveryCallPasses() {
		for (int i = 0; i < 5; i++) {
			assertThat(quote().status()).isEqualTo(200);
		}
		assertThat(this.simulator.rateLimits().refusedCount()).isZero();
	}

	@Test
	void callPastTheAllowanceIsRefusedAsKiwoomRefusesIt() {
		this.simulator.rateLimits().allow("ka10001", 1);
		assertThat(quote().body()).contains("삼성전자");
		Response refused = quote();
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.body()).isEqualTo("{\"return_code\":5,\"return_msg\":\"허용된 요청 개수를 초과하였습니다"
				+ "[1700:허용된 API 요청 개수를 초과하였습니다. 유량=1, API ID=ka10001]\"}");
		assertThat(this.simulator.rateLimits().refusedCount("ka10001")).isOne();
	}

	@Test
	void refusalCanArriveAsHttp200OrBare1700() {
		this.simulator.rateLimits().allow("ka10001", 1);
		this.simulator.rateLimits().style(RateLimits.Style.HTTP_200);
		quote();
		assertThat(quote().status()).isEqualTo(200);
		this.simulator.rateLimits().style(RateLimits.Style.BARE_1700);
		Response bare = quote();
		assertThat(bare.status()).isEqualTo(200);
		assertThat(bare.body()).startsWith("{\"return_code\":1700,");
	}

	@Test
	void keyWideAllowanceIsRefusedWith1701() {
		this.simulator.rateLimits().total(1);
		quote();
		assertThat(order().body()).contains("[1701:").contains("총유량=1");
		assertThat(this.simulator.orders().acceptedCount()).isZero();
	}

	@Test
	void orderIsAcceptedCountedAndNumbered() {
		assertThat(order().body()).contains("\"ord_no\":\"0000001\"").contains("\"return_code\":0");
		assertThat(order().body()).contains("\"ord_no\":\"0000002\"");
		assertThat(this.simulator.orders().acceptedCount()).isEqualTo(2);
	}

	@Test
	void orderAcceptedThenAnsweredWithServerError() {
		this.simulator.orders().failNextAnswer(503);
		assertThat(order().status()).isEqualTo(503);
		assertThat(this.simulator.orders().acceptedCount()).isOne();
		assertThat(order().status()).isEqualTo(200);
	}

	@Test
	void orderAcceptedThenAnsweredLate() {
		this.simulator.orders().delayNextAnswer(Duration.ofMillis(300));
		long start = System.nanoTime();
		assertThat(order().status()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(this.simulator.orders().acceptedCount()).isOne();
	}

}
