package io.github.ktrader.kiwoom.auth.benchmarks;

import java.util.Arrays;
import java.util.List;

import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.Difference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for the interval {@link PairedWholeCallBenchmark} puts on its fork averages (no
 * timing).
 */
class PairedWholeCallBenchmarkTests {

	@Test
	void intervalIsStudentsTOverTheForkAverages() {
		// mean -500, sample standard deviation 100, 4 values: standard error 50;
		// t(0.9995, 3 degrees of freedom) = 12.924
		Difference interval = PairedWholeCallBenchmark
			.interval(new double[] { -400, -600, -500 + 100 * Math.sqrt(0.5), -500 - 100 * Math.sqrt(0.5) }, 0.999);
		assertThat(interval.value()).isCloseTo(-500, within(1e-9));
		assertThat(interval.error()).isCloseTo(12.924 * 50, within(0.1));
	}

	@Test
	void moreForksNarrowTheIntervalOfTheSameSpread() {
		double[] six = { -450, -550, -450, -550, -450, -550 };
		double[] three = { -450, -550, -500 };
		assertThat(PairedWholeCallBenchmark.interval(six, 0.999).error())
			.isLessThan(PairedWholeCallBenchmark.interval(three, 0.999).error());
		assertThat(Verdict.atMost(PairedWholeCallBenchmark.interval(six, 0.999), 0)).isEqualTo(Verdict.MET);
	}

	@Test
	void anAnswerMayTakeForksOfItsOwn() {
		assertThat(PairedWholeCallBenchmark.forksPerAnswer(List.of("ka10001", "ka10081-100k:16"), 8))
			.containsExactly(entry("ka10001", 8), entry("ka10081-100k", 16));
		assertThat(PairedWholeCallBenchmark.forksPerAnswer(PairedWholeCallBenchmark.DEFAULT_ANSWERS, 2))
			.containsExactly(entry("ka10001", 8), entry("ka10081-100k", 16));
		assertThatIllegalStateException()
			.isThrownBy(() -> PairedWholeCallBenchmark.forksPerAnswer(List.of("ka10001:1"), 8))
			.withMessageContaining("ka10001 needs at least 2 forks");
	}

	@Test
	void forksThatDisagreeOnTheSignLeaveTheTargetNotResolved() {
		Difference interval = PairedWholeCallBenchmark.interval(new double[] { -3_000, 2_500, -1_000, 800 }, 0.999);
		assertThat(Verdict.atMost(interval, 0)).isEqualTo(Verdict.NOT_RESOLVED);
	}

	@Test
	void aPauseInOneRoundDoesNotMoveTheForksFigure() {
		// 20 rounds of -500 ns, one of them with a 5 ms collection in Spring Security's
		// block and one in kiwoom-auth's: the plain mean would move by 10 us
		double[] rounds = new double[20];
		Arrays.fill(rounds, -500);
		rounds[3] = -500 - 200_000;
		rounds[11] = -500 + 400_000;
		assertThat(PairedWholeCallBenchmark.trimmedMean(rounds, PairedWholeCallBenchmark.TRIM)).isEqualTo(-500);
	}

	@Test
	void trimmedMeanSetsAsideTheShareAtEachEnd() {
		double[] values = { 9, 1, 2, 3, 4, 5, 6, 7, 8, 100 };
		assertThat(PairedWholeCallBenchmark.trimmedMean(values, 0.1)).isEqualTo(5.5);
		assertThat(PairedWholeCallBenchmark.trimmedMean(values, 0)).isEqualTo(14.5);
		assertThatIllegalStateException().isThrownBy(() -> PairedWholeCallBenchmark.trimmedMean(values, 0.5));
	}

	@Test
	void oneForkHasNoInterval() {
		assertThatIllegalStateException()
			.isThrownBy(() -> PairedWholeCallBenchmark.interval(new double[] { 1 }, 0.999));
	}

}
