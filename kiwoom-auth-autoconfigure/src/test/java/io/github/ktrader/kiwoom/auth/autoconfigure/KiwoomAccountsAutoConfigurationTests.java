package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Duration;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.client.KiwoomAccount;
import io.github.ktrader.kiwoom.auth.client.KiwoomAccounts;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.client.KiwoomRestClientConfigurer;
import io.github.ktrader.kiwoom.auth.client.UnknownKiwoomAccountException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the named key pairs of {@code kiwoom.accounts}.
 */
class KiwoomAccountsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("kiwoom.appkey=REAL-APPKEY-aaaaaaaaaaaa", "kiwoom.secretkey=REAL-SECRET-ssssssssssss",
				"kiwoom.read-timeout=7s", "kiwoom.token.renew-before=15m");

	private final ApplicationContextRunner withMock = this.contextRunner.withPropertyValues(
			"kiwoom.accounts.mock.host=https://mockapi.kiwoom.com",
			"kiwoom.accounts.mock.appkey=MOCK-APPKEY-bbbbbbbbbbbb",
			"kiwoom.accounts.mock.secretkey=MOCK-SECRET-tttttttttttt", "kiwoom.accounts.mock.token.renew-before=5m");

	@Test
	void withoutAccountsOnlyTheDefaultPairIsThere() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(KiwoomClient.class);
			assertThat(context).hasSingleBean(CachingAccessTokenProvider.class);
			assertThat(context.getBean(KiwoomAccounts.class).names()).containsExactly("default");
		});
	}

	@Test
	void namedPairGetsItsOwnBeansTheDefaultPairStaysInjectableByType() {
		this.withMock.run((context) -> {
			assertThat(context).hasNotFailed();
			KiwoomClient defaultClient = context.getBean(KiwoomClient.class);
			assertThat(defaultClient).isSameAs(context.getBean("kiwoomClient"));
			assertThat(context.getBean(AccessTokenProvider.class))
				.isSameAs(context.getBean("kiwoomAccessTokenProvider"));
			assertThat(context.getBean(KiwoomRestClientConfigurer.class))
				.isSameAs(context.getBean("kiwoomRestClientConfigurer"));
			assertThat(context.getBean("kiwoomClient.mock")).isInstanceOf(KiwoomClient.class)
				.isNotSameAs(defaultClient);
			assertThat(context.getBean("kiwoomAccessTokenProvider.mock")).isInstanceOf(CachingAccessTokenProvider.class)
				.isNotSameAs(context.getBean(AccessTokenProvider.class));
		});
	}

	@Test
	void namedPairIsInjectedByQualifier() {
		this.withMock.withUserConfiguration(TwoPairsUser.class).run((context) -> {
			TwoPairsUser.Uses uses = context.getBean(TwoPairsUser.Uses.class);
			assertThat(uses.real()).isSameAs(context.getBean("kiwoomClient"));
			assertThat(uses.mock()).isSameAs(context.getBean("kiwoomClient.mock"));
			assertThat(uses.qualifiedDefault()).isSameAs(context.getBean("kiwoomClient"));
			assertThat(uses.mockProvider()).isSameAs(context.getBean("kiwoomAccessTokenProvider.mock"));
			assertThat(uses.mockAccount().host()).isEqualTo("https://mockapi.kiwoom.com");
		});
	}

	@Test
	void kiwoomAccountsHandsOutEachPairByName() {
		this.withMock.run((context) -> {
			KiwoomAccounts accounts = context.getBean(KiwoomAccounts.class);
			assertThat(accounts.names()).containsExactly("default", "mock");
			KiwoomAccount mock = accounts.get("mock");
			assertThat(mock.client()).isSameAs(context.getBean("kiwoomClient.mock"));
			assertThat(mock.tokenProvider()).isSameAs(context.getBean("kiwoomAccessTokenProvider.mock"));
			assertThat(mock.host()).isEqualTo("https://mockapi.kiwoom.com");
			assertThat(mock.state()).isPresent();
			KiwoomAccount real = accounts.get("default");
			assertThat(real.client()).isSameAs(context.getBean(KiwoomClient.class));
			assertThat(real.host()).isEqualTo("https://api.kiwoom.com");
		});
	}

	@Test
	void unknownNameIsATypedErrorListingTheKnownOnes() {
		this.withMock.run((context) -> assertThatExceptionOfType(UnknownKiwoomAccountException.class)
			.isThrownBy(() -> context.getBean(KiwoomAccounts.class).get("paper"))
			.withMessageContaining("'paper'")
			.withMessageContaining("[default, mock]")
			.withMessageContaining("kiwoom.accounts.paper")
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("paper")));
	}

	@Test
	void namedPairInheritsUnsetSettingsFromTheDefaultPairAndOverridesItsOwn() {
		this.withMock.withPropertyValues("kiwoom.accounts.mock.connect-timeout=1s").run((context) -> {
			KiwoomAuthProperties mock = KiwoomAccountsRegistrar.bind(context.getEnvironment(), "mock");
			assertThat(mock.getReadTimeout()).isEqualTo(Duration.ofSeconds(7));
			assertThat(mock.getConnectTimeout()).isEqualTo(Duration.ofSeconds(1));
			assertThat(mock.getToken().getRenewBefore()).isEqualTo(Duration.ofMinutes(5));
			assertThat(mock.getHost()).isEqualTo("https://mockapi.kiwoom.com");
			assertThat(context.getBean(KiwoomAuthProperties.class).getToken().getRenewBefore())
				.isEqualTo(Duration.ofMinutes(15));
		});
	}

	@Test
	void namedPairNeverInheritsTheDefaultPairsKeys() {
		this.contextRunner.withPropertyValues("kiwoom.accounts.mock.host=https://mockapi.kiwoom.com")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("kiwoom.accounts.mock.appkey"));
	}

	@Test
	void badSettingOfANamedPairFailsStartupNamingThePairsKey() {
		this.withMock.withPropertyValues("kiwoom.accounts.mock.read-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("kiwoom.accounts.mock.read-timeout"));
	}

	@Test
	void badHostOfANamedPairFailsStartupNamingThePairsKey() {
		this.withMock.withPropertyValues("kiwoom.accounts.mock.host=mockapi.kiwoom.com")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("kiwoom.accounts.mock.host"));
	}

	@Test
	void namedPairOnTheDefaultPairsKeyAndHostFailsStartup() {
		this.contextRunner
			.withPropertyValues("kiwoom.accounts.twin.appkey=REAL-APPKEY-aaaaaaaaaaaa",
					"kiwoom.accounts.twin.secretkey=REAL-SECRET-ssssssssssss")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("kiwoom.accounts.twin.appkey")
				.hasMessageContaining("kiwoom.appkey")
				.hasMessageNotContaining("REAL-APPKEY-aaaaaaaaaaaa")
				.hasMessageNotContaining("REAL-SECRET"));
	}

	@Test
	void twoNamedPairsOnOneKeyAndHostFailStartupNamingBoth() {
		this.withMock
			.withPropertyValues("kiwoom.accounts.copy.host=https://mockapi.kiwoom.com",
					"kiwoom.accounts.copy.appkey=MOCK-APPKEY-bbbbbbbbbbbb",
					"kiwoom.accounts.copy.secretkey=MOCK-SECRET-tttttttttttt")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("kiwoom.accounts.copy.appkey")
				.hasMessageContaining("kiwoom.accounts.mock.appkey"));
	}

	@Test
	void namedPairInheritsTheIpMismatchWindowUnlessItSetsItsOwn() {
		this.withMock.withPropertyValues("kiwoom.token.ip-mismatch-window=3m").run((context) -> {
			assertThat(ipMismatchWindow(context.getBean("kiwoomAccessTokenProvider"))).isEqualTo(Duration.ofMinutes(3));
			assertThat(ipMismatchWindow(context.getBean("kiwoomAccessTokenProvider.mock")))
				.isEqualTo(Duration.ofMinutes(3));
		});
		this.withMock.withPropertyValues("kiwoom.accounts.mock.token.ip-mismatch-window=1m").run((context) -> {
			assertThat(ipMismatchWindow(context.getBean("kiwoomAccessTokenProvider")))
				.isEqualTo(Duration.ofMinutes(10));
			assertThat(ipMismatchWindow(context.getBean("kiwoomAccessTokenProvider.mock")))
				.isEqualTo(Duration.ofMinutes(1));
		});
	}

	@Test
	void namedPairsBadIpMismatchWindowNamesItsKey() {
		this.withMock.withPropertyValues("kiwoom.accounts.mock.token.ip-mismatch-window=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("kiwoom.accounts.mock.token.ip-mismatch-window")));
	}

	private static Object ipMismatchWindow(Object provider) {
		Object parts = ReflectionTestUtils.getField(provider, "parts");
		Object rejections = ReflectionTestUtils.getField(parts, "rejections");
		return ReflectionTestUtils.getField(rejections, "ipMismatchWindow");
	}

	@Test
	void sameKeyOnTheOtherHostIsAnotherPair() {
		this.contextRunner
			.withPropertyValues("kiwoom.accounts.mock.host=https://mockapi.kiwoom.com",
					"kiwoom.accounts.mock.appkey=REAL-APPKEY-aaaaaaaaaaaa",
					"kiwoom.accounts.mock.secretkey=REAL-SECRET-ssssssssssss")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void nameDefaultIsReserved() {
		this.contextRunner
			.withPropertyValues("kiwoom.accounts.default.appkey=MOCK-APPKEY-bbbbbbbbbbbb",
					"kiwoom.accounts.default.secretkey=MOCK-SECRET-tttttttttttt")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("kiwoom.accounts.default"));
	}

	@Test
	void namedPairsBeansDoNotMakeTheDefaultPairsBackOff() {
		this.withMock.run((context) -> {
			assertThat(context).hasBean("kiwoomAccessTokenProvider");
			assertThat(context).hasBean("kiwoomClient");
			assertThat(context).hasBean("kiwoomRestClientConfigurer");
			assertThat(context).hasBean("kiwoomRevokeTokenOnCloseLifecycle");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoPairsUser {

		@Bean
		Uses uses(KiwoomClient real, @Qualifier("mock") KiwoomClient mock,
				@Qualifier("default") KiwoomClient qualifiedDefault,
				@Qualifier("mock") CachingAccessTokenProvider mockProvider,
				@Qualifier("mock") KiwoomAccount mockAccount) {
			return new Uses(real, mock, qualifiedDefault, mockProvider, mockAccount);
		}

		record Uses(KiwoomClient real, KiwoomClient mock, KiwoomClient qualifiedDefault,
				CachingAccessTokenProvider mockProvider, KiwoomAccount mockAccount) {
		}

	}

}
