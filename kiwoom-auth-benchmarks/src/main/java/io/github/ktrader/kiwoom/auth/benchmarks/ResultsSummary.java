package io.github.ktrader.kiwoom.auth.benchmarks;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints one table from the JMH result files that {@code benchmarks/run} writes, with the
 * figures the issue asks for derived from them: the lookup speed-up, the call overhead in
 * per cent and the startup difference.
 * <p>
 * Errors of derived figures combine the two 99.9 % confidence half-widths that JMH
 * reports in quadrature, as if they were independent; read them as a rough band.
 *
 * @since 0.1.0
 */
public final class ResultsSummary {

	private static final String PACKAGE = ResultsSummary.class.getPackageName() + ".";

	private ResultsSummary() {
	}

	/**
	 * Print the summary.
	 * @param args JMH result files ({@code -rf json}), each optionally prefixed with a
	 * label and {@code =}, such as {@code cold=startup-cold.json}
	 */
	public static void main(String[] args) {
		List<Result> results = new ArrayList<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			String label = (equals > 0) ? arg.substring(0, equals) : "";
			File file = new File((equals > 0) ? arg.substring(equals + 1) : arg);
			if (file.isFile()) {
				for (JsonNode node : JsonMapper.shared().readTree(file)) {
					results.add(Result.of(label, node));
				}
			}
		}
		String format = "%-58s %12s %10s %-6s %10s%n";
		System.out.printf(Locale.ROOT, format, "Benchmark", "Score", "± Error", "Units", "B/op");
		for (Result result : results) {
			System.out.printf(Locale.ROOT, format, result.name(), number(result.score), number(result.error),
					result.unit, (result.bytesPerOp != null) ? number(result.bytesPerOp) : "");
		}
		System.out.println();
		lookup(results);
		callOverhead(results, "loopback");
		callOverhead(results, "in-memory");
		startup(results, "cold");
		startup(results, "warm");
	}

	private static void lookup(List<Result> results) {
		Result kiwoom = find(results, "TokenLookupBenchmark.kiwoomAuthProvider", "");
		Result spring = find(results, "TokenLookupBenchmark.springSecurityManager", "");
		if (kiwoom != null && spring != null) {
			double ratio = spring.score / kiwoom.score;
			double error = ratio * Math.hypot(spring.error / spring.score, kiwoom.error / kiwoom.score);
			System.out.printf(Locale.ROOT,
					"lookup: kiwoom-auth is %.0fx (± %.0f) faster than Spring Security's authorize(...), "
							+ "%s B/op vs %s B/op (target: >= 20x, 0 B/op)%n",
					ratio, error, number(kiwoom.bytesPerOp), number(spring.bytesPerOp));
		}
	}

	private static void callOverhead(List<Result> results, String transport) {
		Result kiwoom = find(results, "CallOverheadBenchmark.kiwoomAuth", transport);
		Result fixed = find(results, "CallOverheadBenchmark.fixedHeader", transport);
		if (kiwoom != null && fixed != null) {
			double difference = kiwoom.score - fixed.score;
			double error = Math.hypot(kiwoom.error, fixed.error);
			System.out.printf(Locale.ROOT,
					"call overhead, %s: %+.2f ± %.2f %s per call = %+.1f %% ± %.1f %% of the fixed-header call "
							+ "(target: <= 3 %%)%n",
					transport, difference, error, kiwoom.unit, 100 * difference / fixed.score,
					100 * error / fixed.score);
		}
	}

	private static void startup(List<Result> results, String label) {
		Result with = find(results, "StartupBenchmark.refreshAndClose", "with", label);
		Result without = find(results, "StartupBenchmark.refreshAndClose", "without", label);
		if (with != null && without != null) {
			System.out.printf(Locale.ROOT,
					"startup, %s: with the starter %+.1f ± %.1f %s per refresh and close (target: <= 20 ms)%n", label,
					with.score - without.score, Math.hypot(with.error, without.error), with.unit);
		}
	}

	private static @Nullable Result find(List<Result> results, String benchmark, String param) {
		return find(results, benchmark, param, null);
	}

	private static @Nullable Result find(List<Result> results, String benchmark, String param, @Nullable String label) {
		for (Result result : results) {
			if (result.benchmark.equals(benchmark)
					&& (param.isEmpty() || List.of(result.params.split(",")).contains(param))
					&& (label == null || result.label.equals(label))) {
				return result;
			}
		}
		return null;
	}

	private static String number(@Nullable Double value) {
		if (value == null || Double.isNaN(value)) {
			return "";
		}
		double abs = Math.abs(value);
		if (abs >= 100 || abs == 0) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		if (abs >= 1) {
			return String.format(Locale.ROOT, "%.2f", value);
		}
		if (abs >= 0.01) {
			return String.format(Locale.ROOT, "%.3f", value);
		}
		return String.format(Locale.ROOT, "%.1e", value);
	}

	private record Result(String label, String benchmark, String params, double score, double error, String unit,
			@Nullable Double bytesPerOp) {

		static Result of(String label, JsonNode node) {
			String benchmark = node.get("benchmark").asString().replace(PACKAGE, "");
			StringBuilder params = new StringBuilder();
			JsonNode paramsNode = node.get("params");
			if (paramsNode != null) {
				for (Map.Entry<String, JsonNode> param : paramsNode.properties()) {
					params.append((params.length() > 0) ? "," : "").append(param.getValue().asString());
				}
			}
			JsonNode primary = node.get("primaryMetric");
			Double bytesPerOp = null;
			JsonNode secondary = node.get("secondaryMetrics");
			if (secondary != null) {
				for (Map.Entry<String, JsonNode> metric : secondary.properties()) {
					if (metric.getKey().endsWith("gc.alloc.rate.norm")) {
						bytesPerOp = metric.getValue().get("score").asDouble();
					}
				}
			}
			return new Result(label, benchmark, params.toString(), primary.get("score").asDouble(),
					primary.get("scoreError").asDouble(), primary.get("scoreUnit").asString(), bytesPerOp);
		}

		String name() {
			String name = this.benchmark;
			if (!this.params.isEmpty()) {
				name += " [" + this.params + "]";
			}
			if (!this.label.isEmpty()) {
				name += " (" + this.label + ")";
			}
			return name;
		}

	}

}
