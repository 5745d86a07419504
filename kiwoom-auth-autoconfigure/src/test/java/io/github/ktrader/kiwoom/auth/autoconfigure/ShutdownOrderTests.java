package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulatorExtension;
import io.github.ktrader.kiwoom.auth.test.RecordedRequest;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the order of shutdown: the application's beans may call Kiwoom while they are
 * destroyed, and no token outlives the context.
 */
@ExtendWith(KiwoomSimulatorExtension.class)
class ShutdownOrderTests {

	private static final List<String> destroyCalls = new ArrayList<>();

	private final KiwoomSimulator kiwoom;

	ShutdownOrderTests(KiwoomSimulator kiwoom) {
		this.kiwoom = kiwoom;
	}

	@BeforeEach
	void reset() {
		this.kiwoom.faults().clear();
		this.kiwoom.reissueBehavior(ReissueBehavior.FRESH);
		this.kiwoom.invalidateAllTokens();
		this.kiwoom.clearRequests();
		destroyCalls.clear();
	}

	private ApplicationContextRunner app() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class,
					RestClientAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("kiwoom.host=" + this.kiwoom.url(), "kiwoom.appkey=" + this.kiwoom.appkey(),
					"kiwoom.secretkey=" + this.kiwoom.secretkey(), "kiwoom.read-timeout=2s",
					"kiwoom.token.revoke-timeout=500ms");
	}

	/**
	 * Tokens revoked by this test: the simulator is shared by the class.
	 */
	private List<String> revokedHere() {
		return this.kiwoom.requests("/oauth2/revoke")
			.stream()
			.map((request) -> request.jsonField("token"))
			.filter(this.kiwoom.revokedTokens()::contains)
			.toList();
	}

	private List<String> tokensUsed() {
		return this.kiwoom.requests("/api/dostk/stkinfo")
			.stream()
			.map((request) -> request.header("authorization").substring("Bearer ".length()))
			.distinct()
			.toList();
	}

	@Test
	void beanBeingDestroyedMayCallKiwoomAndTheTokenItCausedIsRevoked() {
		app().withUserConfiguration(CancelOrdersOnDestroy.class).run((context) -> {
			context.getBean(KiwoomClient.class)
				.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
		});
		assertThat(destroyCalls).containsExactly("삼성전자");
		assertThat(tokensUsed()).hasSize(2);
		assertThat(revokedHere()).containsExactlyInAnyOrderElementsOf(tokensUsed());
	}

	@Test
	void tokenIssuedDuringARefreshThatFailsIsRevoked() {
		app().withUserConfiguration(QuoteOnStartupThenFail.class).run((context) -> assertThat(context).hasFailed());
		assertThat(tokensUsed()).hasSize(1);
		assertThat(revokedHere()).containsExactlyElementsOf(tokensUsed());
	}

	@Test
	void revokeGetsItsOwnBudgetAfterWaitingForTheIssueInFlight() throws Exception {
		this.kiwoom.faults().next(Endpoint.TOKEN, 1).delay(Duration.ofMillis(350));
		this.kiwoom.faults().next(Endpoint.REVOKE, 1).delay(Duration.ofMillis(300));
		CompletableFuture<?>[] call = new CompletableFuture<?>[1];
		app().run((context) -> {
			KiwoomClient client = context.getBean(KiwoomClient.class);
			call[0] = CompletableFuture
				.runAsync(() -> client.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class));
			await().atMost(Duration.ofSeconds(5)).until(() -> !this.kiwoom.requests("/oauth2/token").isEmpty());
		});
		try {
			call[0].get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			// Failing the call is fine; leaking the token is not
		}
		assertThat(this.kiwoom.issuedCount()).isOne();
		assertThat(this.kiwoom.requests("/oauth2/revoke")).extracting(RecordedRequest::path).hasSize(1);
		assertThat(revokedHere()).hasSize(1).allSatisfy((token) -> assertThat(this.kiwoom.isValid(token)).isFalse());
	}

	@Configuration(proxyBeanMethods = false)
	static class CancelOrdersOnDestroy {

		@Bean
		OrderCanceller orderCanceller(KiwoomClient client) {
			return new OrderCanceller(client);
		}

	}

	static class OrderCanceller implements DisposableBean {

		private final KiwoomClient client;

		OrderCanceller(KiwoomClient client) {
			this.client = client;
		}

		@Override
		public void destroy() {
			Map<?, ?> info = this.client.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
			destroyCalls.add((String) info.get("stk_nm"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QuoteOnStartupThenFail {

		@Bean
		QuoteOnStartup quoteOnStartup(KiwoomClient client) {
			return new QuoteOnStartup(client);
		}

		@Bean
		Object failing(QuoteOnStartup quote) {
			throw new IllegalStateException("boom");
		}

	}

	static class QuoteOnStartup implements InitializingBean {

		private final KiwoomClient client;

		QuoteOnStartup(KiwoomClient client) {
			this.client = client;
		}

		@Override
		public void afterPropertiesSet() {
			this.client.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
		}

	}

}
