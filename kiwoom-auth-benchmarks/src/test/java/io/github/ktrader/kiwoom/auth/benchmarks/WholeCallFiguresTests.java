package io.github.ktrader.kiwoom.auth.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.Difference;
import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.Row;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the verdicts of {@link WholeCallFigures} rows, from made-up results (no
 * timing).
 */
class WholeCallFiguresTests {

	@Test
	void timeTargetIsMetWhenKiwoomAuthIsBelowSpringSecurityBeyondBothErrors() {
		Row row = stringRow(4_300, 50, 5_250, 100, 5_780, 100, List.of());
		assertThat(row.kiwoomOverSpringTime().value()).isEqualTo(-530);
		assertThat(row.timeVerdict()).isEqualTo(Verdict.MET);
	}

	@Test
	void timeTargetIsNotMetWhenKiwoomAuthIsAboveSpringSecurityBeyondBothErrors() {
		assertThat(stringRow(4_300, 50, 6_500, 100, 5_780, 100, List.of()).timeVerdict()).isEqualTo(Verdict.NOT_MET);
	}

	@Test
	void timeTargetIsNotResolvedWhenTheIntervalsOverlap() {
		// The floor does not enter the comparison: a floor far off (a slow JIT mode in
		// its
		// fork) leaves both clients' added times large but their difference alone.
		Row row = stringRow(226_297, 4_000, 121_697, 3_000, 122_063, 2_000, List.of());
		assertThat(row.timeVerdict()).isEqualTo(Verdict.NOT_RESOLVED);
	}

	@Test
	void singleMeasurementHasNoIntervalAndDecidesNothing() {
		// JMH writes a NaN error for one iteration; JmhResult keeps it
		Row row = stringRow(4_300, Double.NaN, 5_250, Double.NaN, 9_000, Double.NaN, List.of());
		assertThat(row.timeVerdict()).isEqualTo(Verdict.NOT_RESOLVED);
	}

	@Test
	void pairedRunDecidesTheTimeTargetWhereItRan() {
		List<JmhResult> paired = List.of(paired("ka10001", "string", -480, 120), paired("ka10001", "post", 900, 100));
		Row string = stringRow(4_300, 50, 5_250, 2_000, 5_780, 2_000, paired);
		assertThat(string.paired()).isEqualTo(new Difference(-480, 120));
		assertThat(string.timeVerdict()).isEqualTo(Verdict.MET);
		Row post = rows(4_300, 50, 5_250, 2_000, 5_780, 2_000, paired).get(1);
		assertThat(post.read()).isEqualTo("record, KiwoomClient.post");
		assertThat(post.timeVerdict()).isEqualTo(Verdict.NOT_MET);
	}

	@Test
	void bytesTargetIsJudgedOnTheAddedAllocationsInterval() {
		assertThat(bytesRow(14_033, 6, 14_153, 6).bytesVerdict()).isEqualTo(Verdict.MET);
		assertThat(bytesRow(298_691, 221, 298_917, 100).bytesVerdict()).isEqualTo(Verdict.NOT_RESOLVED);
		assertThat(bytesRow(17_608, 4, 22_192, 5).bytesVerdict()).isEqualTo(Verdict.NOT_MET);
	}

	private static Row stringRow(double floor, double floorError, double kiwoom, double kiwoomError, double spring,
			double springError, List<JmhResult> paired) {
		return rows(floor, floorError, kiwoom, kiwoomError, spring, springError, paired).get(0);
	}

	private static Row bytesRow(double floorBytes, double floorError, double kiwoomBytes, double kiwoomError) {
		List<JmhResult> results = new ArrayList<>();
		for (String method : List.of("floorString", "springSecurityString")) {
			results.add(new JmhResult("", "WholeCallBenchmark." + method, "ka10001", 1, 0, "ns/op", floorBytes,
					floorError));
		}
		results.add(new JmhResult("", "WholeCallBenchmark.kiwoomAuthString", "ka10001", 1, 0, "ns/op", kiwoomBytes,
				kiwoomError));
		return WholeCallFigures.rows(results).get(0);
	}

	private static List<Row> rows(double floor, double floorError, double kiwoom, double kiwoomError, double spring,
			double springError, List<JmhResult> paired) {
		List<JmhResult> results = new ArrayList<>(paired);
		for (String read : List.of("String", "Record")) {
			results.add(result("floor" + read, floor, floorError));
			results.add(result("springSecurity" + read, spring, springError));
		}
		results.add(result("kiwoomAuthString", kiwoom, kiwoomError));
		results.add(result("kiwoomAuthRecord", kiwoom, kiwoomError));
		return WholeCallFigures.rows(results);
	}

	private static JmhResult result(String method, double score, double error) {
		return new JmhResult("", "WholeCallBenchmark." + method, "ka10001", score, error, "ns/op", 1000.0, 0);
	}

	private static JmhResult paired(String answer, String read, double score, double error) {
		return new JmhResult("", PairedWholeCallBenchmark.MINUS, answer + "," + read, score, error, "ns/op", null, 0);
	}

}
