package io.github.ktrader.kiwoom.auth.test;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * Makes up 주식체결 ({@code 0B}) values: a price that walks a tick at a time from the stock's
 * known price, and a cumulative volume (FID 13) that only grows, per item. Confined to
 * the real-time simulator's thread.
 */
final class TickSource {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);

	private final SplittableRandom random = new SplittableRandom();

	private final Map<String, ItemState> items = new HashMap<>();

	private final MarketData marketData;

	TickSource(MarketData marketData) {
		this.marketData = marketData;
	}

	/**
	 * Returns the next trade of an item.
	 * @param item the item as registered, e.g. {@code 005930} or {@code 005930_AL}
	 * @return the FID values of a {@code 0B} entry
	 */
	Map<String, String> next(String item) {
		ItemState state = this.items.computeIfAbsent(item, (key) -> new ItemState(basePrice(key)));
		int step = tickSize(state.price);
		state.price = Math.max(step, state.price + step * (this.random.nextInt(3) - 1));
		int volume = 1 + this.random.nextInt(100);
		state.volume += volume;
		Map<String, String> values = new LinkedHashMap<>();
		values.put("20", time());
		values.put("10", signed(state.price, state.base));
		values.put("11", signed(state.price - state.base, 0));
		values.put("12", rate(state.price, state.base));
		values.put("27", signed(state.price + step, state.base));
		values.put("28", signed(state.price, state.base));
		values.put("15", (this.random.nextBoolean() ? "+" : "-") + volume);
		values.put("13", Long.toString(state.volume));
		return values;
	}

	/**
	 * Returns the current price of an item, with its sign: the last trade's, or the price
	 * ka10001 knows before the first trade.
	 * @param item the item
	 * @return the price, e.g. {@code +71000}
	 */
	String price(String item) {
		ItemState state = this.items.get(item);
		if (state != null) {
			return signed(state.price, state.base);
		}
		MarketData.@Nullable Stock stock = this.marketData.stock(code(item));
		return (stock != null) ? stock.price() : Integer.toString(basePrice(item));
	}

	private int basePrice(String item) {
		String code = code(item);
		MarketData.@Nullable Stock stock = this.marketData.stock(code);
		if (stock != null) {
			try {
				return Math.abs(Integer.parseInt(stock.price()));
			}
			catch (NumberFormatException ex) {
				// fall through to a made-up price
			}
		}
		return 10000 + Math.floorMod(code.hashCode(), 900) * 100;
	}

	/**
	 * Returns the wall-clock time in Seoul as FID 20 shows it; real time, not the
	 * simulator's clock, which stands still between a test's moves.
	 * @return the time, {@code HHmmss}
	 */
	static String time() {
		return LocalTime.now(SimulatorClock.SEOUL).format(TIME);
	}

	static String code(String item) {
		int suffix = item.indexOf('_');
		String code = (suffix >= 0) ? item.substring(0, suffix) : item;
		return code.startsWith("A") ? code.substring(1) : code;
	}

	private static int tickSize(int price) {
		if (price >= 200000) {
			return 500;
		}
		if (price >= 50000) {
			return 100;
		}
		if (price >= 20000) {
			return 50;
		}
		return (price >= 5000) ? 10 : 1;
	}

	private static String signed(long value, long base) {
		if (value > base) {
			return "+" + Math.abs(value);
		}
		return (value < base) ? "-" + Math.abs(value) : Long.toString(Math.abs(value));
	}

	private static String rate(int price, int base) {
		double rate = (price - base) * 100.0 / base;
		String text = String.format(Locale.ROOT, "%.2f", Math.abs(rate));
		return (rate > 0) ? "+" + text : (rate < 0) ? "-" + text : text;
	}

	/**
	 * Price and cumulative volume of one item.
	 */
	private static final class ItemState {

		private final int base;

		private int price;

		private long volume;

		ItemState(int base) {
			this.base = base;
			this.price = base;
		}

	}

}
