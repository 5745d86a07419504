package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link KiwoomPropertiesValidator}: the same checks for any pair, named after
 * the pair's keys.
 */
class KiwoomPropertiesValidatorTests {

	private static final String PREFIX = "kiwoom.accounts.mock";

	private final MockEnvironment environment = new MockEnvironment();

	private final KiwoomPropertiesValidator validator = new KiwoomPropertiesValidator(PREFIX, this.environment);

	private KiwoomAuthProperties valid() {
		KiwoomAuthProperties properties = new KiwoomAuthProperties();
		properties.setHost("https://mockapi.kiwoom.com");
		properties.setAppkey("APPKEY-0123456789");
		properties.setSecretkey("SECRET-0123456789");
		return properties;
	}

	@Test
	void acceptsAValidPair() {
		assertThatNoException().isThrownBy(() -> this.validator.validate(valid()));
	}

	@Test
	void namesTheKeysOfThePair() {
		KiwoomAuthProperties properties = valid();
		properties.setAppkey("${KIWOOM_MOCK_APPKEY}");
		assertRefused(properties, PREFIX + ".appkey", "KIWOOM_MOCK_APPKEY");
		properties = valid();
		properties.setHost("http://mockapi.kiwoom.com");
		assertRefused(properties, PREFIX + ".host", "clear text");
		properties = valid();
		properties.getToken().setRenewJitter(Duration.ofDays(200_000_000_000L));
		assertRefused(properties, PREFIX + ".token.renew-jitter", "at most 1d");
		properties = valid();
		properties.setMaxResponseSize(DataSize.ofGigabytes(1));
		assertRefused(properties, PREFIX + ".max-response-size", "at most 256MB");
	}

	@Test
	void blankValueUnderThePrefixIsRefused() {
		this.environment.setProperty(PREFIX + ".token.revoke-timeout", " ");
		assertRefused(valid(), PREFIX + ".token.revoke-timeout", "blank");
	}

	@Test
	void placeholderMessageShowsThePlaceholderOnly() {
		KiwoomAuthProperties properties = valid();
		properties.setSecretkey("SECRET-0123456789${SUFFIX}");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> this.validator.validate(properties))
			.satisfies((ex) -> assertThat(ex.getValue()).isEqualTo("${SUFFIX}"))
			.withMessageNotContaining("SECRET-0123456789");
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "LocalHost", "127.0.0.1", "127.255.255.254", "[::1]", "[0:0:0:0:0:0:0:1]" })
	void loopbackNames(String host) {
		assertThat(KiwoomPropertiesValidator.isLoopback(host)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "api.kiwoom.com", "128.0.0.1", "127.0.0.256", "127.0.0", "localhost.example.com",
			"127.0.0.1.nip.io", "0.0.0.0", "[::2]", "[::ffff:127.0.0.1]" })
	void notLoopbackNames(String host) {
		assertThat(KiwoomPropertiesValidator.isLoopback(host)).isFalse();
	}

	private void assertRefused(KiwoomAuthProperties properties, String key, String reason) {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> this.validator.validate(properties))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo(key))
			.withMessageContaining(reason);
	}

}
