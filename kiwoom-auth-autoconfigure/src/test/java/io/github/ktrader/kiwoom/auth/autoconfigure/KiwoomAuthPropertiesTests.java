package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Duration;

import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomAuthProperties} and their validation at startup.
 */
class KiwoomAuthPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("kiwoom.appkey=APPKEY-aaaaaaaaaaaaaaaa", "kiwoom.secretkey=SECRET-ssssssssssssssss");

	@Test
	void defaults() {
		this.contextRunner.run((context) -> {
			KiwoomAuthProperties properties = context.getBean(KiwoomAuthProperties.class);
			assertThat(properties.getHost()).isEqualTo("https://api.kiwoom.com");
			assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getMaxResponseSize()).isEqualTo(DataSize.ofMegabytes(4));
			assertThat(properties.getToken().isRevokeOnShutdown()).isTrue();
			assertThat(properties.getToken().getRevokeTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getToken().getRenewBefore()).isEqualTo(Duration.ofMinutes(10));
			assertThat(properties.getToken().getRenewJitter()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.getToken().getFailureCooldown()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.getToken().getTransientFailureCooldown()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getToken().getYoungTokenAge()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.getToken().getRejectionStormInterval()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.getToken().getIpMismatchWindow()).isEqualTo(Duration.ofMinutes(10));
		});
	}

	@Test
	void bindsTheFailureKeys() {
		this.contextRunner
			.withPropertyValues("kiwoom.token.failure-cooldown=2m", "kiwoom.token.transient-failure-cooldown=0s",
					"kiwoom.token.young-token-age=500ms", "kiwoom.token.rejection-storm-interval=1m",
					"kiwoom.token.ip-mismatch-window=2m")
			.run((context) -> {
				KiwoomTokenProperties token = context.getBean(KiwoomAuthProperties.class).getToken();
				assertThat(token.getFailureCooldown()).isEqualTo(Duration.ofMinutes(2));
				assertThat(token.getTransientFailureCooldown()).isZero();
				assertThat(token.getYoungTokenAge()).isEqualTo(Duration.ofMillis(500));
				assertThat(token.getRejectionStormInterval()).isEqualTo(Duration.ofMinutes(1));
				assertThat(token.getIpMismatchWindow()).isEqualTo(Duration.ofMinutes(2));
			});
	}

	@Test
	void bindsEveryKey() {
		this.contextRunner
			.withPropertyValues("kiwoom.host=https://mockapi.kiwoom.com/", "kiwoom.connect-timeout=2s",
					"kiwoom.read-timeout=3s", "kiwoom.max-response-size=16MB", "kiwoom.token.revoke-on-shutdown=false",
					"kiwoom.token.revoke-timeout=1s", "kiwoom.token.renew-before=30m", "kiwoom.token.renew-jitter=0s")
			.run((context) -> {
				KiwoomAuthProperties properties = context.getBean(KiwoomAuthProperties.class);
				assertThat(properties.baseUrl()).isEqualTo("https://mockapi.kiwoom.com");
				assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getMaxResponseSize()).isEqualTo(DataSize.ofMegabytes(16));
				assertThat(properties.getToken().isRevokeOnShutdown()).isFalse();
				assertThat(properties.getToken().getRevokeTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(properties.getToken().getRenewBefore()).isEqualTo(Duration.ofMinutes(30));
				assertThat(properties.getToken().getRenewJitter()).isZero();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "api.kiwoom.com", "ftp://api.kiwoom.com", "https://", "https://api.kiwoom.com?x=1",
			"https://user:pw@api.kiwoom.com", "https://api kiwoom.com", " " })
	void badHostNamesTheKey(String host) {
		assertFailureNames("kiwoom.host", "kiwoom.host=" + host);
	}

	@ParameterizedTest
	@ValueSource(strings = { "kiwoom.appkey", "kiwoom.secretkey" })
	void blankKeyNamesTheKey(String key) {
		assertFailureNames(key, key + "=");
	}

	@ParameterizedTest
	@ValueSource(strings = { "kiwoom.appkey", "kiwoom.secretkey" })
	void keyWithSpacesOrNonAsciiNamesTheKeyWithoutShowingIt(String key) {
		assertFailureNames(key, key + "=VALUE-WITH SPACE-0123456789");
		assertFailureNames(key, key + "=앱키앱키앱키앱키앱키앱키");
		this.contextRunner.withPropertyValues(key + "=VALUE-WITH SPACE-0123456789")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.message()
				.doesNotContain("VALUE-WITH SPACE-0123456789"));
	}

	@ParameterizedTest
	@CsvSource({ "kiwoom.connect-timeout,0s", "kiwoom.connect-timeout,-1s", "kiwoom.read-timeout,0ms",
			"kiwoom.token.revoke-timeout,0s", "kiwoom.token.revoke-timeout,-5s", "kiwoom.token.renew-before,0m",
			"kiwoom.token.renew-jitter,-1s", "kiwoom.token.failure-cooldown,-1s",
			"kiwoom.token.transient-failure-cooldown,-1s", "kiwoom.token.young-token-age,-1s",
			"kiwoom.token.rejection-storm-interval,-1s", "kiwoom.token.failure-cooldown,' '",
			"kiwoom.token.ip-mismatch-window,0s", "kiwoom.token.ip-mismatch-window,-1m",
			"kiwoom.token.ip-mismatch-window,2d", "kiwoom.token.ip-mismatch-window,' '" })
	void nonPositiveDurationNamesTheKey(String key, String value) {
		assertFailureNames(key, key + "=" + value);
	}

	@ParameterizedTest
	@CsvSource({ "kiwoom.appkey,KIWOOM_APPKEY", "kiwoom.secretkey,KIWOOM_SECRETKEY", "kiwoom.host,KIWOOM_HOST" })
	void unresolvedPlaceholderNamesTheKeyAndTheVariable(String key, String variable) {
		this.contextRunner.withPropertyValues(key + "=${" + variable + "}")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo(key))
				.hasMessageContaining("${" + variable + "}")
				.hasMessageContaining("placeholder"));
	}

	@Test
	void unresolvedPlaceholderInsideAValueNamesTheVariableOnly() {
		this.contextRunner.withPropertyValues("kiwoom.appkey=APPKEY-aaaaaaaa${KIWOOM_APPKEY_SUFFIX}")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("kiwoom.appkey")
				.hasMessageContaining("${KIWOOM_APPKEY_SUFFIX}")
				.hasMessageNotContaining("APPKEY-aaaaaaaa"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://api.kiwoom.com", "http://mockapi.kiwoom.com:80", "HTTP://API.KIWOOM.COM",
			"http://10.0.0.1:8080", "http://128.0.0.1", "http://localhost.example.com", "http://127.0.0.1.example.com",
			"http://[::2]:8080", "http://0.0.0.0:8080" })
	void plainHttpToAnotherMachineNamesTheHost(String host) {
		this.contextRunner.withPropertyValues("kiwoom.host=" + host)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("kiwoom.host"))
				.hasMessageContaining("clear text"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:8080", "http://127.1.2.3:8080", "http://localhost:8080",
			"HTTP://LOCALHOST", "http://[::1]:8080", "https://api.kiwoom.com", "https://mockapi.kiwoom.com",
			"https://kiwoom-proxy.example.com:8443" })
	void acceptsHttpsAnywhereAndHttpOnThisMachine(String host) {
		this.contextRunner.withPropertyValues("kiwoom.host=" + host)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@CsvSource({ "kiwoom.token.renew-jitter,200000000000d", "kiwoom.token.renew-jitter,25h",
			"kiwoom.token.renew-before,PT24H1S", "kiwoom.token.renew-before,3650d", "kiwoom.connect-timeout,6m",
			"kiwoom.read-timeout,1h", "kiwoom.token.revoke-timeout,36500d", "kiwoom.token.revoke-timeout,301s" })
	void durationPastItsBoundNamesTheKey(String key, String value) {
		this.contextRunner.withPropertyValues(key + "=" + value)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo(key))
				.hasMessageContaining("at most"));
	}

	@Test
	void acceptsDurationsAtTheirBounds() {
		this.contextRunner
			.withPropertyValues("kiwoom.token.renew-jitter=1d", "kiwoom.token.renew-before=1d",
					"kiwoom.connect-timeout=5m", "kiwoom.read-timeout=5m", "kiwoom.token.revoke-timeout=5m",
					"kiwoom.max-response-size=256MB")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "0B", "257MB", "1GB", "-1KB" })
	void maxResponseSizeOutOfRangeNamesTheKey(String value) {
		assertFailureNames("kiwoom.max-response-size", "kiwoom.max-response-size=" + value);
	}

	@Test
	void blankMaxResponseSizeNamesTheKey() {
		assertFailureNames("kiwoom.max-response-size", "kiwoom.max-response-size= ");
	}

	@Test
	void keysAreNotRequiredWhenTheUserSuppliesCredentials() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class,
					RestClientAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withBean(KiwoomCredentials.class,
					() -> new KiwoomCredentials("USER-APPKEY-0123456789", "USER-SECRET-0123"))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private void assertFailureNames(String key, String property) {
		this.contextRunner.withPropertyValues(property)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(key));
	}

}
