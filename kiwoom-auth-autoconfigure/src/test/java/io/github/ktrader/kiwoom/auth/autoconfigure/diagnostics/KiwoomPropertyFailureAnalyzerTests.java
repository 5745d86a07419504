package io.github.ktrader.kiwoom.auth.autoconfigure.diagnostics;

import java.time.Duration;

import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link KiwoomPropertyFailureAnalyzer}.
 */
@ExtendWith(OutputCaptureExtension.class)
class KiwoomPropertyFailureAnalyzerTests {

	private final KiwoomPropertyFailureAnalyzer analyzer = new KiwoomPropertyFailureAnalyzer();

	private FailureAnalysis analyze(String name, Object value, String reason) {
		return this.analyzer.analyze(new BeanCreationException("kiwoomAuthProperties",
				new InvalidConfigurationPropertyValueException(name, value, reason)));
	}

	@Test
	void missingAppkeyNamesTheKeyAndTheKoreanTerm() {
		FailureAnalysis analysis = analyze("kiwoom.appkey", null,
				"It must be set to the app key (앱키) issued on Kiwoom's REST API site (키움 REST API, "
						+ "https://openapi.kiwoom.com).");
		assertThat(analysis.getDescription()).startsWith("kiwoom.appkey, the Kiwoom app key (앱키), is not set.");
		assertThat(analysis.getAction()).contains("Set kiwoom.appkey")
			.contains("environment variable KIWOOM_APPKEY")
			.contains("'kiwoom.appkey: ${KIWOOM_APPKEY:}'")
			.doesNotContain("${KIWOOM_APPKEY}")
			.contains("모의투자");
	}

	@Test
	void unresolvedPlaceholderNamesTheKeyAndTheVariable() {
		FailureAnalysis analysis = analyze("kiwoom.appkey", "${KIWOOM_APPKEY}",
				"It holds the placeholder ${KIWOOM_APPKEY}, which nothing resolved.");
		assertThat(analysis.getDescription()).startsWith("kiwoom.appkey, the Kiwoom app key (앱키), is not set:")
			.contains("${KIWOOM_APPKEY}");
		assertThat(analysis.getAction()).contains("Set the environment variable KIWOOM_APPKEY")
			.contains("kiwoom.appkey")
			.contains("${KIWOOM_APPKEY:}")
			.doesNotContain("${KIWOOM_APPKEY}'");
	}

	@Test
	void unresolvedPlaceholderOfANamedPairNamesItsVariable() {
		FailureAnalysis analysis = analyze("kiwoom.accounts.mock.secretkey", "${MOCK_SECRET}",
				"It holds the placeholder ${MOCK_SECRET}, which nothing resolved.");
		assertThat(analysis.getDescription()).startsWith("kiwoom.accounts.mock.secretkey, the Kiwoom secret key");
		assertThat(analysis.getAction()).contains("Set the environment variable MOCK_SECRET")
			.contains("kiwoom.accounts.mock.secretkey");
	}

	@Test
	void plainHttpToAnotherMachineOffersBothHosts() {
		FailureAnalysis analysis = analyze("kiwoom.host", "http://api.kiwoom.com",
				"Plain http would send the keys and tokens in clear text.");
		assertThat(analysis.getDescription()).contains("'http://api.kiwoom.com'").contains("clear text");
		assertThat(analysis.getAction()).contains("https://api.kiwoom.com");
	}

	@Test
	void invalidSecretkeyNeverShowsTheValue() {
		FailureAnalysis analysis = analyze("kiwoom.secretkey", "SECR****", "It contains whitespace at index 3.");
		assertThat(analysis.getDescription()).contains("시크릿키").contains("value not shown").contains("index 3");
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("SECR****");
		assertThat(analysis.getAction()).contains("KIWOOM_SECRETKEY").doesNotContain("${KIWOOM_SECRETKEY}");
	}

	@Test
	void malformedHostOffersBothHosts() {
		FailureAnalysis analysis = analyze("kiwoom.host", "ftp://api.kiwoom.com",
				"It must be an absolute http or https URL.");
		assertThat(analysis.getDescription()).contains("'ftp://api.kiwoom.com'").contains("absolute http or https URL");
		assertThat(analysis.getAction()).contains("https://api.kiwoom.com")
			.contains("https://mockapi.kiwoom.com")
			.contains("모의투자");
	}

	@Test
	void hostWithUserInfoHidesIt() {
		FailureAnalysis analysis = analyze("kiwoom.host", "https://user:pa55word@api.kiwoom.com",
				"It must not contain user info.");
		assertThat(analysis.getDescription()).contains("https://****@api.kiwoom.com").doesNotContain("pa55word");
	}

	@Test
	void nonPositiveDurationAsksForAPositiveOne() {
		FailureAnalysis analysis = analyze("kiwoom.token.renew-before", Duration.ZERO, "It must be positive.");
		assertThat(analysis.getDescription())
			.isEqualTo("kiwoom.token.renew-before is 'PT0S', which kiwoom-auth does not accept: It must be positive.");
		assertThat(analysis.getAction()).contains("positive duration such as 5s or 10m");
	}

	@Test
	void everyDurationKeyAsksForAPositiveDurationWithTheKoreanTerm() {
		assertThat(analyze("kiwoom.token.renew-before", Duration.ZERO, "It must be positive.").getAction())
			.startsWith("Set kiwoom.token.renew-before, the automatic renewal (자동 갱신) setting, to a positive duration");
		assertThat(analyze("kiwoom.token.revoke-timeout", Duration.ZERO, "It must be positive.").getAction())
			.contains(", the token revoke (토큰 폐기) setting, to a positive duration");
		assertThat(analyze("kiwoom.connect-timeout", Duration.ZERO, "It must be positive.").getAction())
			.startsWith("Set kiwoom.connect-timeout to a positive duration");
		assertThat(analyze("kiwoom.accounts.mock.read-timeout", Duration.ZERO, "It must be positive.").getAction())
			.startsWith("Set kiwoom.accounts.mock.read-timeout to a positive duration");
	}

