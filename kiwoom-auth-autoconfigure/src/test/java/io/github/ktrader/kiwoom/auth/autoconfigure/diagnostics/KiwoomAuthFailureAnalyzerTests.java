package io.github.ktrader.kiwoom.auth.autoconfigure.diagnostics;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link KiwoomAuthFailureAnalyzer}.
 */
@ExtendWith(OutputCaptureExtension.class)
class KiwoomAuthFailureAnalyzerTests {

	private final MockEnvironment environment = new MockEnvironment();

	private final KiwoomAuthFailureAnalyzer analyzer = new KiwoomAuthFailureAnalyzer(this.environment);

	private final KiwoomSimulator kiwoom = KiwoomSimulator.start();

	@AfterEach
	void stop() {
		this.kiwoom.close();
	}

	private FailureAnalysis analyze(int returnCode, String message) {
		KiwoomStatus status = KiwoomStatus.of(200, returnCode, message);
		KiwoomErrorKind kind = status.errorKind();
		return this.analyzer.analyze(new IllegalStateException("Failed to execute ApplicationRunner",
				new KiwoomAuthException("au10001 (issue access token)", status, kind)));
	}

	@Test
	void wrongKeysAskToCheckBothKeys() {
		this.environment.setProperty("kiwoom.host", "https://mockapi.kiwoom.com");
		FailureAnalysis analysis = analyze(3, "인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]");
		assertThat(analysis.getDescription()).contains("app key (앱키) and secret key (시크릿키)").contains("8001");
		assertThat(analysis.getAction()).contains("kiwoom.appkey (앱키)")
			.contains("kiwoom.secretkey (시크릿키)")
			.contains("https://mockapi.kiwoom.com");
	}

	@Test
	void mockKeysOnTheRealHostPointToTheMockHost() {
		FailureAnalysis analysis = analyze(2, "입력 값 오류입니다[8030:투자구분(실전/모의)이 다릅니다]");
		assertThat(analysis.getDescription()).contains("모의투자").contains("https://api.kiwoom.com").contains("8030");
		assertThat(analysis.getAction()).contains("Set kiwoom.host to https://mockapi.kiwoom.com");
	}

	@Test
	void realKeysOnTheMockHostPointToTheRealHost() {
		this.environment.setProperty("kiwoom.host", "https://mockapi.kiwoom.com");
		FailureAnalysis analysis = analyze(2, "입력 값 오류입니다[8030:투자구분(실전/모의)이 다릅니다]");
		assertThat(analysis.getAction()).contains("Set kiwoom.host to https://api.kiwoom.com");
	}

	@Test
	void unregisteredIpAsksToRegisterIt() {
		FailureAnalysis analysis = analyze(3, "인증에 실패했습니다[8050:지정단말기 인증에 실패했습니다]");
		assertThat(analysis.getDescription()).contains("IP address").contains("8050");
		assertThat(analysis.getAction()).contains("Register this machine's public IP address")
			.contains("https://openapi.kiwoom.com")
			.contains("app key management menu (IP 등록)");
	}

	@ParameterizedTest(name = "{1}")
	@CsvSource(delimiter = '|', textBlock = """
			3 | 인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]
			2 | 입력 값 오류입니다[8030:투자구분(실전/모의)이 다릅니다]
			3 | 인증에 실패했습니다[8050:지정단말기 인증에 실패했습니다]
			""")
	void reportKeepsKiwoomsKoreanMessageAndCodeAndAdvisesWithTheKoreanTerm(int returnCode, String returnMsg) {
		FailureAnalysis analysis = analyze(returnCode, returnMsg);
		assertThat(analysis.getDescription()).contains("return_code " + returnCode, "\"" + returnMsg + "\"");
		assertThat(analysis.getAction()).containsPattern("\\p{IsLatin}{2,}").containsPattern("\\p{IsHangul}");
	}

	@Test
	void leavesTransientFailuresToBoot() {
		assertThat(this.analyzer.analyze(new KiwoomAuthException(KiwoomErrorKind.IO_ERROR, "timeout", null))).isNull();
		assertThat(this.analyzer.analyze(new KiwoomAuthException(KiwoomErrorKind.CLOSED, "closed", null))).isNull();
	}

	@Test
	void mockKeysOnTheRealHostStopStartupWithTheReport(CapturedOutput output) {
		this.kiwoom.faults().kiwoomError(Endpoint.TOKEN, 2, "입력 값 오류입니다[8030:투자구분(실전/모의)이 다릅니다]");
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(CallsKiwoomAtStartup.class).web(WebApplicationType.NONE)
				.properties("spring.main.banner-mode=off")
				.run("--kiwoom.host=" + this.kiwoom.url(), "--kiwoom.appkey=" + this.kiwoom.appkey(),
						"--kiwoom.secretkey=" + this.kiwoom.secretkey())
				.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The keys belong to the other environment, real trading (실전투자) or mock trading (모의투자), "
					+ "than kiwoom.host " + this.kiwoom.url())
			.contains("\"입력 값 오류입니다[8030:투자구분(실전/모의)이 다릅니다]\"")
			.contains("Action:")
			.contains("Real trading (실전투자) keys work only with kiwoom.host=https://api.kiwoom.com")
			.doesNotContain(this.kiwoom.appkey())
			.doesNotContain(this.kiwoom.secretkey());
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
			JacksonAutoConfiguration.class })
	static class CallsKiwoomAtStartup {

		@Bean
		ApplicationRunner callKiwoom(AccessTokenProvider tokenProvider) {
			return (args) -> tokenProvider.getAccessToken();
		}

	}

}
