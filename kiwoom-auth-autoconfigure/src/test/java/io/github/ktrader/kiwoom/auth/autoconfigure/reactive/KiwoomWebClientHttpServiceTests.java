package io.github.ktrader.kiwoom.auth.autoconfigure.reactive;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.client.KiwoomApiException;
import io.github.ktrader.kiwoom.auth.service.KiwoomApi;
import io.github.ktrader.kiwoom.auth.test.KiwoomError;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for WebClient-backed HTTP service interfaces in the {@code kiwoom} group of a
 * WebFlux-only application.
 */
class KiwoomWebClientHttpServiceTests {

	private KiwoomSimulator simulator;

	private ReactiveWebApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.simulator = KiwoomSimulator.start();
		this.contextRunner = new ReactiveWebApplicationContextRunner()
			.withClassLoader(new FilteredClassLoader("jakarta.servlet", "org.springframework.web.servlet"))
			.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class,
					KiwoomWebClientAutoConfiguration.class, RestClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, ReactiveHttpServiceClientAutoConfiguration.class,
					HttpServiceClientPropertiesAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("kiwoom.host=" + this.simulator.url(), "kiwoom.appkey=" + this.simulator.appkey(),
					"kiwoom.secretkey=" + this.simulator.secretkey(), "kiwoom.token.revoke-on-shutdown=false")
			.withUserConfiguration(Groups.class);
	}

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void kiwoomGroupIsAuthenticatedRecoversAndRaisesKiwoomErrors() {
		this.contextRunner.withPropertyValues("spring.http.serviceclient.other.base-url=" + this.simulator.url())
			.run((context) -> {
				ReactiveStockApi api = context.getBean(ReactiveStockApi.class);
				assertThat(api.stockInfo(Map.of("stk_cd", "005930")).block(Duration.ofSeconds(10)).name())
					.isEqualTo("삼성전자");
				this.simulator.invalidateAllTokens();
				assertThat(api.stockInfo(Map.of("stk_cd", "005930")).block(Duration.ofSeconds(10)).name())
					.isEqualTo("삼성전자");
				assertThat(this.simulator.issuedCount()).isEqualTo(2);
				RecordedRequest first = this.simulator.requests("/api/dostk/stkinfo").get(0);
				assertThat(first.header("api-id")).isEqualTo("ka10001");
				assertThat(first.header("authorization")).startsWith("Bearer ");
				// Refused on the first send and both re-sends
				this.simulator.faults().next("ka10001", 3).kiwoomError(KiwoomError.RATE_LIMITED);
				assertThatExceptionOfType(KiwoomApiException.class)
					.isThrownBy(() -> api.stockInfo(Map.of("stk_cd", "005930")).block(Duration.ofSeconds(10)))
					.satisfies((ex) -> assertThat(ex.getStatus().code()).isEqualTo(1700));
				context.getBean(OtherApi.class).stockInfo(Map.of("stk_cd", "005930")).block(Duration.ofSeconds(10));
				RecordedRequest other = this.simulator.requests("/api/dostk/stkinfo").get(6);
				assertThat(other.header("authorization")).isNull();
			});
	}

	@Test
	void userBaseUrlWins() {
		this.contextRunner
			.withPropertyValues("spring.http.serviceclient.kiwoom.base-url=http://127.0.0.1:1",
					"spring.http.serviceclient.other.base-url=" + this.simulator.url())
			.run((context) -> {
				assertThatExceptionOfType(KiwoomApiException.class)
					.isThrownBy(() -> context.getBean(ReactiveStockApi.class)
						.stockInfo(Map.of("stk_cd", "005930"))
						.block(Duration.ofSeconds(10)));
				assertThat(this.simulator.requests("/api/dostk/stkinfo")).isEmpty();
			});
	}

	record StockInfo(@JsonProperty("stk_nm") String name) {

	}

	@HttpExchange("/api/dostk")
	interface ReactiveStockApi {

		@KiwoomApi("ka10001")
		@PostExchange("/stkinfo")
		Mono<StockInfo> stockInfo(@RequestBody Map<String, String> body);

	}

	@HttpExchange("/api/dostk")
	interface OtherApi {

		@KiwoomApi("ka10001")
		@PostExchange("/stkinfo")
		Mono<Map<String, Object>> stockInfo(@RequestBody Map<String, String> body);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "kiwoom", types = ReactiveStockApi.class,
			clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	@ImportHttpServices(group = "other", types = OtherApi.class, clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class Groups {

	}

}
