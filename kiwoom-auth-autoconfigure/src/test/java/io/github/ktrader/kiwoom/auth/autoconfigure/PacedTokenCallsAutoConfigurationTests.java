package io.github.ktrader.kiwoom.auth.autoconfigure;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.client.KiwoomAccount;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured issuer of every key pair is paced by that pair's limiter, under
 * {@code au10001}, against the simulator.
 */
class PacedTokenCallsAutoConfigurationTests {

	private KiwoomSimulator simulator;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.simulator = KiwoomSimulator.start();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class,
					RestClientAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("kiwoom.host=" + this.simulator.url(), "kiwoom.appkey=" + this.simulator.appkey(),
					"kiwoom.secretkey=" + this.simulator.secretkey(), "kiwoom.token.revoke-on-shutdown=false");
	}

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void issueTakesAPermitOfItsOwnApiId() {
		// One every five seconds: the issue took the permit
		this.contextRunner.withPropertyValues("kiwoom.rate-limit.apis.au10001.rate=0.2").run((context) -> {
			context.getBean(AccessTokenProvider.class).getAccessToken();
			KiwoomRateLimiter limiter = context.getBean(KiwoomRateLimiter.class);
			assertThat(limiter.reserve("au10001")).isPositive();
			assertThat(limiter.reserve("ka10001")).isZero();
		});
	}

	@Test
	void issueTakesAPermitOfTheKeysBudget() {
		this.contextRunner.withPropertyValues("kiwoom.rate-limit.total.rate=0.2", "kiwoom.rate-limit.total.burst=1")
			.run((context) -> {
				context.getBean(AccessTokenProvider.class).getAccessToken();
				assertThat(context.getBean(KiwoomRateLimiter.class).reserve("ka10001")).isPositive();
			});
	}

	@Test
	void namedPairsIssueIsPacedByItsOwnLimiter() {
		KiwoomSimulator other = KiwoomSimulator.builder()
			.appkey("SecondAppkey" + System.nanoTime())
			.secretkey("SecondSecretkey" + System.nanoTime())
			.start();
		this.contextRunner
			.withPropertyValues("kiwoom.accounts.second.host=" + other.url(),
					"kiwoom.accounts.second.appkey=" + other.appkey(),
					"kiwoom.accounts.second.secretkey=" + other.secretkey(),
					"kiwoom.accounts.second.token.revoke-on-shutdown=false",
					"kiwoom.accounts.second.rate-limit.apis.au10001.rate=0.2")
			.run((context) -> {
				KiwoomAccount second = context.getBean("kiwoomAccount.second", KiwoomAccount.class);
				second.tokenProvider().getAccessToken();
				assertThat(second.rateLimiter())
					.hasValueSatisfying((limiter) -> assertThat(limiter.reserve("au10001")).isPositive());
				// The default pair's limiter saw none of it
				assertThat(context.getBean(KiwoomRateLimiter.class).reserve("au10001")).isZero();
			});
		other.close();
	}

}
