package io.github.ktrader.kiwoom.auth.test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * Stocks known to ka10001 and canned answers for other TR ids. Thread-safe.
 */
final class MarketData {

	private final Map<String, Stock> stocks = new ConcurrentHashMap<>();

	private final Map<String, ObjectNode> canned = new ConcurrentHashMap<>();

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

	void canned(String apiId, String json) {
		Assert.hasText(apiId, "API id must not be empty");
		Assert.notNull(json, "JSON must not be null");
		ObjectNode body = Json.parseObject(json);
		Assert.notNull(body, () -> "Canned response for " + apiId + " must be a JSON object");
		if (!body.has("return_code")) {
			body.put("return_code", KiwoomMessages.SUCCESS_CODE);
		}
		if (!body.has("return_msg")) {
			body.put("return_msg", KiwoomMessages.SUCCESS);
		}
		this.canned.put(apiId, body);
	}

	/**
	 * Returns the canned answer for a TR id.
	 * @param apiId the TR id
	 * @return a copy of the canned body, or {@code null} when none was set
	 */
	@Nullable ObjectNode canned(String apiId) {
		ObjectNode body = this.canned.get(apiId);
		return (body != null) ? body.deepCopy() : null;
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
