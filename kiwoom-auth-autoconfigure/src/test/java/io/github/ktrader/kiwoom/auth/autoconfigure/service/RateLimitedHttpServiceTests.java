package io.github.ktrader.kiwoom.auth.autoconfigure.service;

import java.time.Duration;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.ratelimit.Allowance;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import io.github.ktrader.kiwoom.auth.service.KiwoomApi;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.Orders;
import io.github.ktrader.kiwoom.auth.test.RateLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Pacing and order safety on the HTTP service group path, against the simulator with
 * Kiwoom's allowances on.
 */
class RateLimitedHttpServiceTests {

	private KiwoomSimulator simulator;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.simulator = KiwoomSimulator.start();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, KiwoomHttpServiceAutoConfiguration.class,
							RestClientAutoConfiguration.class, HttpServiceClientAutoConfiguration.class,
							HttpServiceClientPropertiesAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withUserConfiguration(KiwoomGroup.class)
			.withPropertyValues("kiwoom.host=" + this.simulator.url(), "kiwoom.appkey=" + this.simulator.appkey(),
					"kiwoom.secretkey=" + this.simulator.secretkey(), "kiwoom.token.revoke-on-shutdown=false",
					"kiwoom.read-timeout=1s");
	}

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void orderAnsweredWithServerErrorAfterItWasAcceptedIsNeverSentAgain() {
		this.contextRunner.run((context) -> {
			this.simulator.orders().failNextAnswer(503);
			assertThatExceptionOfType(KiwoomException.class)
				.isThrownBy(() -> context.getBean(OrderApi.class).buy(Map.of("stk_cd", "005930")))
				.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.OUTCOME_UNKNOWN))
				.withMessageContaining("kt10000")
				.withMessageContaining("KST");
			assertThat(this.simulator.orders().acceptedCount()).isOne();
			assertThat(this.simulator.requests(Orders.PATH)).hasSize(1);
		});
	}

	@Test
	void orderAnsweredAfterTheReadTimeoutIsNeverSentAgain() {
		this.contextRunner.run((context) -> {
			this.simulator.orders().delayNextAnswer(Duration.ofSeconds(3));
			assertThatExceptionOfType(KiwoomException.class)
				.isThrownBy(() -> context.getBean(OrderApi.class).buy(Map.of("stk_cd", "005930")))
				.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.OUTCOME_UNKNOWN));
			assertThat(this.simulator.orders().acceptedCount()).isOne();
			assertThat(this.simulator.requests(Orders.PATH)).hasSize(1);
		});
	}

	@Test
	void orderRefusedForItsRateIsSentAgainOnlyWithResendOrders() {
		this.simulator.rateLimits().allow(Orders.API_ID, 1);
		this.contextRunner
			.withPropertyValues("kiwoom.rate-limit.apis.kt10000.rate=5", "kiwoom.rate-limit.apis.kt10000.burst=5")
			.run((context) -> {
				OrderApi api = context.getBean(OrderApi.class);
				api.buy(Map.of("stk_cd", "005930"));
				assertThatExceptionOfType(KiwoomException.class).isThrownBy(() -> api.buy(Map.of("stk_cd", "005930")))
					.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.RATE_LIMITED));
				assertThat(this.simulator.requests(Orders.PATH)).hasSize(2);
				assertThat(this.simulator.orders().acceptedCount()).isOne();
			});
		this.simulator.clearRequests();
		this.simulator.rateLimits().clear();
		this.simulator.rateLimits().allow(Orders.API_ID, 1);
		this.contextRunner
			.withPropertyValues("kiwoom.rate-limit.apis.kt10000.rate=5", "kiwoom.rate-limit.apis.kt10000.burst=5",
					"kiwoom.rate-limit.resend-orders=true")
			.run((context) -> {
				OrderApi api = context.getBean(OrderApi.class);
				api.buy(Map.of("stk_cd", "005930"));
				assertThat(api.buy(Map.of("stk_cd", "005930")).get("ord_no")).isNotNull();
				assertThat(this.simulator.requests(Orders.PATH)).hasSize(3);
				assertThat(this.simulator.orders().acceptedCount()).isEqualTo(3);
				assertThat(context.getBean(KiwoomRateLimiter.class).learnedAllowances()).containsEntry(Orders.API_ID,
						new Allowance(1, 1));
			});
	}

	@Test
	void quotesArePacedToTheAllowanceWhateverStyleTheRefusalHas() {
		for (RateLimits.Style style : RateLimits.Style.values()) {
			this.simulator.rateLimits().clear();
			this.simulator.rateLimits().style(style);
			this.simulator.rateLimits().allow("ka10001", 2);
			this.contextRunner.withPropertyValues("kiwoom.rate-limit.per-api.rate=10").run((context) -> {
				StockApi api = context.getBean(StockApi.class);
				for (int i = 0; i < 5; i++) {
					assertThat(api.stockInfo(Map.of("stk_cd", "005930"))).containsKey("stk_nm");
				}
			});
			assertThat(this.simulator.rateLimits().refusedCount()).as(style.name()).isBetween(1, 2);
		}
	}

	@Test
	void badRateNamesItsProperty() {
		this.contextRunner.withPropertyValues("kiwoom.rate-limit.apis.ka10001.rate=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("kiwoom.rate-limit.apis.ka10001.rate");
		});
	}

	@HttpExchange("/api/dostk")
	interface OrderApi {

		@KiwoomApi("kt10000")
		@PostExchange("/ordr")
		Map<String, Object> buy(@RequestBody Map<String, String> body);

	}

	@HttpExchange("/api/dostk")
	interface StockApi {

		@KiwoomApi("ka10001")
		@PostExchange("/stkinfo")
		Map<String, Object> stockInfo(@RequestBody Map<String, String> body);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "kiwoom", types = { OrderApi.class, StockApi.class })
	static class KiwoomGroup {

	}

}
