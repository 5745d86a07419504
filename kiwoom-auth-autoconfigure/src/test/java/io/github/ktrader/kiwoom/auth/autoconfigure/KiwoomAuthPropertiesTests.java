package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomAuthProperties}.
 */
class KiwoomAuthPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class)
		.withPropertyValues("kiwoom.appkey=APPKEY-aaaaaaaaaaaaaaaa", "kiwoom.secretkey=SECRET-ssssssssssssssss");

	@Test
	void defaults() {
		this.contextRunner.run((context) -> {
			KiwoomAuthProperties properties = context.getBean(KiwoomAuthProperties.class);
			assertThat(properties.getHost()).isEqualTo("https://api.kiwoom.com");
			assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getToken().isRevokeOnShutdown()).isTrue();
			assertThat(properties.getToken().getRevokeTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getToken().getRenewBefore()).isEqualTo(Duration.ofMinutes(10));
			assertThat(properties.getToken().getRenewJitter()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.getToken().getFailureCooldown()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.getToken().getTransientFailureCooldown()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getToken().getYoungTokenAge()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.getToken().getRejectionStormInterval()).isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void bindsTheFailureKeys() {
		this.contextRunner
			.withPropertyValues("kiwoom.token.failure-cooldown=2m", "kiwoom.token.transient-failure-cooldown=0s",
					"kiwoom.token.young-token-age=500ms", "kiwoom.token.rejection-storm-interval=1m")
			.run((context) -> {
				KiwoomAuthProperties.Token token = context.getBean(KiwoomAuthProperties.class).getToken();
				assertThat(token.getFailureCooldown()).isEqualTo(Duration.ofMinutes(2));
				assertThat(token.getTransientFailureCooldown()).isZero();
				assertThat(token.getYoungTokenAge()).isEqualTo(Duration.ofMillis(500));
				assertThat(token.getRejectionStormInterval()).isEqualTo(Duration.ofMinutes(1));
			});
	}

	@Test
	void bindsEveryKey() {
		this.contextRunner
			.withPropertyValues("kiwoom.host=https://mockapi.kiwoom.com/", "kiwoom.connect-timeout=2s",
					"kiwoom.read-timeout=3s", "kiwoom.token.revoke-on-shutdown=false", "kiwoom.token.revoke-timeout=1s",
					"kiwoom.token.renew-before=30m", "kiwoom.token.renew-jitter=0s")
			.run((context) -> {
				KiwoomAuthProperties properties = context.getBean(KiwoomAuthProperties.class);
				assertThat(properties.baseUrl()).isEqualTo("https://mockapi.kiwoom.com");
				assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofSeconds(3));
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
			"kiwoom.token.rejection-storm-interval,-1s", "kiwoom.token.failure-cooldown,' '" })
	void nonPositiveDurationNamesTheKey(String key, String value) {
		assertFailureNames(key, key + "=" + value);
	}

	private void assertFailureNames(String key, String property) {
		this.contextRunner.withPropertyValues(property)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(key));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(KiwoomAuthProperties.class)
	static class PropertiesConfiguration {

	}

}
