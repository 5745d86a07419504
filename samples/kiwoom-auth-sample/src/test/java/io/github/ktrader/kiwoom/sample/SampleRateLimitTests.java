package io.github.ktrader.kiwoom.sample;

import java.util.regex.Pattern;

import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's back-to-back quotes against a server that allows one ka10001 per second,
 * as Kiwoom does: every quote prints, paced by the starter, with at most two refusals.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleRateLimitTests {

	private KiwoomSimulator simulator;

	@BeforeEach
	void start() {
		this.simulator = KiwoomSimulator.start();
		this.simulator.rateLimits().allow("ka10001", 1);
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void twentyBackToBackQuotesAllPrintWithinTheAllowance(CapturedOutput output) {
		int exitCode = SampleApplication.run("--kiwoom.host=" + this.simulator.url(),
				"--kiwoom.appkey=" + this.simulator.appkey(), "--kiwoom.secretkey=" + this.simulator.secretkey(),
				"--sample.stocks=005930", "--sample.rounds=20", "--sample.interval=0s");
		assertThat(exitCode).isZero();
		assertThat(Pattern.compile("\\[\\d+/20\\] 005930 삼성전자").matcher(output.getOut()).results().count())
			.isEqualTo(20);
		assertThat(this.simulator.rateLimits().refusedCount("ka10001")).isLessThanOrEqualTo(2);
	}

}
