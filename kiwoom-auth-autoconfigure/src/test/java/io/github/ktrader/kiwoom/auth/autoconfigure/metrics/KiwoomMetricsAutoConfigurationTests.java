package io.github.ktrader.kiwoom.auth.autoconfigure.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.AccessTokenListener;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.metrics.KiwoomAuthMetrics;
import io.github.ktrader.kiwoom.auth.metrics.KiwoomTokenExpiryMeterBinder;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomMetricsAutoConfiguration}.
 */
class KiwoomMetricsAutoConfigurationTests {

	private final KiwoomSimulator kiwoom = KiwoomSimulator.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
				JacksonAutoConfiguration.class, KiwoomMetricsAutoConfiguration.class))
		.withPropertyValues("kiwoom.host=" + this.kiwoom.url(), "kiwoom.appkey=" + this.kiwoom.appkey(),
				"kiwoom.secretkey=" + this.kiwoom.secretkey());

	private final ApplicationContextRunner bootMetricsRunner = this.contextRunner
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

	@AfterEach
	void stop() {
		this.kiwoom.close();
	}

	@Test
	void recordsIssueRejectionAndExpiryInBootsRegistry() {
		this.bootMetricsRunner.run((context) -> {
			assertThat(context).hasSingleBean(KiwoomAuthMetrics.class)
				.hasSingleBean(KiwoomTokenExpiryMeterBinder.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(KiwoomTokenExpiryMeterBinder.EXPIRES_IN).gauge().value()).isNaN();
			KiwoomClient client = context.getBean(KiwoomClient.class);
			client.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
			this.kiwoom.invalidateAllTokens();
			client.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
			assertThat(registry.get(KiwoomAuthMetrics.ISSUE)
				.tags("outcome", "success", "reason", "first_use")
				.timer()
				.count()).isOne();
			assertThat(registry.get(KiwoomAuthMetrics.ISSUE)
				.tags("outcome", "success", "reason", "rejected")
				.timer()
				.count()).isOne();
			assertThat(registry.get(KiwoomAuthMetrics.REJECTED).counter().count()).isOne();
			assertThat(registry.get(KiwoomTokenExpiryMeterBinder.EXPIRES_IN).gauge().value())
				.isGreaterThan(Duration.ofHours(23).toSeconds());
		});
	}

	@Test
	void recordsIssueFailuresByKind() {
		this.bootMetricsRunner.withPropertyValues("kiwoom.appkey=wrong-appkey-0123456789").run((context) -> {
			try {
				context.getBean(AccessTokenProvider.class).getAccessToken();
			}
			catch (RuntimeException ex) {
				// expected: 8001
			}
			assertThat(context.getBean(MeterRegistry.class)
				.get(KiwoomAuthMetrics.ISSUE)
				.tags("outcome", "invalid_credentials", "reason", "first_use")
				.timer()
				.count()).isOne();
		});
	}

	/**
	 * Boot closes its own registries on {@code ContextClosedEvent}, before the revoke; a
	 * registry that stays open sees it.
	 */
	@Test
	void recordsRevokeOnClose() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.contextRunner.withBean(MeterRegistry.class, () -> registry)
			.run((context) -> context.getBean(AccessTokenProvider.class).getAccessToken());
		assertThat(registry.get(KiwoomAuthMetrics.REVOKE).tags("outcome", "success").timer().count()).isOne();
		assertThat(this.kiwoom.revokedTokens()).hasSize(1);
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(KiwoomAuthMetrics.class)
			.doesNotHaveBean(KiwoomTokenExpiryMeterBinder.class));
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KiwoomAuthMetrics.class)
				.doesNotHaveBean(KiwoomTokenExpiryMeterBinder.class));
	}

	@Test
	void backsOffForAUserExpiryGauge() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withUserConfiguration(UserGaugeConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(KiwoomTokenExpiryMeterBinder.class)
				.hasBean("myGauge")
				.hasSingleBean(KiwoomAuthMetrics.class));
	}

	@Test
	void backsOffForUserBeans() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		KiwoomAuthMetrics userMetrics = new KiwoomAuthMetrics(registry);
		this.contextRunner.withBean(MeterRegistry.class, () -> registry)
			.withBean("myMetrics", KiwoomAuthMetrics.class, () -> userMetrics)
			.run((context) -> {
				assertThat(context).hasSingleBean(KiwoomAuthMetrics.class).hasBean("myMetrics");
				assertThat(context.getBeansOfType(AccessTokenListener.class)).containsValue(userMetrics);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserGaugeConfiguration {

		@Bean
		KiwoomTokenExpiryMeterBinder myGauge(CachingAccessTokenProvider tokenProvider) {
			return new KiwoomTokenExpiryMeterBinder(tokenProvider, Clock.systemUTC());
		}

	}

}
