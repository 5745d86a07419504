package io.github.ktrader.kiwoom.sample;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Quotes every configured stock once per round and prints one line per quote, unless
 * {@code --sample.chart} asks for a daily chart instead.
 *
 * @since 0.1.0
 */
@Component
class QuotePrinter implements ApplicationRunner, ExitCodeGenerator {

	private static final Log logger = LogFactory.getLog(QuotePrinter.class);

	private final KiwoomClient kiwoom;

	private final SampleProperties properties;

	private final PrintStream out = System.out;

	private int failures;

	QuotePrinter(KiwoomClient kiwoom, SampleProperties properties) {
		this.kiwoom = kiwoom;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		if (StringUtils.hasText(this.properties.getChart())) {
			return;
		}
		int rounds = this.properties.getRounds();
		for (int round = 1; round <= rounds; round++) {
			for (String code : this.properties.getStocks()) {
				quote(round, rounds, code.trim());
			}
			if (round < rounds) {
				Thread.sleep(this.properties.getInterval().toMillis());
			}
		}
	}

	private void quote(int round, int rounds, String code) {
		try {
			StockInfo info = this.kiwoom.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", code), StockInfo.class);
			this.out.println(String.format(Locale.ROOT, "[%d/%d] %s %s %s", round, rounds, code, info.name(),
					info.currentPrice()));
		}
		catch (RuntimeException ex) {
			this.failures++;
			logger.error("[" + round + "/" + rounds + "] " + code + " failed: " + ex.getMessage());
		}
	}

	@Override
	public int getExitCode() {
		return (this.failures > 0) ? 1 : 0;
	}

}
