package io.github.ktrader.kiwoom.auth.autoconfigure.reactive;

import java.time.Duration;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.client.KiwoomApiException;
import io.github.ktrader.kiwoom.auth.client.KiwoomWebClientConfigurer;
import io.github.ktrader.kiwoom.auth.test.KiwoomError;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KiwoomWebClientAutoConfiguration} in a WebFlux-only application, with
 * no servlet classes.
 */
class KiwoomWebClientAutoConfigurationTests {

	private KiwoomSimulator simulator;

	private ReactiveWebApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.simulator = KiwoomSimulator.start();
		this.contextRunner = new ReactiveWebApplicationContextRunner()
			.withClassLoader(new FilteredClassLoader("jakarta.servlet", "org.springframework.web.servlet"))
			.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class,
					KiwoomWebClientAutoConfiguration.class, RestClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("kiwoom.host=" + this.simulator.url(), "kiwoom.appkey=" + this.simulator.appkey(),
					"kiwoom.secretkey=" + this.simulator.secretkey());
	}

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void webFluxOnlyApplicationCallsKiwoomWithTokenAndRecovery() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(KiwoomWebClientConfigurer.class);
			WebClient kiwoom = context.getBean(KiwoomWebClientConfigurer.class)
				.configure(context.getBean(WebClient.Builder.class))
				.build();
			assertThat(stockInfo(kiwoom).get("stk_nm").asString()).isEqualTo("삼성전자");
			this.simulator.invalidateAllTokens();
			assertThat(stockInfo(kiwoom).get("stk_nm").asString()).isEqualTo("삼성전자");
			RecordedRequest last = this.simulator.requests("/api/dostk/stkinfo").get(2);
			assertThat(this.simulator.isValid(last.header("authorization").substring(7))).isTrue();
			assertThat(this.simulator.issuedCount()).isEqualTo(2);
			this.simulator.faults().next("ka10001", 1).kiwoomError(KiwoomError.INPUT_ERROR);
			assertThatExceptionOfType(KiwoomApiException.class).isThrownBy(() -> stockInfo(kiwoom))
				.satisfies((ex) -> assertThat(ex.getStatus().code()).isEqualTo(1511));
		});
		assertThat(this.simulator.revokedTokens()).hasSize(1);
	}

	@Test
	void backsOffWithoutWebClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(KiwoomWebClientConfigurer.class));
	}

	@Test
	void backsOffWhenUserDefinesOne() {
		this.contextRunner.withUserConfiguration(UserConfigurer.class)
			.run((context) -> assertThat(context.getBean(KiwoomWebClientConfigurer.class))
				.isSameAs(context.getBean("userConfigurer")));
	}

	private static JsonNode stockInfo(WebClient client) {
		return client.post()
			.uri("/api/dostk/stkinfo")
			.header("api-id", "ka10001")
			.bodyValue(Map.of("stk_cd", "005930"))
			.retrieve()
			.bodyToMono(JsonNode.class)
			.block(Duration.ofSeconds(10));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserConfigurer {

		@Bean
		KiwoomWebClientConfigurer userConfigurer() {
			return new KiwoomWebClientConfigurer("http://127.0.0.1:1", () -> {
				throw new IllegalStateException("unused");
			}, JsonMapper.shared());
		}

	}

}
