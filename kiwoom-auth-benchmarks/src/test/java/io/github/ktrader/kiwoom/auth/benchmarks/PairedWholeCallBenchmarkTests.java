package io.github.ktrader.kiwoom.auth.benchmarks;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.benchmarks.PairedFork.Block;
import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.Difference;
import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

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
	void eachClientsTimeAndAllocationAreReadAsJmhResultsOfTheWholeCall(@TempDir Path directory) {
		// Three forks of 10 rounds: the floor allocates 1,000 B per call, kiwoom-auth
		// 1,100, Spring Security 5,000; Spring Security takes 1,000, 1,010 and 1,020 ns
		// longer than kiwoom-auth
		List<Map<String, List<Block>>> forks = List.of(fork(0), fork(10), fork(20));
		ArrayNode results = JsonMapper.shared().createArrayNode();
		PairedWholeCallBenchmark.describe("ka10001", forks, results, new StringBuilder());
		File file = directory.resolve("paired.json").toFile();
		JsonMapper.shared().writeValue(file, results);
		List<JmhResult> read = JmhResult.read(List.of(file.getPath()));
		List<Row> rows = WholeCallFigures.rows(read);
		assertThat(rows).extracting(Row::read)
			.containsExactly("String", "record, KiwoomClient.post", "record, retrieve().body");
		Row string = rows.get(0);
		assertThat(string.floor().bytes()).isEqualTo(1_000);
		assertThat(string.kiwoomAuth().bytes()).isEqualTo(1_100);
		assertThat(string.springSecurity().bytes()).isEqualTo(5_000);
		assertThat(string.kiwoomAuth().score()).isEqualTo(10_000);
		assertThat(string.paired().value()).isCloseTo(-1_010, within(1e-9));
		assertThat(Verdict.atMost(string.paired(), 0)).isEqualTo(Verdict.MET);
		// The added allocation is taken within each round, not from the two clients'
		// intervals
		assertThat(string.pairedAddedBytes()).isNotNull();
		assertThat(string.kiwoomAddedBytes().value()).isCloseTo(100, within(1e-9));
		assertThat(string.bytesVerdict()).isEqualTo(Verdict.MET);
	}

	private static Map<String, List<Block>> fork(double springSecuritySlower) {
		Map<String, List<Block>> fork = new LinkedHashMap<>();
		for (String operation : PairedFork.OPERATIONS) {
			double bytes = operation.startsWith("floor") ? 1_000 : operation.startsWith("kiwoomAuth") ? 1_100 : 5_000;
			double nanos = operation.startsWith("springSecurity") ? 11_000 + springSecuritySlower : 10_000;
			List<Block> rounds = new ArrayList<>();
			for (int round = 0; round < 10; round++) {
				rounds.add(new Block(nanos, bytes));
			}
			fork.put(operation, rounds);
		}
		return fork;
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
