package io.github.ktrader.kiwoom.auth.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Kiwoom answers of three sizes, and the records a user would bind them to: the 0.9 KB
 * ka10001 stock-info answer, and ka10081 daily-chart answers of about 100 KB and 1 MB
 * (10⁵ and 10⁶ bytes, so that the larger stays under a 1 MiB response-size limit).
 * <p>
 * Chart rows carry Kiwoom's signed strings ({@code "+71000"}, {@code "-49900"}) from a
 * seeded random walk, so every run sees the same bytes. As in real charts, the digits
 * contain 8005, 8010, 8031 or 8103 here and there, which a byte scan for those codes
 * cannot tell from a rejection.
 *
 * @since 0.1.0
 */
public final class KiwoomAnswers {

	/**
	 * The ka10001 path.
	 */
	static final String STOCK_INFO_PATH = "/api/dostk/stkinfo";

	/**
	 * The ka10081 path.
	 */
	static final String CHART_PATH = "/api/dostk/chart";

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);

	private KiwoomAnswers() {
	}

	/**
	 * Return the answer named by a benchmark parameter.
	 * @param name {@code ka10001}, {@code ka10081-100k} or {@code ka10081-1m}
	 * @return the answer
	 */
	static Answer named(String name) {
		return switch (name) {
			case "ka10001" -> new Answer("ka10001", STOCK_INFO_PATH, LoopbackKiwoom.STOCK_INFO_ANSWER, StockInfo.class,
					new StockInfoRequest("005930"));
			case "ka10081-100k" -> chart(100_000);
			case "ka10081-1m" -> chart(1_000_000);
			default -> throw new IllegalArgumentException("Unknown answer '" + name + "'");
		};
	}

	/**
	 * Return a ka10081 answer of at least the given size.
	 * @param minimumBytes the size to reach
	 * @return the answer
	 */
	static Answer chart(int minimumBytes) {
		return new Answer("ka10081", CHART_PATH, chartBytes(minimumBytes), DailyChart.class,
				new DailyChartRequest("005930", "20251128", "1"));
	}

	private static byte[] chartBytes(int minimumBytes) {
		Random random = new Random(15);
		String tail = "],\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}";
		StringBuilder json = new StringBuilder(minimumBytes + 512)
			.append("{\"stk_cd\":\"005930\",\"stk_dt_pole_chart_qry\":[");
		LocalDate date = LocalDate.of(2025, 11, 28);
		int close = 71000;
		int tailBytes = tail.getBytes(StandardCharsets.UTF_8).length;
		boolean first = true;
		while (json.length() + tailBytes < minimumBytes) {
			int previous = close;
			close = Math.max(1000, close + random.nextInt(2001) - 1000);
			int open = close + random.nextInt(801) - 400;
			int high = Math.max(open, close) + random.nextInt(600);
			int low = Math.min(open, close) - random.nextInt(600);
			long quantity = 5_000_000L + random.nextInt(20_000_000);
			json.append(first ? "" : ",")
				.append("{\"cur_prc\":\"")
				.append(signed(close, previous))
				.append("\",\"trde_qty\":\"")
				.append(quantity)
				.append("\",\"trde_prica\":\"")
				.append(quantity * close / 1_000_000)
				.append("\",\"dt\":\"")
				.append(date.format(DATE))
				.append("\",\"open_pric\":\"")
				.append(signed(open, previous))
				.append("\",\"high_pric\":\"")
				.append(signed(high, previous))
				.append("\",\"low_pric\":\"")
				.append(signed(low, previous))
				.append("\",\"upd_stkpc_tp\":\"\",\"upd_rt\":\"\",\"bic_inds_tp\":\"\",\"sm_inds_tp\":\"\","
						+ "\"stk_infr\":\"\",\"upd_stkpc_event\":\"\",\"pred_close_pric\":\"")
				.append(previous)
				.append("\"}");
			first = false;
			date = date.minusDays(1);
		}
		return json.append(tail).toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String signed(int price, int reference) {
		return ((price > reference) ? "+" : (price < reference) ? "-" : "") + price;
	}

	/**
	 * One answer and how to ask for it.
	 *
	 * @param apiId the TR id
	 * @param path the TR's path
	 * @param bytes the answer body
	 * @param type the record to bind it to
	 * @param request the request body
	 */
	record Answer(String apiId, String path, byte[] bytes, Class<?> type, Object request) {

	}

	/**
	 * ka10001 request.
	 *
	 * @param stockCode the stock code
	 */
	public record StockInfoRequest(@JsonProperty("stk_cd") String stockCode) {

	}

	/**
	 * What an application reads from ka10001.
	 *
	 * @param stockCode the stock code
	 * @param name the stock name
	 * @param price the current price
	 * @param returnCode Kiwoom's return code
	 * @param returnMessage Kiwoom's message
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record StockInfo(@JsonProperty("stk_cd") String stockCode, @JsonProperty("stk_nm") String name,
			@JsonProperty("cur_prc") String price, @JsonProperty("return_code") int returnCode,
			@JsonProperty("return_msg") String returnMessage) {

	}

	/**
	 * ka10081 request.
	 *
	 * @param stockCode the stock code
	 * @param baseDate the last day of the chart
	 * @param adjusted {@code 1} for adjusted prices
	 */
	public record DailyChartRequest(@JsonProperty("stk_cd") String stockCode, @JsonProperty("base_dt") String baseDate,
			@JsonProperty("upd_stkpc_tp") String adjusted) {

	}

	/**
	 * ka10081 answer.
	 *
	 * @param stockCode the stock code
	 * @param rows one row per day, newest first
	 * @param returnCode Kiwoom's return code
	 * @param returnMessage Kiwoom's message
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record DailyChart(@JsonProperty("stk_cd") String stockCode,
			@JsonProperty("stk_dt_pole_chart_qry") List<DailyChartRow> rows,
			@JsonProperty("return_code") int returnCode, @JsonProperty("return_msg") String returnMessage) {

	}

	/**
	 * One day of a ka10081 chart, as Kiwoom's signed strings.
	 *
	 * @param close the closing price
	 * @param quantity the traded quantity
	 * @param amount the traded amount, in millions of won
	 * @param date the day
	 * @param open the opening price
	 * @param high the high
	 * @param low the low
	 * @param previousClose the previous day's close
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record DailyChartRow(@JsonProperty("cur_prc") String close, @JsonProperty("trde_qty") String quantity,
			@JsonProperty("trde_prica") String amount, @JsonProperty("dt") String date,
			@JsonProperty("open_pric") String open, @JsonProperty("high_pric") String high,
			@JsonProperty("low_pric") String low, @JsonProperty("pred_close_pric") String previousClose) {

	}

}
