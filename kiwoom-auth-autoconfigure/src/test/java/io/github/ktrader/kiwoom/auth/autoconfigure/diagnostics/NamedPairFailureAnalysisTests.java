package io.github.ktrader.kiwoom.auth.autoconfigure.diagnostics;

import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failure report of a named key pair's bad setting, from the real startup failure.
 */
class NamedPairFailureAnalysisTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("kiwoom.appkey=REAL-APPKEY-aaaaaaaaaaaa", "kiwoom.secretkey=REAL-SECRET-ssssssssssss",
				"kiwoom.accounts.mock.host=https://mockapi.kiwoom.com",
				"kiwoom.accounts.mock.secretkey=MOCK-SECRET-tttttttttttt");

	@Test
	void missingAppkeyOfANamedPairIsReportedUnderThePairsKey() {
		this.contextRunner.run((context) -> {
			FailureAnalysis analysis = new KiwoomPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).startsWith("kiwoom.accounts.mock.appkey")
				.doesNotContain("MOCK-SECRET");
			assertThat(analysis.getAction()).contains("kiwoom.accounts.mock.appkey");
		});
	}

}
