package io.github.ktrader.kiwoom.auth.autoconfigure.web;

import java.nio.charset.StandardCharsets;

import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.config.EnableWebFlux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomProblemDetailsAutoConfiguration} in a WebFlux application: a
 * {@link KiwoomException} escaping a controller becomes a problem detail.
 */
@ExtendWith(KiwoomSimulatorExtension.class)
class KiwoomProblemDetailsWebFluxTests {

	private final KiwoomSimulator kiwoom;

	private ReactiveWebApplicationContextRunner contextRunner;

	KiwoomProblemDetailsWebFluxTests(KiwoomSimulator kiwoom) {
		this.kiwoom = kiwoom;
	}

	@BeforeEach
	void setUp() {
		this.kiwoom.faults().clear();
		this.kiwoom.clearRequests();
		this.contextRunner = new ReactiveWebApplicationContextRunner()
			.withClassLoader(new FilteredClassLoader("jakarta.servlet", "org.springframework.web.servlet"))
			.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class,
					KiwoomProblemDetailsAutoConfiguration.class, RestClientAutoConfiguration.class,
					JacksonAutoConfiguration.class))
			.withPropertyValues("kiwoom.host=" + this.kiwoom.url(), "kiwoom.appkey=" + this.kiwoom.appkey(),
					"kiwoom.secretkey=" + this.kiwoom.secretkey(), "kiwoom.token.revoke-on-shutdown=false")
			.withUserConfiguration(WebFlux.class, ProblemDetailsTestController.class);
	}

	private static WebTestClient client(ApplicationContext context) {
		return WebTestClient.bindToApplicationContext(context).build();
	}

	@Test
	void trRefusedByKiwoomIs502WithKiwoomsCodeAndNoSecret() {
		this.contextRunner.run((context) -> {
			byte[] body = client(context).get()
				.uri("/quote/999999")
				.exchange()
				.expectStatus()
				.isEqualTo(502)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.kind")
				.isEqualTo("OTHER")
				.jsonPath("$.apiId")
				.isEqualTo("ka10001")
				.jsonPath("$.kiwoomCode")
				.isEqualTo(1902)
				.jsonPath("$.kiwoomMessage")
				.isEqualTo("입력 값 오류입니다[1902:종목정보가 없습니다]")
				.returnResult()
				.getResponseBody();
			String token = this.kiwoom.requests("/api/dostk/stkinfo").get(0).header("authorization").substring(7);
			assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain(token, this.kiwoom.appkey(),
					this.kiwoom.secretkey());
		});
	}

	@Test
	void noTokenIs503AndNamesNoKey() {
		this.contextRunner.withPropertyValues("kiwoom.secretkey=wrong-secret-key-0123456789").run((context) -> {
			byte[] body = client(context).get()
				.uri("/quote/005930")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody()
				.jsonPath("$.kind")
				.isEqualTo("INVALID_CREDENTIALS")
				.returnResult()
				.getResponseBody();
			assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain(this.kiwoom.appkey(),
					"wrong-secret-key-0123456789", this.kiwoom.secretkey());
		});
	}

	@Test
	void rateLimitedIs429WithRetryAfter() {
		this.contextRunner.run((context) -> client(context).get()
			.uri("/rate-limited")
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals("Retry-After", "3")
			.expectBody()
			.jsonPath("$.kiwoomCode")
			.isEqualTo(1700));
	}

	@Test
	void timeoutIs504() {
		this.contextRunner
			.run((context) -> client(context).get().uri("/timeout").exchange().expectStatus().isEqualTo(504));
	}

	@Test
	void applicationsOwnExceptionHandlerWins() {
		this.contextRunner.withUserConfiguration(OwnExceptionHandler.class)
			.run((context) -> client(context).get()
				.uri("/rate-limited")
				.exchange()
				.expectStatus()
				.isEqualTo(418)
				.expectBody(String.class)
				.isEqualTo("own"));
	}

	@Test
	void offWithTheProperty() {
		this.contextRunner.withPropertyValues("kiwoom.problem-details.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(KiwoomExceptionHandler.class);
			client(context).get().uri("/rate-limited").exchange().expectStatus().isEqualTo(500);
		});
	}

	@Test
	void backsOffWithoutWebFlux() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherHandler.class))
			.run((context) -> assertThat(context).doesNotHaveBean(KiwoomExceptionHandler.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebFlux
	static class WebFlux {

	}

}
