package io.github.ktrader.kiwoom.auth.realtime;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.github.ktrader.kiwoom.auth.KiwoomNumbers;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One real-time entry from Kiwoom: its type, item, name and FID values, as Kiwoom's
 * signed strings, with typed helpers for the common FIDs of {@code 0B}, {@code 0D},
 * {@code 00} and {@code 04}.
 * <p>
 * Prices carry a sign that says whether they are above ({@code +}) or below ({@code -})
 * the previous close; the price helpers return the price itself, without the sign.
 *
 * @since 0.1.0
 */
public final class RealtimeEvent {

	/**
	 * FID 10: current price (현재가), or the fill price of {@code 0B}.
	 */
	public static final String PRICE = "10";

	/**
	 * FID 13: accumulated volume of the day (누적거래량).
	 */
	public static final String ACCUMULATED_VOLUME = "13";

	/**
	 * FID 15: volume of this fill (거래량), negative for a sell-initiated fill.
	 */
	public static final String VOLUME = "15";

	/**
	 * FID 20: time of the fill (체결시간), {@code HHmmss}.
	 */
	public static final String TIME = "20";

	/**
	 * FID 9201: account number (계좌번호).
	 */
	public static final String ACCOUNT_NUMBER = "9201";

	/**
	 * FID 9203: order number (주문번호).
	 */
	public static final String ORDER_NUMBER = "9203";

	/**
	 * FID 913: order status (주문상태), such as 접수, 체결, 확인.
	 */
	public static final String ORDER_STATUS = "913";

	/**
	 * FID 902: quantity not yet filled (미체결수량).
	 */
	public static final String UNFILLED_QUANTITY = "902";

	/**
	 * FID 910: fill price (체결가) of an order.
	 */
	public static final String FILL_PRICE = "910";

	/**
	 * FID 911: fill quantity (체결량) of an order.
	 */
	public static final String FILL_QUANTITY = "911";

	/**
	 * FID 930: quantity held (보유수량) in a {@code 04} balance entry.
	 */
	public static final String HOLDING_QUANTITY = "930";

	/**
	 * FID 41: best ask (매도호가1); asks 2 to 10 follow as 42 to 50.
	 */
	public static final String ASK_1 = "41";

	/**
	 * FID 51: best bid (매수호가1); bids 2 to 10 follow as 52 to 60.
	 */
	public static final String BID_1 = "51";

	private final String type;

	private final String item;

	private final String name;

	private final Map<String, String> values;

	/**
	 * Create an event.
	 * @param type the real-time type, such as {@code 0B}
	 * @param item the item, such as {@code 005930}; empty for account types
	 * @param name Kiwoom's name of the type, such as 주식체결
	 * @param values the FID values, keyed by FID number
	 */
	public RealtimeEvent(String type, String item, String name, Map<String, String> values) {
		Assert.notNull(type, "Type must not be null");
		Assert.notNull(item, "Item must not be null");
		Assert.notNull(name, "Name must not be null");
		Assert.notNull(values, "Values must not be null");
		this.type = type;
		this.item = item;
		this.name = name;
		this.values = Map.copyOf(values);
	}

	/**
	 * Return the real-time type, such as {@code 0B}.
	 * @return the type
	 */
	public String type() {
		return this.type;
	}

	/**
	 * Return the item, such as {@code 005930}; empty for account types.
	 * @return the item
	 */
	public String item() {
		return this.item;
	}

	/**
	 * Return Kiwoom's name of the type, such as 주식체결.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return every FID value, keyed by FID number.
	 * @return the values
	 */
	public Map<String, String> values() {
		return this.values;
	}

	/**
	 * Return one FID value as Kiwoom sent it.
	 * @param fid the FID number, such as {@code "10"}
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable String value(String fid) {
		return this.values.get(fid);
	}

	/**
	 * Return one FID value as a number, sign kept.
	 * @param fid the FID number
	 * @return the number, or empty when absent or empty
	 * @throws KiwoomNumbers.KiwoomNumberFormatException if the value is not a number
	 */
	public OptionalLong longValue(String fid) {
		return KiwoomNumbers.optionalLong(this.values.get(fid));
	}

