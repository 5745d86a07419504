package io.github.ktrader.kiwoom.auth.test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Stocks known to ka10001 and ka10081. Thread-safe.
 */
final class MarketData {

	private final Map<String, Stock> stocks = new ConcurrentHashMap<>();

	MarketData() {
		stock("005930", "삼성전자", "+71000");
		stock("000660", "SK하이닉스", "+182000");
		stock("035420", "NAVER", "-201500");
		stock("035720", "카카오", "+41250");
	}

	void stock(String code, String name, String price) {
		Assert.hasText(code, "Code must not be empty");
		Assert.hasText(name, "Name must not be empty");
		Assert.hasText(price, "Price must not be empty");
		this.stocks.put(code, new Stock(code, name, price));
	}

	@Nullable Stock stock(String code) {
		return this.stocks.get(code);
	}

	/**
	 * Listed stock as ka10001 reports it.
	 *
	 * @param code the six-digit code
	 * @param name the Korean name
	 * @param price the current price with its sign, e.g. {@code +71000}
	 */
	record Stock(String code, String name, String price) {

		/**
		 * Kiwoom's {@code pre_sig}: 2 up, 3 unchanged, 5 down.
		 * @return the sign code
		 */
		String sign() {
			if (this.price.startsWith("+")) {
				return "2";
			}
			return this.price.startsWith("-") ? "5" : "3";
		}

	}

}
