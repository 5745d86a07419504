package io.github.ktrader.kiwoom.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the sample asks Kiwoom for.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("sample")
public class SampleProperties {

	/**
	 * Stock codes to quote, such as 005930 (삼성전자).
	 */
	private List<String> stocks = new ArrayList<>(List.of("005930"));

	/**
	 * Key pairs to quote with: default (kiwoom.*) and names under kiwoom.accounts.
	 */
	private List<String> accounts = new ArrayList<>(List.of("default"));

	/**
	 * Number of rounds; each round quotes every stock once.
	 */
	private int rounds = 1;

	/**
	 * Pause between rounds.
	 */
	private Duration interval = Duration.ofSeconds(1);

	/**
	 * Whether to keep running as a web server after printing the quotes, serving
	 * /actuator/health/kiwoom and /actuator/metrics until stopped.
	 */
	private boolean stayUp;

	/**
	 * Stock code whose daily chart (ka10081) to page through instead of printing quotes.
	 */
	private @Nullable String chart;

	/**
	 * Most pages of the daily chart to ask for.
	 */
	private int chartPages = 10;

	/**
	 * Stock codes whose trades (0B, 주식체결) to print from the real-time socket instead of
	 * printing quotes, such as 005930,000660.
	 */
	private List<String> realtime = new ArrayList<>();

	/**
	 * How long to print real-time trades before exiting, from the socket's first login.
	 */
	private Duration realtimeDuration = Duration.ofSeconds(10);

	public List<String> getStocks() {
		return this.stocks;
	}

	public void setStocks(List<String> stocks) {
		this.stocks = stocks;
	}

	public List<String> getAccounts() {
		return this.accounts;
	}

	public void setAccounts(List<String> accounts) {
		this.accounts = accounts;
	}

	public int getRounds() {
		return this.rounds;
	}

	public void setRounds(int rounds) {
		this.rounds = rounds;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public boolean isStayUp() {
		return this.stayUp;
	}

	public void setStayUp(boolean stayUp) {
		this.stayUp = stayUp;
	}

	public @Nullable String getChart() {
		return this.chart;
	}

	public void setChart(@Nullable String chart) {
		this.chart = chart;
	}

	public int getChartPages() {
		return this.chartPages;
	}

	public void setChartPages(int chartPages) {
		this.chartPages = chartPages;
	}

	public List<String> getRealtime() {
		return this.realtime;
	}

	public void setRealtime(List<String> realtime) {
		this.realtime = realtime;
	}

	public Duration getRealtimeDuration() {
		return this.realtimeDuration;
	}

	public void setRealtimeDuration(Duration realtimeDuration) {
		this.realtimeDuration = realtimeDuration;
	}

	/**
	 * Return the real-time codes, trimmed, without empty ones.
	 * @return the codes; empty when the sample does not print real-time trades
	 */
	List<String> realtimeCodes() {
		return this.realtime.stream().map(String::strip).filter((code) -> !code.isEmpty()).toList();
	}

}
