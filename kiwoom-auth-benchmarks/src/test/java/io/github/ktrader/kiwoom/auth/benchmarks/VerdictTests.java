package io.github.ktrader.kiwoom.auth.benchmarks;

import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.Difference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Verdict}.
 */
class VerdictTests {

	@Test
	void intervalWhollyAtOrBelowTheBoundIsMet() {
		assertThat(Verdict.atMost(-500, 400, 0)).isEqualTo(Verdict.MET);
		assertThat(Verdict.atMost(120, 130, 256)).isEqualTo(Verdict.MET);
		assertThat(Verdict.atMost(-100, 100, 0)).isEqualTo(Verdict.MET);
	}

	@Test
	void intervalWhollyAboveTheBoundIsNotMet() {
		assertThat(Verdict.atMost(300, 200, 0)).isEqualTo(Verdict.NOT_MET);
		assertThat(Verdict.atMost(4_584, 5, 256)).isEqualTo(Verdict.NOT_MET);
	}

	@Test
	void intervalAcrossTheBoundIsNotResolvedWhicheverSideTheEstimateIs() {
		assertThat(Verdict.atMost(306, 400, 0)).isEqualTo(Verdict.NOT_RESOLVED);
		assertThat(Verdict.atMost(-162, 200, 0)).isEqualTo(Verdict.NOT_RESOLVED);
		assertThat(Verdict.atMost(226, 221, 256)).isEqualTo(Verdict.NOT_RESOLVED);
	}

	@Test
	void estimateAloneDecidesNothing() {
		assertThat(Verdict.atMost(-1, 2, 0)).isEqualTo(Verdict.NOT_RESOLVED);
		assertThat(Verdict.atMost(1, 2, 0)).isEqualTo(Verdict.NOT_RESOLVED);
		assertThat(Verdict.atMost(1, 0, 0)).isEqualTo(Verdict.NOT_MET);
	}

	@Test
	void missingFigureIsNotResolved() {
		assertThat(Verdict.atMost(Double.NaN, 1, 0)).isEqualTo(Verdict.NOT_RESOLVED);
		assertThat(Verdict.atMost(-5, Double.NaN, 0)).isEqualTo(Verdict.NOT_RESOLVED);
		assertThat(Verdict.atMost(-5, -1, 0)).isEqualTo(Verdict.NOT_RESOLVED);
	}

	@Test
	void judgesADifferenceOnItsError() {
		assertThat(Verdict.atMost(new Difference(-516, 400), 0)).isEqualTo(Verdict.MET);
		// 5,264 ± 300 against 5,779 ± 100: -515 ± 316
		assertThat(Verdict.atMost(Difference.of(5_264, 300, 5_779, 100), 0)).isEqualTo(Verdict.MET);
		// 121,697 ± 3,000 against 122,063 ± 2,000: -366 ± 3,606
		assertThat(Verdict.atMost(Difference.of(121_697, 3_000, 122_063, 2_000), 0)).isEqualTo(Verdict.NOT_RESOLVED);
	}

	@Test
	void atLeastIsMetOnlyWhenTheWholeIntervalIsAtOrAboveTheBound() {
		// Frames per second against a floor of 5,000
		assertThat(Verdict.atLeast(9_000, 1_000, 5_000)).isEqualTo(Verdict.MET);
		assertThat(Verdict.atLeast(5_500, 500, 5_000)).isEqualTo(Verdict.MET);
		assertThat(Verdict.atLeast(3_000, 1_000, 5_000)).isEqualTo(Verdict.NOT_MET);
		assertThat(Verdict.atLeast(5_200, 400, 5_000)).isEqualTo(Verdict.NOT_RESOLVED);
		assertThat(Verdict.atLeast(Double.NaN, 1, 5_000)).isEqualTo(Verdict.NOT_RESOLVED);
	}

	@Test
	void printsAsTheTablesSayIt() {
		assertThat(Verdict.MET).hasToString("met");
		assertThat(Verdict.NOT_MET).hasToString("NOT met");
		assertThat(Verdict.NOT_RESOLVED).hasToString("not resolved");
	}

}