	/**
	 * Return the current or fill price (FID 10) without its sign.
	 * @return the price
	 */
	public OptionalLong price() {
		return unsigned(PRICE);
	}

	/**
	 * Return the accumulated volume of the day (FID 13).
	 * @return the accumulated volume
	 */
	public OptionalLong accumulatedVolume() {
		return unsigned(ACCUMULATED_VOLUME);
	}

	/**
	 * Return the volume of this fill (FID 15), negative for a sell-initiated fill.
	 * @return the volume
	 */
	public OptionalLong volume() {
		return longValue(VOLUME);
	}

	/**
	 * Return the time of the fill (FID 20).
	 * @return the time, or empty when absent or not {@code HHmmss}
	 */
	public Optional<LocalTime> time() {
		String time = this.values.get(TIME);
		if (time == null || time.length() != 6) {
			return Optional.empty();
		}
		try {
			return Optional.of(LocalTime.of(Integer.parseInt(time.substring(0, 2)),
					Integer.parseInt(time.substring(2, 4)), Integer.parseInt(time.substring(4, 6))));
		}
		catch (NumberFormatException | DateTimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Return the ask price at a level of the order book (FID 41 to 50) without its sign.
	 * @param level the level, 1 (best) to 10
	 * @return the ask price
	 */
	public OptionalLong askPrice(int level) {
		Assert.isTrue(level >= 1 && level <= 10, "Level must be between 1 and 10");
		return unsigned(String.valueOf(40 + level));
	}

	/**
	 * Return the bid price at a level of the order book (FID 51 to 60) without its sign.
	 * @param level the level, 1 (best) to 10
	 * @return the bid price
	 */
	public OptionalLong bidPrice(int level) {
		Assert.isTrue(level >= 1 && level <= 10, "Level must be between 1 and 10");
		return unsigned(String.valueOf(50 + level));
	}

	/**
	 * Return the order number (FID 9203) of an order event.
	 * @return the order number
	 */
	public Optional<String> orderNumber() {
		return text(ORDER_NUMBER);
	}

	/**
	 * Return the order status (FID 913) of an order event, such as 접수 or 체결.
	 * @return the status
	 */
	public Optional<String> orderStatus() {
		return text(ORDER_STATUS);
	}

	/**
	 * Return the account number (FID 9201) of an order or balance event.
	 * @return the account number
	 */
	public Optional<String> accountNumber() {
		return text(ACCOUNT_NUMBER);
	}

	/**
	 * Return the fill price (FID 910) of an order event without its sign.
	 * @return the fill price
	 */
	public OptionalLong fillPrice() {
		return unsigned(FILL_PRICE);
	}

	/**
	 * Return the fill quantity (FID 911) of an order event.
	 * @return the fill quantity
	 */
	public OptionalLong fillQuantity() {
		return unsigned(FILL_QUANTITY);
	}

	/**
	 * Return the quantity not yet filled (FID 902) of an order event.
	 * @return the unfilled quantity
	 */
	public OptionalLong unfilledQuantity() {
		return unsigned(UNFILLED_QUANTITY);
	}

	/**
	 * Return the quantity held (FID 930) of a balance event.
	 * @return the quantity held
	 */
	public OptionalLong holdingQuantity() {
		return unsigned(HOLDING_QUANTITY);
	}

	private OptionalLong unsigned(String fid) {
		OptionalLong value = longValue(fid);
		return value.isPresent() ? OptionalLong.of(Math.abs(value.getAsLong())) : value;
	}

	private Optional<String> text(String fid) {
		String value = this.values.get(fid);
		return (value != null && !value.isBlank()) ? Optional.of(value.strip()) : Optional.empty();
	}

	@Override
	public String toString() {
		return "RealtimeEvent[" + this.type + " " + this.item + " " + this.name + " " + this.values + "]";
	}

}
