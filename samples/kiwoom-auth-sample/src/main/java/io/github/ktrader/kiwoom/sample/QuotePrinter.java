package io.github.ktrader.kiwoom.sample;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.client.KiwoomAccounts;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Quotes every configured stock once per round for each key pair of
 * {@code sample.accounts} and prints one line per quote, unless {@code --sample.chart}
 * asks for a daily chart or {@code --sample.realtime} for real-time trades instead.
 *
 * @since 0.1.0
 */
@Component
class QuotePrinter implements ApplicationRunner, ExitCodeGenerator {

	private static final Log logger = LogFactory.getLog(QuotePrinter.class);

	private final KiwoomAccounts accounts;

	private final SampleProperties properties;

	private final PrintStream out = System.out;

	private int failures;

	QuotePrinter(KiwoomAccounts accounts, SampleProperties properties) {
		this.accounts = accounts;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		if (StringUtils.hasText(this.properties.getChart()) || !this.properties.realtimeCodes().isEmpty()) {
			return;
		}
		int rounds = this.properties.getRounds();
		for (int round = 1; round <= rounds; round++) {
			for (String account : this.properties.getAccounts()) {
				KiwoomClient client = this.accounts.get(account.trim()).client();
				String prefix = "default".equals(account.trim()) ? "" : account.trim() + " ";
				for (String code : this.properties.getStocks()) {
					quote(client, prefix, round, rounds, code.trim());
				}
			}
			if (round < rounds) {
				Thread.sleep(this.properties.getInterval().toMillis());
			}
		}
	}

	private void quote(KiwoomClient client, String prefix, int round, int rounds, String code) {
		try {
			StockInfo info = client.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", code), StockInfo.class);
			this.out.println(String.format(Locale.ROOT, "[%d/%d] %s%s %s %s", round, rounds, prefix, code, info.name(),
					info.currentPrice()));
		}
		catch (RuntimeException ex) {
			this.failures++;
			logger.error("[" + round + "/" + rounds + "] " + prefix + code + " failed: " + ex.getMessage());
		}
	}

	@Override
	public int getExitCode() {
		return (this.failures > 0) ? 1 : 0;
	}

}
