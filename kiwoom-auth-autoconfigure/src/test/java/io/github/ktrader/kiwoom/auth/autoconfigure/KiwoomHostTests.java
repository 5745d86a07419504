package io.github.ktrader.kiwoom.auth.autoconfigure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomHost}: every spelling of one host names one token.
 */
class KiwoomHostTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("kiwoom.host=https://api.kiwoom.com", "kiwoom.appkey=REAL-APPKEY-aaaaaaaaaaaa",
				"kiwoom.secretkey=REAL-SECRET-ssssssssssss");

	@ParameterizedTest
	@ValueSource(strings = { "https://api.kiwoom.com", "https://api.kiwoom.com/", "https://api.kiwoom.com:443",
			"HTTPS://API.KIWOOM.COM", " Https://Api.Kiwoom.Com:443/ " })
	void spellingsOfTheRealHostAreOne(String host) {
		assertThat(KiwoomHost.normalize(host)).isEqualTo("https://api.kiwoom.com");
	}

	@ParameterizedTest
	@CsvSource({ "http://LOCALHOST:8080/, http://localhost:8080", "http://127.0.0.1:80, http://127.0.0.1",
			"https://api.kiwoom.com:8443, https://api.kiwoom.com:8443",
			"https://Proxy.example/Kiwoom/, https://proxy.example/Kiwoom", "api.kiwoom.com/, api.kiwoom.com" })
	void onlySchemeHostAndDefaultPortChange(String host, String normalized) {
		assertThat(KiwoomHost.normalize(host)).isEqualTo(normalized);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.kiwoom.com:443", "HTTPS://API.KIWOOM.COM", "https://api.kiwoom.com/" })
	void namedPairOnTheDefaultPairsKeyFailsStartupWhateverTheHostsSpelling(String host) {
		this.contextRunner
			.withPropertyValues("kiwoom.accounts.twin.host=" + host,
					"kiwoom.accounts.twin.appkey=REAL-APPKEY-aaaaaaaaaaaa",
					"kiwoom.accounts.twin.secretkey=REAL-SECRET-ssssssssssss")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("kiwoom.accounts.twin.appkey")
				.hasMessageContaining("same host (https://api.kiwoom.com)"));
	}

}
