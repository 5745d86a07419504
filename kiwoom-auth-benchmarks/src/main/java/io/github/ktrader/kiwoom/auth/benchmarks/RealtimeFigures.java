package io.github.ktrader.kiwoom.auth.benchmarks;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints {@link RealtimeBenchmark}'s verdict from its JMH JSON: frames per second,
 * latency p50/p99, and allocation per frame beyond the event, per type, against the goal
 * (at least 20,000 {@code 0B} frames/s, p99 at most 1 ms).
 * <p>
 * Usage: {@code RealtimeFigures realtime.json}.
 */
final class RealtimeFigures {

	private static final double GOAL_FRAMES_PER_SECOND = 20_000;

	private static final double GOAL_P99_MICROS = 1_000;

	private RealtimeFigures() {
	}

	public static void main(String[] args) {
		Map<String, Map<String, Double>> byType = new LinkedHashMap<>();
		for (JsonNode node : JsonMapper.shared().readTree(new File(args[0]))) {
			String method = node.get("benchmark").asString().replaceAll(".*\\.", "");
			String type = node.get("params").get("type").asString();
			Map<String, Double> figures = byType.computeIfAbsent(type, (key) -> new LinkedHashMap<>());
			JsonNode primary = node.get("primaryMetric");
			figures.put(method, primary.get("score").asDouble());
			JsonNode percentiles = primary.get("scorePercentiles");
			if (method.equals("latency") && percentiles != null) {
				figures.put("p50", percentiles.get("50.0").asDouble());
				figures.put("p99", percentiles.get("99.0").asDouble());
			}
			JsonNode secondary = node.get("secondaryMetrics");
			if (secondary != null) {
				for (Map.Entry<String, JsonNode> metric : secondary.properties()) {
					if (metric.getKey().endsWith("gc.alloc.rate.norm")) {
						figures.put(method + ".alloc", metric.getValue().get("score").asDouble());
					}
				}
			}
		}
		System.out
			.println("| type | frames/s | latency p50 | latency p99 | B/frame | event itself | beyond the event |");
		System.out.println("|---|---:|---:|---:|---:|---:|---:|");
		byType.forEach((type,
				figures) -> System.out.println(String.format(Locale.ROOT, "| `%s` | %,.0f | %s | %s | %s | %s | %s |",
						type, figures.getOrDefault("frames", Double.NaN), micros(figures.get("p50")),
						micros(figures.get("p99")), bytes(figures.get("frames.alloc")),
						bytes(figures.get("eventItself.alloc")),
						bytes(difference(figures.get("frames.alloc"), figures.get("eventItself.alloc"))))));
		Map<String, Double> trades = byType.get("0B");
		if (trades != null) {
			boolean fast = trades.getOrDefault("frames", 0.0) >= GOAL_FRAMES_PER_SECOND;
			boolean prompt = trades.getOrDefault("p99", Double.MAX_VALUE) <= GOAL_P99_MICROS;
			System.out.println();
			System.out.println("Goal (0B): >= 20,000 frames/s " + (fast ? "met" : "NOT met") + "; p99 <= 1 ms "
					+ (prompt ? "met" : "NOT met"));
		}
	}

	private static String micros(Double value) {
		return (value != null) ? String.format(Locale.ROOT, "%.0f µs", value) : "-";
	}

	private static String bytes(Double value) {
		return (value != null) ? String.format(Locale.ROOT, "%,.0f B", value) : "-";
	}

	private static Double difference(Double all, Double event) {
		return (all != null && event != null) ? all - event : null;
	}

}
