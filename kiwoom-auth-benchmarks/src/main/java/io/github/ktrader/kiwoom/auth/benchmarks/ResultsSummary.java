package io.github.ktrader.kiwoom.auth.benchmarks;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.Difference;
import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.InterceptorTax;
import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.Row;
import org.jspecify.annotations.Nullable;

/**
 * Prints the tables of a {@code benchmarks/run} from its JMH result files, with the
 * figures the issues ask for derived from them, and optionally writes them as a markdown
 * fragment for BENCHMARKS.md and draws the added-cost chart.
 * <p>
 * Errors of derived figures combine the two 99.9 % confidence half-widths that JMH
 * reports in quadrature, as if they were independent; read them as a rough band.
 *
 * @since 0.1.0
 */
public final class ResultsSummary {

	private ResultsSummary() {
	}

	/**
	 * Print the summary.
	 * @param args JMH result files ({@code -rf json}), each optionally prefixed with a
	 * label and {@code =}, such as {@code cold=startup-cold.json}; and the options
	 * {@code --markdown=FILE} (write the fragment), {@code --chart=FILE} (draw the PNG),
	 * {@code --about=TEXT} (the run's date and machine, for both),
	 * {@code --chart-about=TEXT} (a shorter one for the chart) and
	 * {@code --append=TITLE=FILE} (a text file, such as the contention table, appended to
	 * the fragment as a code block under that title)
	 * @throws IOException if a file could not be written
	 */
	public static void main(String[] args) throws IOException {
		List<String> files = new ArrayList<>();
		String markdown = null;
		String chart = null;
		String about = "";
		String chartAbout = null;
		List<String> appends = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("--markdown=")) {
				markdown = arg.substring("--markdown=".length());
			}
			else if (arg.startsWith("--chart=")) {
				chart = arg.substring("--chart=".length());
			}
			else if (arg.startsWith("--chart-about=")) {
				chartAbout = arg.substring("--chart-about=".length());
			}
			else if (arg.startsWith("--about=")) {
				about = arg.substring("--about=".length());
			}
			else if (arg.startsWith("--append=")) {
				appends.add(arg.substring("--append=".length()));
			}
			else {
				files.add(arg);
			}
		}
		List<JmhResult> results = JmhResult.read(files);
		printAll(results);
		System.out.println();
		derived(results).forEach(System.out::println);
		printWholeCall(WholeCallFigures.rows(results));
		printInterceptorTax(WholeCallFigures.interceptorTax(results));
		printFirstByte(WholeCallFigures.firstByteRows(results));
		if (markdown != null) {
			MarkdownReport.write(new File(markdown), about, results, derived(results), appends);
			System.out.println("Markdown fragment: " + markdown);
		}
		if (chart != null && !WholeCallFigures.rows(results).isEmpty()) {
			AddedCostChart.draw(WholeCallFigures.rows(results), WholeCallFigures.interceptorTax(results),
					(chartAbout != null) ? chartAbout : about, new File(chart));
			System.out.println("Chart: " + chart);
		}
	}

	private static void printAll(List<JmhResult> results) {
		String format = "%-66s %12s %10s %-6s %10s%n";
		System.out.printf(Locale.ROOT, format, "Benchmark", "Score", "± Error", "Units", "B/op");
		for (JmhResult result : results) {
			System.out.printf(Locale.ROOT, format, result.name(), number(result.score()), number(result.error()),
					result.unit(), number(result.bytesPerOp()));
		}
	}

	/**
	 * Return the one-line findings: lookup speed-up, call overhead on loopback, startup
	 * difference.
	 */
	static List<String> derived(List<JmhResult> results) {
		List<String> lines = new ArrayList<>();
		JmhResult kiwoom = JmhResult.find(results, "TokenLookupBenchmark.kiwoomAuthProvider", "", null);
		JmhResult spring = JmhResult.find(results, "TokenLookupBenchmark.springSecurityManager", "", null);
		if (kiwoom != null && spring != null) {
			double ratio = spring.score() / kiwoom.score();
			double error = ratio * Math.hypot(spring.error() / spring.score(), kiwoom.error() / kiwoom.score());
			lines.add(String.format(Locale.ROOT,
					"lookup: kiwoom-auth is %.0fx (± %.0f) faster than Spring Security's authorize(...), "
							+ "%s B/op vs %s B/op (target: >= 20x, 0 B/op)",
					ratio, error, number(kiwoom.bytesPerOp()), number(spring.bytesPerOp())));
		}
		JmhResult cluster = JmhResult.find(results, "ClusterLookupBenchmark.kiwoomAuthProviderRedisStore", "", null);
		if (kiwoom != null && cluster != null) {
			lines.add(String.format(Locale.ROOT,
					"lookup, cluster mode (Redis store on): %s ± %s ns, %s B/op, against %s ± %s ns, %s B/op "
							+ "in memory (target: the same one-field read, 0 B/op)",
					number(cluster.score()), number(cluster.error()), number(cluster.bytesPerOp()),
					number(kiwoom.score()), number(kiwoom.error()), number(kiwoom.bytesPerOp())));
		}
		for (String transport : List.of("loopback", "in-memory")) {
			JmhResult call = JmhResult.find(results, "CallOverheadBenchmark.kiwoomAuth", transport, null);
			JmhResult fixed = JmhResult.find(results, "CallOverheadBenchmark.fixedHeader", transport, null);
			if (call != null && fixed != null) {
				Difference added = Difference.of(call.score(), call.error(), fixed.score(), fixed.error());
				lines.add(String.format(Locale.ROOT,
						"call overhead, %s: %+.2f ± %.2f %s per call = %+.1f %% ± %.1f %% of the fixed-header call, "
								+ "%+.0f B/op (target: <= 3 %%)",
						transport, added.value(), added.error(), call.unit(), 100 * added.value() / fixed.score(),
						100 * added.error() / fixed.score(), call.bytes() - fixed.bytes()));
			}
		}
		JmhResult reserve = JmhResult.find(results, "PacingBenchmark.reserveFreePermit", "", null);
		JmhResult paced = JmhResult.find(results, "PacingBenchmark.kiwoomAuthCall", "", null);
		JmhResult plain = JmhResult.find(results, "PacingBenchmark.plainCall", "", null);
		if (reserve != null && paced != null && plain != null) {
			lines.add(String.format(Locale.ROOT,
					"pacing, free permit: reserve %s ± %s ns, %s B/op, beside the 0.9 KB call: plain %s ± %s ns, "
							+ "%s B/op; kiwoom-auth (paced) %s ± %s ns, %s B/op (target: no lock, no allocation)",
					number(reserve.score()), number(reserve.error()), number(reserve.bytesPerOp()),
					number(plain.score()), number(plain.error()), number(plain.bytesPerOp()), number(paced.score()),
					number(paced.error()), number(paced.bytesPerOp())));
		}
		for (String label : List.of("cold", "warm")) {
			JmhResult with = JmhResult.find(results, "StartupBenchmark.refreshAndClose", "with", label);
			JmhResult without = JmhResult.find(results, "StartupBenchmark.refreshAndClose", "without", label);
			if (with != null && without != null) {
				lines.add(String.format(Locale.ROOT,
						"startup, %s: with the starter %+.1f ± %.1f %s per refresh and close (target: <= 20 ms)", label,
						with.score() - without.score(), Math.hypot(with.error(), without.error()), with.unit()));
			}
		}
		return lines;
	}

	private static void printWholeCall(List<Row> rows) {
		if (rows.isEmpty()) {
			return;
		}
		System.out.println();
		System.out.println("Whole call, in memory: ns/op and B/op; 'adds' = client minus floor "
				+ "(targets: kiwoom-auth adds no more time than Spring Security, and <= "
				+ number(WholeCallFigures.ADDED_BYTES_TARGET) + " B/op; met or NOT met only when the interval "
				+ "resolves it; 0.9 KB and 100 KB from the paired runs, 1 MB from JMH; 'kiwoom - spring' "
				+ "paired where marked *)");
		String format = "%-13s %-26s %10s %9s | %10s %9s | %10s %9s | %19s %17s | %19s %17s | %20s | %s%n";
		System.out.printf(Locale.ROOT, format, "answer", "read", "floor ns", "B", "kiwoom ns", "B", "spring ns", "B",
				"kiwoom adds ns", "B", "spring adds ns", "B", "kiwoom - spring ns", "targets (time, B)");
		for (Row row : rows) {
			System.out.printf(Locale.ROOT, format, row.answer(), row.read(), number(row.floor().score()),
					number(row.floor().bytesPerOp()), number(row.kiwoomAuth().score()),
					number(row.kiwoomAuth().bytesPerOp()), number(row.springSecurity().score()),
					number(row.springSecurity().bytesPerOp()), difference(row.kiwoomAddedTime()),
					difference(row.kiwoomAddedBytes()), difference(row.springAddedTime()),
					difference(row.springAddedBytes()),
					difference(row.kiwoomOverSpringTime()) + ((row.paired() != null) ? "*" : ""),
					row.timeVerdict() + ", " + row.bytesVerdict());
		}
	}

	private static void printInterceptorTax(List<InterceptorTax> taxes) {
		if (taxes.isEmpty()) {
			return;
		}
		System.out.println();
		System.out
			.println("Any interceptor: a do-nothing interceptor setting the fixed header, minus the floor (String)");
		for (InterceptorTax tax : taxes) {
			System.out.printf(Locale.ROOT, "%-13s %19s ns %17s B%n", tax.answer(), difference(tax.time()),
					difference(tax.bytes()));
		}
	}

	private static void printFirstByte(List<Row> rows) {
		if (rows.isEmpty()) {
			return;
		}
		System.out.println();
		System.out.println("First byte of a 1 MB answer reaches the caller: ns/op and B/op "
				+ "(target: kiwoom-auth as soon as the plain RestClient)");
		String format = "%-9s %12s %10s | %12s %10s | %12s %10s | %21s | %21s%n";
		System.out.printf(Locale.ROOT, format, "arrival", "plain ns", "B", "kiwoom ns", "B", "spring ns", "B",
				"kiwoom later by ns", "spring later by ns");
		for (Row row : rows) {
			System.out.printf(Locale.ROOT, format, row.read(), number(row.floor().score()),
					number(row.floor().bytesPerOp()), number(row.kiwoomAuth().score()),
					number(row.kiwoomAuth().bytesPerOp()), number(row.springSecurity().score()),
					number(row.springSecurity().bytesPerOp()), difference(row.kiwoomAddedTime()),
					difference(row.springAddedTime()));
		}
	}

	static String difference(Difference difference) {
		return String.format(Locale.ROOT, "%+.0f ± %.0f", difference.value(), difference.error());
	}

	static String number(@Nullable Double value) {
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

}
