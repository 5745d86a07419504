package io.github.ktrader.kiwoom.auth.autoconfigure.observation;

import java.util.Map;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.TokenIssuer;
import io.github.ktrader.kiwoom.auth.TokenRevoker;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.client.KiwoomAccounts;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.observation.KiwoomObservations;
import io.github.ktrader.kiwoom.auth.observation.ObservedTokenIssuer;
import io.github.ktrader.kiwoom.auth.observation.ObservedTokenRevoker;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KiwoomObservationAutoConfiguration} against the simulator.
 */
class KiwoomObservationAutoConfigurationTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private KiwoomSimulator simulator;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.simulator = KiwoomSimulator.start();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(KiwoomObservationAutoConfiguration.class, KiwoomAuthAutoConfiguration.class,
							RestClientAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withBean(ObservationRegistry.class, () -> this.registry)
			.withPropertyValues("kiwoom.host=" + this.simulator.url(), "kiwoom.appkey=" + this.simulator.appkey(),
					"kiwoom.secretkey=" + this.simulator.secretkey());
	}

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void issueAndRevokeAreObservedWithOutcome() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(TokenIssuer.class)).isInstanceOf(ObservedTokenIssuer.class);
			assertThat(context.getBean(TokenRevoker.class)).isInstanceOf(ObservedTokenRevoker.class);
			context.getBean(KiwoomClient.class)
				.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasObservationWithNameEqualTo(KiwoomObservations.ISSUE)
				.that()
				.hasContextualNameEqualTo("kiwoom au10001")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasLowCardinalityKeyValue("reason", "none")
				.hasLowCardinalityKeyValue("account", "default")
				.hasBeenStarted()
				.hasBeenStopped();
		});
		assertThat(this.simulator.revokedTokens()).hasSize(1);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(KiwoomObservations.REVOKE)
			.that()
			.hasContextualNameEqualTo("kiwoom au10002")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasBeenStopped();
		assertNoSecretInKeyValues(KiwoomObservations.ISSUE);
		assertNoSecretInKeyValues(KiwoomObservations.REVOKE);
	}

	@Test
	void namedPairsIssueIsObservedToo() {
		try (KiwoomSimulator mock = KiwoomSimulator.start()) {
			this.contextRunner
				.withPropertyValues("kiwoom.accounts.mock.host=" + mock.url(),
						"kiwoom.accounts.mock.appkey=" + mock.appkey(),
						"kiwoom.accounts.mock.secretkey=" + mock.secretkey())
				.run((context) -> {
					context.getBean(KiwoomAccounts.class)
						.get("mock")
						.client()
						.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
					TestObservationRegistryAssert.assertThat(this.registry)
						.hasObservationWithNameEqualTo(KiwoomObservations.ISSUE)
						.that()
						.hasLowCardinalityKeyValue("outcome", "success")
						.hasLowCardinalityKeyValue("account", "mock")
						.hasBeenStopped();
				});
			assertThat(mock.requests("/oauth2/token")).hasSize(1);
			assertThat(this.simulator.requests("/oauth2/token")).isEmpty();
		}
	}

	@Test
	void refusedIssueIsObservedWithReasonAndError() {
		this.contextRunner.withPropertyValues("kiwoom.secretkey=wrong-secret-key-0000").run((context) -> {
			assertThatExceptionOfType(KiwoomAuthException.class)
				.isThrownBy(() -> context.getBean(TokenIssuer.class).issue());
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasObservationWithNameEqualTo(KiwoomObservations.ISSUE)
				.that()
				.hasLowCardinalityKeyValue("outcome", "failure")
				.hasLowCardinalityKeyValue("reason", "invalid_credentials")
				.assertThatError()
				.isInstanceOf(KiwoomAuthException.class);
		});
		assertNoSecretInKeyValues(KiwoomObservations.ISSUE);
	}

	@Test
	void withoutRegistryNothingIsWrapped() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(KiwoomObservationAutoConfiguration.class, KiwoomAuthAutoConfiguration.class,
							RestClientAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("kiwoom.host=" + this.simulator.url(), "kiwoom.appkey=" + this.simulator.appkey(),
					"kiwoom.secretkey=" + this.simulator.secretkey())
			.run((context) -> {
				assertThat(context.getBean(TokenIssuer.class)).isNotInstanceOf(ObservedTokenIssuer.class);
				assertThat(context.getBean(TokenIssuer.class).issue().value()).isNotEmpty();
			});
	}

	@Test
	void backsOffWithoutMicrometerObservation() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KiwoomObservationPostProcessor.class)
				.getBean(TokenIssuer.class)
				.isNotInstanceOf(ObservedTokenIssuer.class));
	}

	@Test
	void beanThatIsBothIssuerAndRevokerIsLeftAlone() {
		this.contextRunner.withUserConfiguration(BothRoles.class).run((context) -> {
			assertThat(context.getBean(TokenIssuer.class)).isSameAs(context.getBean("issuerAndRevoker"));
			assertThat(context.getBean(TokenRevoker.class)).isSameAs(context.getBean("issuerAndRevoker"));
		});
	}

	private void assertNoSecretInKeyValues(String name) {
		TestObservationRegistryAssert.assertThat(this.registry)
			.forAllObservationsWithNameEqualTo(name, (observation) -> observation.satisfies((actual) -> {
				Observation.Context context = (Observation.Context) actual;
				assertThat(context.getAllKeyValues()).extracting(KeyValue::getKey)
					.containsOnly("outcome", "reason", "account");
				for (KeyValue keyValue : context.getAllKeyValues()) {
					assertThat(keyValue.getValue()).doesNotContain(this.simulator.appkey())
						.doesNotContain(this.simulator.secretkey());
				}
			}));
	}

	@Configuration(proxyBeanMethods = false)
	static class BothRoles {

		@Bean
		IssuerAndRevoker issuerAndRevoker() {
			return new IssuerAndRevoker();
		}

	}

	static class IssuerAndRevoker implements TokenIssuer, TokenRevoker {

		@Override
		public AccessToken issue() {
			throw new IllegalStateException("unused");
		}

		@Override
		public void revoke(AccessToken token) {
		}

	}

}
