package io.github.ktrader.kiwoom.auth.autoconfigure.health;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.health.KiwoomHealthIndicator;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KiwoomHealthContributorAutoConfiguration}.
 */
class KiwoomHealthContributorAutoConfigurationTests {

	private final KiwoomSimulator kiwoom = KiwoomSimulator.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
				JacksonAutoConfiguration.class, KiwoomHealthContributorAutoConfiguration.class))
		.withPropertyValues("kiwoom.host=" + this.kiwoom.url(), "kiwoom.appkey=" + this.kiwoom.appkey(),
				"kiwoom.secretkey=" + this.kiwoom.secretkey());

	@AfterEach
	void stop() {
		this.kiwoom.close();
	}

	@Test
	void suppliesIndicatorThatIsUpBeforeFirstUse() {
		this.contextRunner.run((context) -> {
			Health health = context.getBean(KiwoomHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("state", "NOT_ISSUED")
				.containsEntry("host", this.kiwoom.url());
			assertThat(this.kiwoom.requests()).isEmpty();
		});
	}

	@Test
	void reportsTheMaskedTokenOnceIssued() {
		this.contextRunner.run((context) -> {
			String token = context.getBean(AccessTokenProvider.class).getAccessToken().value();
			Health health = context.getBean(KiwoomHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("state", "VALID")
				.containsEntry("token", token.substring(0, 4) + "****")
				.containsKey("expiresAt");
			assertThat(health.toString()).doesNotContain(token);
		});
	}

	@Test
	void isDownAfterWrongKeys() {
		this.contextRunner.withPropertyValues("kiwoom.secretkey=wrong-secret-0123456789").run((context) -> {
			assertThatExceptionOfType(KiwoomAuthException.class)
				.isThrownBy(() -> context.getBean(AccessTokenProvider.class).getAccessToken());
			Health health = context.getBean(KiwoomHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("state", "FAILED")
				.containsEntry("lastFailureKind", "INVALID_CREDENTIALS");
			assertThat(health.toString()).doesNotContain("wrong-secret").doesNotContain(this.kiwoom.appkey());
		});
	}

	@Test
	void backsOffForAUserIndicatorOfTheSameName() {
		this.contextRunner.withBean("kiwoomHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
			.run((context) -> assertThat(context).doesNotHaveBean(KiwoomHealthIndicator.class)
				.hasBean("kiwoomHealthIndicator"));
	}

	@Test
	void backsOffForAUserIndicatorOfTheSameType() {
		this.contextRunner.withUserConfiguration(UserHealthConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(KiwoomHealthIndicator.class)
				.hasBean("myKiwoomHealth")
				.doesNotHaveBean("kiwoomHealthIndicator"));
	}

	@Test
	void canBeDisabled() {
		this.contextRunner.withPropertyValues("management.health.kiwoom.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KiwoomHealthIndicator.class));
	}

	@Test
	void followsTheDefaultsSwitch() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KiwoomHealthIndicator.class));
	}

	@Test
	void backsOffWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(KiwoomHealthIndicator.class));
	}

	@Test
	void backsOffWithoutTheCachingProvider() {
		this.contextRunner.withBean(AccessTokenProvider.class, () -> () -> null)
			.run((context) -> assertThat(context).doesNotHaveBean(KiwoomHealthIndicator.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserHealthConfiguration {

		@Bean
		KiwoomHealthIndicator myKiwoomHealth(CachingAccessTokenProvider tokenProvider) {
			return new KiwoomHealthIndicator(tokenProvider, "https://mockapi.kiwoom.com");
		}

	}

}
