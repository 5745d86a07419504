package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.client.KiwoomApiException;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulatorExtension;
import io.github.ktrader.kiwoom.auth.test.RecordedRequest;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The starter against a whole Kiwoom: the simulator of {@code kiwoom-auth-test}, started
 * by its JUnit extension.
 */
@ExtendWith(KiwoomSimulatorExtension.class)
class KiwoomSimulatorEndToEndTests {

	private final KiwoomSimulator kiwoom;

	KiwoomSimulatorEndToEndTests(KiwoomSimulator kiwoom) {
		this.kiwoom = kiwoom;
	}

	@BeforeEach
	void reset() {
		this.kiwoom.faults().clear();
		this.kiwoom.reissueBehavior(ReissueBehavior.FRESH);
		this.kiwoom.invalidateAllTokens();
		this.kiwoom.clearRequests();
	}

	private ApplicationContextRunner app() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class,
					RestClientAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("kiwoom.host=" + this.kiwoom.url(), "kiwoom.appkey=" + this.kiwoom.appkey(),
					"kiwoom.secretkey=" + this.kiwoom.secretkey(), "kiwoom.read-timeout=2s",
					"kiwoom.token.revoke-timeout=500ms");
	}

	private static String quote(AssertableApplicationContext context, String code) {
		Map<?, ?> info = context.getBean(KiwoomClient.class)
			.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", code), Map.class);
		return (String) info.get("stk_nm");
	}

	private List<String> bearers() {
		return this.kiwoom.requests("/api/dostk/stkinfo")
			.stream()
			.map((request) -> request.header("authorization"))
			.toList();
	}

	@Test
	void issuesOnceUsesTheTokenAndRevokesItOnClose() {
		this.app().run((context) -> {
			assertThat(quote(context, "005930")).isEqualTo("삼성전자");
			assertThat(quote(context, "000660")).isEqualTo("SK하이닉스");
		});
		assertThat(this.kiwoom.requests("/oauth2/token")).hasSize(1);
		String token = bearers().get(0).substring("Bearer ".length());
		assertThat(bearers()).containsOnly("Bearer " + token);
		assertThat(this.kiwoom.revokedTokens()).contains(token);
		assertThat(this.kiwoom.isValid(token)).isFalse();
		RecordedRequest revoke = this.kiwoom.requests("/oauth2/revoke").get(0);
		assertThat(revoke.jsonField("token")).isEqualTo(token);
		assertThat(revoke.chunked()).isFalse();
	}

	@Test
	void recoversWhenKiwoomInvalidatesTheTokenMidTraffic() {
		this.app().run((context) -> {
			assertThat(quote(context, "005930")).isEqualTo("삼성전자");
			this.kiwoom.invalidateAllTokens();
			assertThat(quote(context, "005930")).isEqualTo("삼성전자");
			assertThat(quote(context, "000660")).isEqualTo("SK하이닉스");
		});
		assertThat(this.kiwoom.requests("/oauth2/token")).hasSize(2);
		List<String> bearers = bearers();
		assertThat(bearers).hasSize(4);
		assertThat(bearers.get(1)).as("the rejected call used the old token").isEqualTo(bearers.get(0));
		assertThat(bearers.get(2)).as("the retry used a new token").isNotEqualTo(bearers.get(0));
		assertThat(bearers.get(3)).isEqualTo(bearers.get(2));
	}

	@Test
	void tokenPastItsExpiryIsReplacedWhenKiwoomRejectsIt() {
		this.app().run((context) -> {
			assertThat(quote(context, "005930")).isEqualTo("삼성전자");
			this.kiwoom.clock().advance(Duration.ofHours(25));
			assertThat(quote(context, "005930")).isEqualTo("삼성전자");
		});
		assertThat(this.kiwoom.requests("/oauth2/token")).hasSize(2);
	}

	@Test
	void siblingThatKillsOurTokenCostsOneReissue() {
		this.kiwoom.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD);
		this.app().withPropertyValues("kiwoom.token.revoke-on-shutdown=false").run((first) -> {
			assertThat(quote(first, "005930")).isEqualTo("삼성전자");
			this.app().withPropertyValues("kiwoom.token.revoke-on-shutdown=false").run((second) -> {
				assertThat(quote(second, "000660")).isEqualTo("SK하이닉스");
				assertThat(quote(first, "005930")).isEqualTo("삼성전자");
				assertThat(quote(second, "000660")).isEqualTo("SK하이닉스");
			});
		});
		assertThat(this.kiwoom.requests("/oauth2/token")).hasSize(4);
		assertThat(this.kiwoom.maxConcurrentIssues()).isOne();
	}

	@Test
	void siblingsSharingTheSameTokenKeepWorkingAfterOneRevokesIt() {
		this.kiwoom.reissueBehavior(ReissueBehavior.SAME_TOKEN);
		int revokedBefore = this.kiwoom.revokedTokens().size();
		this.app().run((survivor) -> {
			assertThat(quote(survivor, "005930")).isEqualTo("삼성전자");
			this.app().run((leaver) -> assertThat(quote(leaver, "000660")).isEqualTo("SK하이닉스"));
			assertThat(this.kiwoom.revokedTokens()).hasSize(revokedBefore + 1);
			assertThat(quote(survivor, "005930")).isEqualTo("삼성전자");
		});
		List<String> bearers = bearers();
		assertThat(bearers).hasSize(4);
		assertThat(bearers.subList(0, 3)).as("shared token, then rejected after the sibling revoked it")
			.containsOnly(bearers.get(0));
		assertThat(bearers.get(3)).as("the retry used a new token").isNotEqualTo(bearers.get(0));
	}

	@Test
	void freshTokenOnReissueLeavesTheOldOneWorking() {
		this.kiwoom.reissueBehavior(ReissueBehavior.FRESH);
		this.app().run((context) -> {
			String first = context.getBean(AccessTokenProvider.class).getAccessToken().value();
			this.app().run((other) -> assertThat(quote(other, "000660")).isEqualTo("SK하이닉스"));
			assertThat(this.kiwoom.isValid(first)).isTrue();
			assertThat(quote(context, "005930")).isEqualTo("삼성전자");
		});
		assertThat(this.kiwoom.requests("/oauth2/token")).hasSize(2);
	}

	@Test
	void hungRevokeHoldsCloseNoLongerThanTheTimeout() {
		this.kiwoom.faults().hang(Endpoint.REVOKE);
		Instant[] closing = new Instant[1];
		this.app().run((context) -> {
			assertThat(quote(context, "005930")).isEqualTo("삼성전자");
			closing[0] = Instant.now();
		});
		assertThat(Duration.between(closing[0], Instant.now())).isLessThan(Duration.ofMillis(1500));
		assertThat(this.kiwoom.requests("/oauth2/revoke")).hasSize(1);
	}

	@Test
	void wrongKeysFailWithAnErrorNamingThem() {
		this.app().withPropertyValues("kiwoom.appkey=wrong-appkey-0123456789").run((context) -> {
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> quote(context, "005930"))
				.withMessageContaining("kiwoom.appkey")
				.withMessageContaining("8001")
				.withMessageNotContaining("wrong-appkey-0123456789")
				.withMessageNotContaining(this.kiwoom.secretkey());
		});
		assertThat(this.kiwoom.requests("/oauth2/token")).hasSize(1);
		assertThat(this.kiwoom.requests("/api/dostk/stkinfo")).isEmpty();
	}

	@Test
	void unknownStockIsAnApiErrorNotATokenProblem() {
		this.app()
			.run((context) -> assertThatExceptionOfType(KiwoomApiException.class)
				.isThrownBy(() -> quote(context, "999999"))
				.satisfies((ex) -> assertThat(ex.getStatus().code()).isEqualTo(1902)));
		assertThat(this.kiwoom.requests("/oauth2/token")).hasSize(1);
		assertThat(this.kiwoom.requests("/api/dostk/stkinfo")).hasSize(1);
	}

}
