package io.github.ktrader.kiwoom.auth.autoconfigure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the reason {@link KiwoomPropertiesValidator} gives when {@code kiwoom.host}
 * is refused, and for the text of the token properties.
 */
class KiwoomHostValidationTests {

	private final KiwoomPropertiesValidator validator = new KiwoomPropertiesValidator("kiwoom", new MockEnvironment());

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			''                              | It must be set.
			api.kiwoom.com                  | It must be an absolute http or https URL.
			ftp://api.kiwoom.com            | It must be an absolute http or https URL.
			https://:443                    | It must name a host.
			https://api.kiwoom.com?x=1      | It must not contain user info, a query or a fragment.
			https://user@api.kiwoom.com     | It must not contain user info, a query or a fragment.
			https://api.kiwoom.com#top      | It must not contain user info, a query or a fragment.
			https://api kiwoom.com          | It is not a valid URL (
			http://api.kiwoom.com           | Plain http would send the keys and tokens in clear text
			http://192.168.0.10:8080        | Plain http would send the keys and tokens in clear text
			${KIWOOM_HOST}                  | It holds the placeholder ${KIWOOM_HOST}, which nothing resolved
			""")
	void refusesTheHostGivingTheReason(String host, String reason) {
		KiwoomAuthProperties properties = new KiwoomAuthProperties();
		properties.setAppkey("APPKEY-0123456789");
		properties.setSecretkey("SECRET-0123456789");
		properties.setHost(host);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> this.validator.validate(properties))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("kiwoom.host"))
			.satisfies((ex) -> assertThat(ex.getReason()).startsWith(reason).contains("https://api.kiwoom.com"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "revokeOnShutdown=true", "revokeTimeout=PT5S", "renewBefore=PT10M", "renewJitter=PT30S" })
	void tokenPropertiesShowTheirValues(String shown) {
		assertThat(new KiwoomAuthProperties().getToken().toString()).startsWith("Token[").contains(shown);
	}

}
