package io.github.ktrader.kiwoom.auth.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.Difference;
import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.InterceptorTax;
import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.Row;

/**
 * Writes a run's figures as a markdown fragment whose sections match BENCHMARKS.md's, so
 * that the final run's tables can be pasted over its {@code TODO-FIGURES} markers.
 */
final class MarkdownReport {

	private final StringBuilder out = new StringBuilder();

	private MarkdownReport() {
	}

	static void write(File file, String about, List<JmhResult> results, List<String> derived, List<String> appends)
			throws IOException {
		MarkdownReport report = new MarkdownReport();
		report.line("<!-- Written by benchmarks/run (ResultsSummary). Scores: JMH average ± 99.9 % half-width; "
				+ "B/op: gc.alloc.rate.norm; differences: errors combined in quadrature, but '(paired)' ones: "
				+ "PairedWholeCallBenchmark's 99.9 % interval over its forks, which also gives the whole-call rows "
				+ "at 0.9 KB and 100 KB (mean and interval over the forks). A target is met or NOT met only when "
				+ "the interval resolves it, else not resolved. -->");
		report.line("");
		report.line("Run: " + about);
		report.wholeCall(WholeCallFigures.rows(results));
		report.interceptorTax(WholeCallFigures.interceptorTax(results));
		report.firstByte(WholeCallFigures.firstByteRows(results));
		report.raw("Lookup: a valid cached token", results, "TokenLookupBenchmark.");
		report.raw("Lookup in cluster mode: a valid shared token, Redis store on", results, "ClusterLookupBenchmark.");
		report.raw("A ka10001 call on loopback", results, "CallOverheadBenchmark.");
		report.raw("Startup", results, "StartupBenchmark.");
		report.raw("Pacing: a free permit beside the call", results, "PacingBenchmark.");
		if (!derived.isEmpty()) {
			report.line("");
			report.line("### Derived");
			report.line("");
			derived.forEach((line) -> report.line("- " + line));
		}
		for (String append : appends) {
			int equals = append.indexOf('=');
			File appended = new File(append.substring(equals + 1));
			if (appended.isFile()) {
				report.line("");
				report.line("### " + ((equals > 0) ? append.substring(0, equals) : appended.getName()));
				report.line("");
				report.line("```");
				report.out.append(Files.readString(appended.toPath(), StandardCharsets.UTF_8).strip()).append('\n');
				report.line("```");
			}
		}
		Files.writeString(file.toPath(), report.out.toString(), StandardCharsets.UTF_8);
	}

	private void wholeCall(List<Row> rows) {
		if (rows.isEmpty()) {
			return;
		}
		line("");
		line("### Whole call, in memory: time (ns/op)");
		line("");
		line("| Answer | Read | Floor | kiwoom-auth | Spring Security | kiwoom-auth adds | Spring Security adds "
				+ "| kiwoom-auth − Spring Security | kiwoom-auth adds ≤ Spring Security's |");
		line("|---|---|---|---|---|---|---|---|---|");
		for (Row row : rows) {
			line(cells(size(row), row.read(), score(row.floor()), score(row.kiwoomAuth()), score(row.springSecurity()),
					difference(row.kiwoomAddedTime()), difference(row.springAddedTime()),
					difference(row.kiwoomOverSpringTime()) + ((row.paired() != null) ? " (paired)" : ""),
					row.timeVerdict().toString()));
		}
		line("");
		line("### Whole call, in memory: allocation (B/op)");
		line("");
		line("| Answer | Read | Floor | kiwoom-auth | Spring Security | kiwoom-auth adds | Spring Security adds "
				+ "| kiwoom-auth adds ≤ " + ResultsSummary.number(WholeCallFigures.ADDED_BYTES_TARGET) + " B |");
		line("|---|---|---|---|---|---|---|---|");
		for (Row row : rows) {
			line(cells(size(row), row.read(), bytes(row.floor()), bytes(row.kiwoomAuth()), bytes(row.springSecurity()),
					difference(row.kiwoomAddedBytes()), difference(row.springAddedBytes()),
					row.bytesVerdict().toString()));
		}
	}

	private void interceptorTax(List<InterceptorTax> taxes) {
		if (taxes.isEmpty()) {
			return;
		}
		line("");
		line("### What any interceptor costs (String read)");
		line("");
		line("A do-nothing interceptor that sets the same fixed header, minus the floor.");
		line("");
		line("| Answer | Added time (ns/op) | Added allocation (B/op) |");
		line("|---|---|---|");
		for (InterceptorTax tax : taxes) {
			line(cells(String.format(Locale.ROOT, "%s (%,d B)", tax.answer(), tax.answerBytes()),
					difference(tax.time()), difference(tax.bytes())));
		}
	}

	private void firstByte(List<Row> rows) {
		if (rows.isEmpty()) {
			return;
		}
		line("");
		line("### First byte of a 1 MB answer (ns/op, B/op)");
		line("");
		line("| Arrival | Plain RestClient | kiwoom-auth | Spring Security | kiwoom-auth later by | "
				+ "Spring Security later by |");
		line("|---|---|---|---|---|---|");
		Function<JmhResult, String> both = (result) -> score(result) + " ns, " + bytes(result) + " B";
		for (Row row : rows) {
			line(cells(row.read(), both.apply(row.floor()), both.apply(row.kiwoomAuth()),
					both.apply(row.springSecurity()), difference(row.kiwoomAddedTime()),
					difference(row.springAddedTime())));
		}
	}

	private void raw(String title, List<JmhResult> results, String prefix) {
		List<JmhResult> matching = results.stream().filter((result) -> result.benchmark().startsWith(prefix)).toList();
		if (matching.isEmpty()) {
			return;
		}
		line("");
		line("### " + title);
		line("");
		line("| Benchmark | Score ± error | B/op |");
		line("|---|---|---|");
		for (JmhResult result : matching) {
			line(cells("`" + result.name().substring(prefix.length()) + "`",
					score(result) + " ± " + ResultsSummary.number(result.error()) + " " + result.unit(),
					bytes(result)));
		}
	}

	private static String size(Row row) {
		return String.format(Locale.ROOT, "%s (%,d B)", row.answer(), row.answerBytes());
	}

	private static String score(JmhResult result) {
		return grouped(result.score());
	}

	private static String bytes(JmhResult result) {
		return Double.isNaN(result.bytes()) ? "" : grouped(result.bytes());
	}

	private static String difference(Difference difference) {
		return String.format(Locale.ROOT, "%+,.0f ± %,.0f", difference.value(), difference.error());
	}

	private static String grouped(double value) {
		return (Math.abs(value) >= 100) ? String.format(Locale.ROOT, "%,.0f", value) : ResultsSummary.number(value);
	}

	private static String cells(String... cells) {
		return "| " + String.join(" | ", cells) + " |";
	}

	private void line(String line) {
		this.out.append(line).append('\n');
	}

}
