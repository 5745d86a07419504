package io.github.ktrader.kiwoom.auth.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Percentiles and formats of {@link ClusterBenchmark}'s report.
 */
final class ClusterFigures {

	private ClusterFigures() {
	}

	/**
	 * Return the value that the given fraction of values did not exceed (nearest rank).
	 */
	static long percentile(long[] values, double fraction) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(fraction * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	static String millis(long nanos) {
		return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
	}

	/**
	 * Return how many renewals made how many au10001, such as {@code 1 au10001 in 100
	 * renewals}.
	 */
	static String counts(Map<Integer, Integer> issues) {
		StringBuilder text = new StringBuilder();
		issues.forEach((count, times) -> text.append((text.length() > 0) ? ", " : "")
			.append(count)
			.append(" au10001 in ")
			.append(times)
			.append((times == 1) ? " renewal" : " renewals"));
		return text.toString();
	}

}
