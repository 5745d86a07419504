package io.github.ktrader.kiwoom.sample;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.client.KiwoomPage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * With {@code --sample.chart=CODE}, pages through the daily chart (ka10081) of one stock
 * with {@code cont-yn} / {@code next-key} and prints one line per page.
 *
 * @since 0.1.0
 */
@Component
class ChartPrinter implements ApplicationRunner, ExitCodeGenerator {

	private static final Log logger = LogFactory.getLog(ChartPrinter.class);

	private static final DateTimeFormatter BASE_DT = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);

	private final KiwoomClient kiwoom;

	private final SampleProperties properties;

	private final PrintStream out = System.out;

	private int failures;

	ChartPrinter(KiwoomClient kiwoom, SampleProperties properties) {
		this.kiwoom = kiwoom;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		String code = this.properties.getChart();
		if (!StringUtils.hasText(code) || !this.properties.realtimeCodes().isEmpty()) {
			return;
		}
		// Kiwoom's trading day is Korean, whatever this machine's zone.
		Map<String, String> request = Map.of("stk_cd", code.trim(), "base_dt",
				LocalDate.now(AccessToken.KIWOOM_ZONE).format(BASE_DT), "upd_stkpc_tp", "1");
		int rows = 0;
		@Nullable String nextKey = null;
		try {
			for (int page = 1; page <= this.properties.getChartPages(); page++) {
				KiwoomPage<DailyChart> answer = this.kiwoom.postPage("ka10081", "/api/dostk/chart", request,
						DailyChart.class, nextKey);
				List<DailyChart.Row> pageRows = answer.body().rowsOrEmpty();
				rows += pageRows.size();
				this.out.println(String.format(Locale.ROOT, "%s page %d: %d rows%s (cont-yn=%s)", code, page,
						pageRows.size(), range(pageRows), answer.contYn()));
				if (!answer.hasNext()) {
					break;
				}
				nextKey = answer.nextKey();
			}
			this.out.println(String.format(Locale.ROOT, "%s: %d rows in all", code, rows));
		}
		catch (RuntimeException ex) {
			this.failures++;
			logger.error(code + " daily chart failed: " + ex.getMessage());
		}
	}

	private static String range(List<DailyChart.Row> rows) {
		return rows.isEmpty() ? "" : ", " + rows.get(rows.size() - 1).date() + ".." + rows.get(0).date();
	}

	@Override
	public int getExitCode() {
		return (this.failures > 0) ? 1 : 0;
	}

}
