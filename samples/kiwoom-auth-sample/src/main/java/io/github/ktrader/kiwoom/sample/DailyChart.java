package io.github.ktrader.kiwoom.sample;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One page of ka10081 (주식일봉차트조회요청), of which the sample prints only the row count and the
 * date range.
 *
 * @param code the stock code ({@code stk_cd})
 * @param rows the daily rows ({@code stk_dt_pole_chart_qry}), newest first
 * @since 0.1.0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DailyChart(@JsonProperty("stk_cd") @Nullable String code,
		@JsonProperty("stk_dt_pole_chart_qry") @Nullable List<Row> rows) {

	/**
	 * Return the rows, never {@code null}.
	 * @return the rows of this page
	 */
	public List<Row> rowsOrEmpty() {
		return (this.rows != null) ? this.rows : List.of();
	}

	/**
	 * One trading day.
	 *
	 * @param date the day ({@code dt}, yyyyMMdd)
	 * @param close the closing price with its sign ({@code cur_prc})
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Row(@JsonProperty("dt") @Nullable String date, @JsonProperty("cur_prc") @Nullable String close) {

	}

}