	/**
	 * The validator accepts zero for these five keys, so the advice must not ask for a
	 * positive value.
	 */
	@Test
	void zeroAllowedDurationsSayZeroIsAllowed() {
		assertThat(analyze("kiwoom.token.renew-jitter", Duration.ofSeconds(-1), "It must be zero or positive.")
			.getAction())
			.startsWith("Set kiwoom.token.renew-jitter, the automatic renewal (자동 갱신) setting, "
					+ "to zero (to turn it off) or a positive duration such as 5s or 10m");
		for (String key : new String[] { "kiwoom.token.failure-cooldown", "kiwoom.token.transient-failure-cooldown" }) {
			assertThat(analyze(key, Duration.ofSeconds(-1), "It must be zero or positive.").getAction())
				.startsWith("Set " + key + ", the token issue (토큰 발급) setting, to zero (to turn it off) or a "
						+ "positive duration");
		}
		for (String key : new String[] { "kiwoom.token.young-token-age",
				"kiwoom.accounts.mock.token.rejection-storm-interval" }) {
			assertThat(analyze(key, Duration.ofSeconds(-1), "It must be zero or positive.").getAction())
				.startsWith("Set " + key + ", the token re-issue limit (토큰 재발급 제한) setting, to zero (to turn it "
						+ "off) or a positive duration");
		}
	}

	@Test
	void leaseAsksForItsRange() {
		assertThat(analyze("kiwoom.token.redis.lease", Duration.ofMillis(10), "It must be at least 100ms.").getAction())
			.startsWith("Set kiwoom.token.redis.lease, the cluster mode (클러스터 모드) setting, to a duration from "
					+ "100ms to 5m such as 30s");
	}

	/**
	 * Every gloss in the advice reads "English (한국어)": never a Korean term first.
	 */
	@Test
	void glossesPutTheEnglishFirst() {
		for (String key : new String[] { "kiwoom.token.renew-before", "kiwoom.token.revoke-timeout",
				"kiwoom.token.redis.lease", "kiwoom.token.failure-cooldown", "kiwoom.token.young-token-age" }) {
			assertThat(analyze(key, Duration.ofSeconds(-1), "bad").getAction())
				.containsPattern("[a-z] \\(\\p{IsHangul}[\\p{IsHangul} ]*\\)")
				.doesNotContainPattern("\\(\\p{IsHangul}[\\p{IsHangul} ]*, [a-z]");
		}
		assertThat(analyze("kiwoom.appkey", null, "It must be set.").getAction()).contains("Real trading (실전투자)",
				"mock trading (모의투자)", "https://openapi.kiwoom.com");
	}

	@Test
	void missingRealtimeAddressAsksForTheAddressNotToRemoveIt() {
		FailureAnalysis analysis = analyze("kiwoom.accounts.mock.realtime.url", null,
				" Kiwoom account 'mock' has no real-time address: its host http://127.0.0.1:1 is not one of Kiwoom's.");
		assertThat(analysis.getDescription()).startsWith("kiwoom.accounts.mock.realtime.url is not set:")
			.doesNotContain("'null'");
		assertThat(analysis.getAction()).startsWith("Set kiwoom.accounts.mock.realtime.url to the real-time socket")
			.contains("kiwoom.accounts.mock.host")
			.doesNotContain("remove it");
	}

	@Test
	void leavesOtherPropertiesToBoot() {
		assertThat(analyze("spring.datasource.url", "x", "bad")).isNull();
	}

	@Test
	void blankSecretkeyStopsStartupWithTheReport(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--kiwoom.appkey=APPKEY-aaaaaaaaaaaaaaaa", "--kiwoom.secretkey= "));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("kiwoom.secretkey, the Kiwoom secret key (시크릿키), is not set.")
			.contains("Action:")
			.contains("Set kiwoom.secretkey to the secret key (시크릿키)")
			.doesNotContain("APPKEY-aaaaaaaaaaaaaaaa");
	}

	@Test
	void malformedHostStopsStartupWithTheReport(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--kiwoom.appkey=APPKEY-aaaaaaaaaaaaaaaa",
				"--kiwoom.secretkey=SECRET-ssssssssssssssss", "--kiwoom.host=api.kiwoom.com"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("kiwoom.host is 'api.kiwoom.com', which is not a Kiwoom REST API host")
			.contains("https://api.kiwoom.com for real trading (실전투자)")
			.contains("https://mockapi.kiwoom.com for mock trading (모의투자)")
			.doesNotContain("SECRET-ssssssssssssssss");
	}

	@Test
	void negativeTimeoutStopsStartupWithTheReport(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--kiwoom.appkey=APPKEY-aaaaaaaaaaaaaaaa",
				"--kiwoom.secretkey=SECRET-ssssssssssssssss", "--kiwoom.read-timeout=-1s"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("kiwoom.read-timeout is 'PT-1S', which kiwoom-auth does not accept: It must be positive.")
			.contains("Set kiwoom.read-timeout to a positive duration");
	}

	private static void run(String... args) {
		new SpringApplicationBuilder(MinimalApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.run(args)
			.close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
			JacksonAutoConfiguration.class })
	static class MinimalApplication {

	}

}
