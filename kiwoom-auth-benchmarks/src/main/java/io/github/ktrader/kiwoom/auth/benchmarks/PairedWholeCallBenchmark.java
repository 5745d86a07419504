package io.github.ktrader.kiwoom.auth.benchmarks;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.github.ktrader.kiwoom.auth.benchmarks.PairedFork.Block;
import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.Difference;
import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.Read;
import org.apache.commons.math3.distribution.TDistribution;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole-call time comparison of {@link WholeCallBenchmark}, run paired and
 * interleaved, so that its verdicts hold on a machine whose speed drifts (other work,
 * frequency scaling) and across forks whose JIT makes one client's code faster or slower.
 * <p>
 * Each fork is a fresh JVM with the same clients as {@link WholeCallBenchmark} (the same
 * benchmark methods, called directly). After a warm-up that runs all of them in turn, a
 * fork measures rounds; a round runs every client's call for one block of about the same
 * length, starting with a different client each round. A difference between two clients
 * is taken within each round, when both ran under the same load and the same JIT state of
 * the code they share, and averaged over the fork's rounds with the highest and lowest
 * tenth set aside (a garbage collection lands in one client's block and would otherwise
 * move the fork's figure by microseconds: the blocks are short, so few have one). The
 * interval of a difference comes from the spread of those fork averages (Student's t with
 * forks - 1 degrees of freedom, 99.9 %), so it includes what changes from fork to fork,
 * which JMH's interval, pooling the iterations of all forks, leaves out.
 * <p>
 * Each block also counts the bytes its calls allocated on the calling thread (as JMH's
 * {@code -prof gc} does; the answers come from memory, so the whole call runs there), so
 * that the allocation verdicts at these sizes get an interval over the forks too, and
 * {@code benchmarks/run} needs JMH's {@link WholeCallBenchmark} only at 1 MB.
 * <p>
 * Writes its figures as a JMH-style result file ({@code --json=FILE}) that
 * {@link ResultsSummary} reads: the differences, and each client's time and allocation as
 * a {@link WholeCallBenchmark} result; prints a plain-text report with each fork's
 * difference, so that the spread behind an interval can be seen.
 *
 * @since 0.1.0
 */
public final class PairedWholeCallBenchmark {

	static final String REPORT_TITLE = "Paired whole-call figures";

	static final String MINUS = "PairedWholeCallBenchmark.kiwoomAuthMinusSpringSecurity";

	static final String ADDED_BYTES = "PairedWholeCallBenchmark.kiwoomAuthAddedBytes";

	static final double CONFIDENCE = 0.999;

	static final double TRIM = 0.1;

	/**
	 * The answers and their forks when none are given. The fork figures of the 100 KB
	 * {@code retrieve().body} difference spread over about 60 % of its size, those at 0.9
	 * KB over about 30 % (quiet runs of 2026-12-07), so 100 KB gets twice the forks:
	 * Student's t at 99.9 % is 4.07 with 15 degrees of freedom, 5.41 with 7.
	 */
	static final List<String> DEFAULT_ANSWERS = List.of("ka10001:8", "ka10081-100k:16");

	private PairedWholeCallBenchmark() {
	}

	/**
	 * Run the paired comparison and print the report.
	 * @param args
	 * {@code [--json=FILE] forks rounds blockMillis warmupMillis [answer[:forks]...]},
	 * such as {@code --json=paired.json 10 40 5 2500 ka10001:8 ka10081-100k:16} (the
	 * defaults but the file); an answer's own fork count overrides {@code forks} for it,
	 * so that the answer whose difference varies most from fork to fork gets the most
	 * forks
	 * @throws Exception if a fork fails
	 */
	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("--child")) {
			PairedFork.child(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]) * 1_000_000,
					Long.parseLong(args[4]) * 1_000_000);
			return;
		}
		String json = null;
		List<String> numbers = new ArrayList<>();
		List<String> answers = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("--json=")) {
				json = arg.substring("--json=".length());
			}
			else if (arg.chars().allMatch(Character::isDigit)) {
				numbers.add(arg);
			}
			else {
				answers.add(arg);
			}
		}
		int forks = (numbers.size() > 0) ? Integer.parseInt(numbers.get(0)) : 10;
		String rounds = (numbers.size() > 1) ? numbers.get(1) : "40";
		String block = (numbers.size() > 2) ? numbers.get(2) : "5";
		String warmup = (numbers.size() > 3) ? numbers.get(3) : "2500";
		if (answers.isEmpty()) {
			answers = DEFAULT_ANSWERS;
		}
		Map<String, Integer> forksPerAnswer = forksPerAnswer(answers, forks);
		ArrayNode results = JsonMapper.shared().createArrayNode();
		StringBuilder report = new StringBuilder(REPORT_TITLE).append('\n');
		report.append(String.format(Locale.ROOT,
				"forks per answer %s, %s rounds per fork of one %s ms block per client, after %s ms of warm-up; "
						+ "ns/op; each fork's figure the mean of its rounds without the %.0f %% highest and lowest; "
						+ "intervals: %.1f %% from the fork figures%n",
				forksPerAnswer, rounds, block, warmup, 100 * TRIM, 100 * CONFIDENCE));
		for (Map.Entry<String, Integer> answer : forksPerAnswer.entrySet()) {
			List<Map<String, List<Block>>> samples = new ArrayList<>();
			for (int fork = 0; fork < answer.getValue(); fork++) {
				samples.add(PairedFork.run(answer.getKey(), rounds, block, warmup));
			}
			describe(answer.getKey(), samples, results, report);
		}
		System.out.print(report);
		if (json != null) {
			JsonMapper.shared().writeValue(new File(json), results);
		}
	}

	/**
	 * Return each answer's fork count, in the given order: its own ({@code answer:forks})
	 * or the common one.
	 */
	static Map<String, Integer> forksPerAnswer(List<String> answers, int forks) {
		Map<String, Integer> forksPerAnswer = new LinkedHashMap<>();
		for (String answer : answers) {
			int colon = answer.indexOf(':');
			String name = (colon < 0) ? answer : answer.substring(0, colon);
			int own = (colon < 0) ? forks : Integer.parseInt(answer.substring(colon + 1));
			Checks.state(own >= 2, "the paired comparison of " + name + " needs at least 2 forks for an interval");
			forksPerAnswer.put(name, own);
		}
		return forksPerAnswer;
	}

	/**
	 * Return kiwoom-auth's time minus Spring Security's for one answer and read, from the
	 * paired results, or {@code null} where none ran.
	 */
	static @Nullable Difference kiwoomAuthMinusSpringSecurity(List<JmhResult> results, String answer, Read read) {
		return find(results, MINUS, answer, read);
	}

	/**
	 * Return the bytes kiwoom-auth allocates per call over the floor for one answer and
	 * read, taken within each round, from the paired results, or {@code null} where none
	 * ran.
	 */
	static @Nullable Difference kiwoomAuthAddedBytes(List<JmhResult> results, String answer, Read read) {
		return find(results, ADDED_BYTES, answer, read);
	}

	private static @Nullable Difference find(List<JmhResult> results, String benchmark, String answer, Read read) {
		for (JmhResult result : results) {
			if (result.benchmark().equals(benchmark) && result.hasParam(answer) && result.hasParam(read.key())) {
				return new Difference(result.score(), result.error());
			}
		}
		return null;
	}

	/**
	 * Return the mean of values, one per fork, and the half-width of its interval at the
	 * given confidence (Student's t with values - 1 degrees of freedom).
	 */
	static Difference interval(double[] values, double confidence) {
		Checks.state(values.length >= 2, "an interval needs at least two values");
		double mean = 0;
		for (double value : values) {
			mean += value / values.length;
		}
		double squares = 0;
		for (double value : values) {
			squares += (value - mean) * (value - mean);
		}
		double standardError = Math.sqrt(squares / (values.length - 1) / values.length);
		double t = new TDistribution(values.length - 1).inverseCumulativeProbability(0.5 + confidence / 2);
		return new Difference(mean, t * standardError);
	}

	/**
	 * Add one answer's figures to the report and the results: the paired differences per
	 * read, and each client's time and allocation as a {@link WholeCallBenchmark} result
	 * (mean of the fork figures with its interval), which {@link WholeCallFigures} reads
	 * as it reads JMH's.
	 */
	static void describe(String answer, List<Map<String, List<Block>>> forks, ArrayNode results, StringBuilder report) {
		report.append(String.format(Locale.ROOT, "%n%s (%,d B)%n", answer, WholeCallFigures.answerBytes(answer)));
		report.append(String.format(Locale.ROOT, "%-26s %16s %16s %16s %22s  %s%n", "read", "floor", "kiwoom-auth",
				"Spring Security", "kiwoom-auth - Spring", "verdict (kiwoom-auth adds <= Spring Security's)"));
		Map<String, Difference> times = new LinkedHashMap<>();
		for (String operation : PairedFork.OPERATIONS) {
			times.put(operation, interval(forkMeans(forks, operation, null, Block::nanos), CONFIDENCE));
		}
		for (Read read : WholeCallFigures.READS) {
			Difference floor = times.get(read.floor());
			Difference kiwoom = times.get(read.kiwoomAuth());
			Difference spring = times.get(read.springSecurity());
			double[] perFork = forkMeans(forks, read.kiwoomAuth(), read.springSecurity(), Block::nanos);
			Difference minus = interval(perFork, CONFIDENCE);
			report.append(String.format(Locale.ROOT, "%-26s %16s %16s %16s %22s  %s%n", read.name(), text(floor),
					text(kiwoom), text(spring), text(minus), Verdict.atMost(minus, 0)));
			StringBuilder each = new StringBuilder();
			for (double value : perFork) {
				each.append(String.format(Locale.ROOT, " %+.0f", value));
			}
			report.append("    kiwoom-auth - Spring Security in each fork:").append(each).append('\n');
			result(results, "kiwoomAuthMinusSpringSecurity", answer, read, minus, "ns/op");
			result(results, "kiwoomAuthAdds", answer, read,
					interval(forkMeans(forks, read.kiwoomAuth(), read.floor(), Block::nanos), CONFIDENCE), "ns/op");
			result(results, "springSecurityAdds", answer, read,
					interval(forkMeans(forks, read.springSecurity(), read.floor(), Block::nanos), CONFIDENCE), "ns/op");
			result(results, "kiwoomAuthAddedBytes", answer, read,
					interval(forkMeans(forks, read.kiwoomAuth(), read.floor(), Block::bytes), CONFIDENCE), "B/op");
		}
		report.append("B/op (allocated by the calling thread):");
		for (Map.Entry<String, Difference> time : times.entrySet()) {
			Difference bytes = interval(forkMeans(forks, time.getKey(), null, Block::bytes), CONFIDENCE);
			report.append(String.format(Locale.ROOT, " %s %s;", time.getKey(), text(bytes)));
			clientResult(results, time.getKey(), answer, time.getValue(), bytes);
		}
		report.setLength(report.length() - 1);
		report.append('\n');
	}

	// Each fork's trimmed mean over its rounds of a client's figure, or of its figure
	// minus another's in the same round.
	private static double[] forkMeans(List<Map<String, List<Block>>> forks, String operation, @Nullable String minus,
			ToDoubleFunction<Block> figure) {
		double[] means = new double[forks.size()];
		for (int fork = 0; fork < forks.size(); fork++) {
			List<Block> blocks = forks.get(fork).get(operation);
			List<Block> others = (minus != null) ? forks.get(fork).get(minus) : null;
			double[] rounds = new double[blocks.size()];
			for (int round = 0; round < rounds.length; round++) {
				rounds[round] = figure.applyAsDouble(blocks.get(round))
						- ((others != null) ? figure.applyAsDouble(others.get(round)) : 0);
			}
			means[fork] = trimmedMean(rounds, TRIM);
		}
		return means;
	}

	/**
	 * Return the mean of the values left when the given share of the lowest and the same
	 * share of the highest are set aside. A garbage collection that stops one client's
	 * block adds milliseconds to that block alone; the rounds where it happened are the
	 * ones set aside, so that one pause no longer moves a fork's figure.
	 */
	static double trimmedMean(double[] values, double trim) {
		Checks.state(values.length > 0 && trim >= 0 && trim < 0.5, "a trimmed mean needs values and a trim below 0.5");
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int cut = (int) Math.floor(sorted.length * trim);
		double sum = 0;
		for (int i = cut; i < sorted.length - cut; i++) {
			sum += sorted[i];
		}
		return sum / (sorted.length - 2 * cut);
	}

	private static void result(ArrayNode results, String name, String answer, Read read, Difference value,
			String unit) {
		ObjectNode result = results.addObject();
		result.put("benchmark", PairedWholeCallBenchmark.class.getName() + "." + name);
		result.put("mode", "avgt");
		ObjectNode params = result.putObject("params");
		params.put("answer", answer);
		params.put("read", read.key());
		ObjectNode primary = result.putObject("primaryMetric");
		primary.put("score", value.value());
		primary.put("scoreError", value.error());
		primary.put("scoreUnit", unit);
	}

	// A client's figures in the shape of a JMH result of WholeCallBenchmark with -prof gc
	private static void clientResult(ArrayNode results, String operation, String answer, Difference time,
			Difference bytes) {
		ObjectNode result = results.addObject();
		result.put("benchmark", WholeCallBenchmark.class.getName() + "." + operation);
		result.put("mode", "avgt");
		result.putObject("params").put("answer", answer);
		ObjectNode primary = result.putObject("primaryMetric");
		primary.put("score", time.value());
		primary.put("scoreError", time.error());
		primary.put("scoreUnit", "ns/op");
		ObjectNode allocation = result.putObject("secondaryMetrics").putObject("·gc.alloc.rate.norm");
		allocation.put("score", bytes.value());
		allocation.put("scoreError", bytes.error());
		allocation.put("scoreUnit", "B/op");
	}

	private static String text(Difference difference) {
		return String.format(Locale.ROOT, "%,.0f ± %,.0f", difference.value(), difference.error());
	}

}
