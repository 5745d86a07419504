package io.github.ktrader.kiwoom.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample's daily-chart mode on the embedded simulator, which serves ka10081 in
 * pages of 100 rows with {@code cont-yn} / {@code next-key}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleChartTests {

	@Test
	void pagesThroughTheDailyChart(CapturedOutput output) {
		int exitCode = SampleApplication.run("--sample.chart=005930");
		assertThat(exitCode).isZero();
		assertThat(output.getOut()).containsPattern("005930 page 1: 100 rows, \\d{8}\\.\\.\\d{8} \\(cont-yn=Y\\)")
			.containsPattern("005930 page 2: 100 rows, \\d{8}\\.\\.\\d{8} \\(cont-yn=Y\\)")
			.containsPattern("005930 page 3: 50 rows, \\d{8}\\.\\.\\d{8} \\(cont-yn=N\\)")
			.contains("005930: 250 rows in all")
			.doesNotContain("삼성전자 +");
	}

	@Test
	void stopsAtThePageLimit(CapturedOutput output) {
		int exitCode = SampleApplication.run("--sample.chart=005930", "--sample.chart-pages=2");
		assertThat(exitCode).isZero();
		assertThat(output.getOut()).contains("005930 page 2: 100 rows")
			.doesNotContain("page 3")
			.contains("005930: 200 rows in all");
	}

}
