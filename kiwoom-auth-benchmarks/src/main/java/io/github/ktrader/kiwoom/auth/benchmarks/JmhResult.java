package io.github.ktrader.kiwoom.auth.benchmarks;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JMH result from a {@code -rf json} file: the score with its 99.9 % confidence
 * half-width and, with {@code -prof gc}, the allocation per operation.
 *
 * @param label the label the file was given on the command line, or empty
 * @param benchmark the benchmark, such as {@code WholeCallBenchmark.floorString}
 * @param params the parameter values, comma-separated, in declaration order
 * @param score the score
 * @param error the score's error
 * @param unit the score's unit
 * @param bytesPerOp {@code gc.alloc.rate.norm}, or {@code null} without {@code -prof gc}
 * @param bytesPerOpError its error
 */
record JmhResult(String label, String benchmark, String params, double score, double error, String unit,
		@Nullable Double bytesPerOp, double bytesPerOpError) {

	private static final String PACKAGE = JmhResult.class.getPackageName() + ".";

	/**
	 * Read result files.
	 * @param files paths, each optionally prefixed with a label and {@code =}, such as
	 * {@code cold=startup-cold.json}; missing files are skipped
	 */
	static List<JmhResult> read(List<String> files) {
		List<JmhResult> results = new ArrayList<>();
		for (String arg : files) {
			int equals = arg.indexOf('=');
			String label = (equals > 0) ? arg.substring(0, equals) : "";
			File file = new File((equals > 0) ? arg.substring(equals + 1) : arg);
			if (file.isFile()) {
				for (JsonNode node : JsonMapper.shared().readTree(file)) {
					results.add(of(label, node));
				}
			}
		}
		return results;
	}

	private static JmhResult of(String label, JsonNode node) {
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
		double bytesPerOpError = 0;
		JsonNode secondary = node.get("secondaryMetrics");
		if (secondary != null) {
			for (Map.Entry<String, JsonNode> metric : secondary.properties()) {
				if (metric.getKey().endsWith("gc.alloc.rate.norm")) {
					bytesPerOp = metric.getValue().get("score").asDouble();
					bytesPerOpError = errorOf(metric.getValue());
				}
			}
		}
		return new JmhResult(label, benchmark, params.toString(), primary.get("score").asDouble(), errorOf(primary),
				primary.get("scoreUnit").asString(), bytesPerOp, bytesPerOpError);
	}

	// A single measurement has no interval: JMH writes "NaN", kept as NaN so that no
	// target is judged on it (Verdict: not resolved).
	private static double errorOf(JsonNode metric) {
		JsonNode error = metric.get("scoreError");
		return (error != null && error.isNumber()) ? error.asDouble() : Double.NaN;
	}

	/**
	 * Find a result.
	 * @param results where to look
	 * @param benchmark the benchmark name
	 * @param param a parameter value it must have, or empty for any
	 * @param label the label it must have, or {@code null} for any
	 */
	static @Nullable JmhResult find(List<JmhResult> results, String benchmark, String param, @Nullable String label) {
		for (JmhResult result : results) {
			if (result.benchmark.equals(benchmark) && (param.isEmpty() || result.hasParam(param))
					&& (label == null || result.label.equals(label))) {
				return result;
			}
		}
		return null;
	}

	boolean hasParam(String value) {
		return List.of(this.params.split(",")).contains(value);
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

	double bytes() {
		return (this.bytesPerOp != null) ? this.bytesPerOp : Double.NaN;
	}

}
