package io.github.ktrader.kiwoom.sample;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The part of ka10001 (주식기본정보요청) the sample prints.
 *
 * @param code the stock code ({@code stk_cd})
 * @param name the stock name ({@code stk_nm})
 * @param currentPrice the current price with its sign ({@code cur_prc}), such as
 * {@code +71000}
 * @since 0.1.0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockInfo(@JsonProperty("stk_cd") @Nullable String code, @JsonProperty("stk_nm") @Nullable String name,
		@JsonProperty("cur_prc") @Nullable String currentPrice) {

}
