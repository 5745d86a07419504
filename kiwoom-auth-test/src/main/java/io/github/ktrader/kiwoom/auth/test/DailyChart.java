package io.github.ktrader.kiwoom.auth.test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * Answers ka10081 (주식일봉차트조회요청), {@code POST /api/dostk/chart}, over several pages.
 * <p>
 * Rows are made up from the stock's price, one per weekday from {@code base_dt} back,
 * newest first, in {@code stk_dt_pole_chart_qry}. A page that has more after it answers
 * {@code cont-yn: Y} and a {@code next-key}; the next page is asked for with both as
 * request headers, and the last page answers {@code cont-yn: N}. The key encodes the
 * code, the base date and the offset, and is refused with 1517 unless the request body
 * asks for the same code and date. Settings may change at any time; thread-safe.
 */
final class DailyChart {

	static final String API_ID = "ka10081";

	static final String PATH = "/api/dostk/chart";

	static final String ROWS = "stk_dt_pole_chart_qry";

	private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private final MarketData marketData;

	private volatile int days = 250;

	private volatile int rowsPerPage = 100;

	DailyChart(MarketData marketData) {
		this.marketData = marketData;
	}

	void size(int days, int rowsPerPage) {
		Assert.isTrue(days >= 0, "Days must not be negative");
		Assert.isTrue(rowsPerPage > 0, "Rows per page must be positive");
		this.days = days;
		this.rowsPerPage = rowsPerPage;
	}

	Reply handle(RecordedRequest request, ObjectNode body) {
		if (!PATH.equals(request.path())) {
			return DataEndpoint.inputError(1504, "해당 URI에서는 지원하는 API ID가 아닙니다");
		}
		String code = Json.nonBlankString(body, "stk_cd");
		String baseDate = Json.nonBlankString(body, "base_dt");
		if (code == null || baseDate == null || Json.nonBlankString(body, "upd_stkpc_tp") == null) {
			return DataEndpoint.inputError(1511, "필수 입력 값에 값이 존재하지 않습니다");
		}
		LocalDate base = parseDate(baseDate);
		if (base == null) {
			return DataEndpoint.inputError(1517, "입력 값 형식이 올바르지 않습니다");
		}
		MarketData.Stock stock = this.marketData.stock(code);
		if (stock == null) {
			return DataEndpoint.inputError(1902, "종목정보가 없습니다");
		}
		Integer offset = offset(request, code, baseDate);
		if (offset == null) {
			return DataEndpoint.inputError(1517, "입력 값 형식이 올바르지 않습니다");
		}
		return page(stock, base, baseDate, offset);
	}

	private Reply page(MarketData.Stock stock, LocalDate base, String baseDate, int offset) {
		int total = this.days;
		int end = Math.min(total, offset + this.rowsPerPage);
		ObjectNode answer = Json.object();
		answer.put("stk_cd", stock.code());
		ArrayNode rows = answer.putArray(ROWS);
		LocalDate day = previousWeekdays(base, offset);
		for (int index = offset; index < end; index++) {
			rows.add(row(stock, day, index));
			day = previousWeekdays(day, 1);
		}
		answer.put("return_code", KiwoomMessages.SUCCESS_CODE);
		answer.put("return_msg", KiwoomMessages.SUCCESS);
		Reply reply = Reply.ok(answer);
		if (end < total) {
			return reply.withHeader("cont-yn", "Y").withHeader("next-key", nextKey(stock.code(), baseDate, end));
		}
		return reply.withHeader("cont-yn", "N").withHeader("next-key", "");
	}

	private static ObjectNode row(MarketData.Stock stock, LocalDate day, int index) {
		String sign = stock.price().startsWith("-") ? "-" : (stock.price().startsWith("+") ? "+" : "");
		long close = Math.max(1, Long.parseLong(stock.price().replaceAll("[+-]", "")) - index * 10L);
		ObjectNode row = Json.object();
		row.put("cur_prc", sign + close);
		row.put("trde_qty", String.valueOf(1_000_000 + index));
		row.put("trde_prica", String.valueOf(close * (1_000_000 + index) / 1_000_000));
		row.put("dt", DATE.format(day));
		row.put("open_pric", sign + (close - 5));
		row.put("high_pric", sign + (close + 20));
		row.put("low_pric", sign + (close - 20));
		return row;
	}

	/**
	 * Return the offset the request continues from: 0 for a first page, the one in its
	 * {@code next-key} for a continuation, {@code null} for a key that is missing or does
	 * not belong to this code and date.
	 */
	private static @Nullable Integer offset(RecordedRequest request, String code, String baseDate) {
		if (!"Y".equalsIgnoreCase(request.header("cont-yn"))) {
			return 0;
		}
		String key = request.header("next-key");
		String prefix = code + baseDate;
		if (key == null || !key.startsWith(prefix) || key.length() != prefix.length() + 6) {
			return null;
		}
		try {
			return Integer.valueOf(key.substring(prefix.length()));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String nextKey(String code, String baseDate, int offset) {
		return code + baseDate + String.format(Locale.ROOT, "%06d", offset);
	}

	private static @Nullable LocalDate parseDate(String text) {
		try {
			return LocalDate.parse(text, DATE);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static LocalDate previousWeekdays(LocalDate from, int count) {
		LocalDate day = from;
		while (isWeekend(day)) {
			day = day.minusDays(1);
		}
		for (int i = 0; i < count; i++) {
			do {
				day = day.minusDays(1);
			}
			while (isWeekend(day));
		}
		return day;
	}

	private static boolean isWeekend(LocalDate day) {
		return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
	}

}
