package io.github.ktrader.kiwoom.auth.test;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers data calls (TRs), {@code POST /api/...}.
 * <p>
 * Checks run in this order: {@code api-id} header (1501), {@code authorization} header
 * (1513 to 1516), token validity (8005), JSON body (HTTP 400). A canned answer set for
 * the TR id then wins; otherwise ka10001 is answered from the stock list, ka10081 with
 * pages of daily rows, and any other TR with plain success. Every answer carries the
 * request's {@code api-id}, and {@code cont-yn: N} with an empty {@code next-key} unless
 * the answer has more pages or a canned answer set these headers itself, as Kiwoom's do.
 */
final class DataEndpoint {

	static final String STOCK_INFO = "ka10001";

	static final String STOCK_INFO_PATH = "/api/dostk/stkinfo";

	private final TokenRegistry tokens;

	private final MarketData marketData;

	private final CannedAnswers canned;

	private final DailyChart dailyChart;

	private final Orders orders;

	DataEndpoint(TokenRegistry tokens, MarketData marketData, CannedAnswers canned, DailyChart dailyChart,
			Orders orders) {
		this.orders = orders;
		this.tokens = tokens;
		this.marketData = marketData;
		this.canned = canned;
		this.dailyChart = dailyChart;
	}

	Reply handle(RecordedRequest request) {
		String apiId = request.header("api-id");
		Reply reply = answer(request, apiId);
		if (!reply.headers().containsKey("cont-yn")) {
			reply = reply.withHeader("cont-yn", "N");
		}
		if (!reply.headers().containsKey("next-key")) {
			reply = reply.withHeader("next-key", "");
		}
		return (apiId != null) ? reply.withHeader("api-id", apiId) : reply;
	}

	private Reply answer(RecordedRequest request, @Nullable String apiId) {
		if (apiId == null || apiId.isBlank()) {
			return inputError(1501, "API ID가 Null이거나 값이 없습니다");
		}
		Reply authorizationError = checkAuthorization(request.header("authorization"));
		if (authorizationError != null) {
			return authorizationError;
		}
		ObjectNode body = Json.parseObject(request.body());
		if (body == null) {
			return Reply.malformedBody();
		}
		if (Orders.API_ID.equals(apiId) && Orders.PATH.equals(request.path())) {
			return this.orders.handle(body);
		}
		Reply canned = this.canned.answer(apiId, request);
		if (canned != null) {
			return canned;
		}
		if (STOCK_INFO.equals(apiId)) {
			return stockInfo(request.path(), body);
		}
		if (DailyChart.API_ID.equals(apiId)) {
			return this.dailyChart.handle(request, body);
		}
		return Reply.success();
	}

	private @Nullable Reply checkAuthorization(@Nullable String authorization) {
		if (authorization == null || authorization.isBlank()) {
			return inputError(1513, "Http Header에 authorization 필드가 설정되어 있어야 합니다");
		}
		String[] parts = authorization.trim().split("\\s+", 2);
		boolean bearer = parts[0].equalsIgnoreCase("Bearer");
		if (parts.length == 1) {
			return bearer ? inputError(1516, "Http Header의 authorization 필드 내 Token이 정의되어 있지 않습니다")
					: inputError(1514, "입력으로 들어온 Http Header의 authorization 필드 형식이 맞지 않습니다");
		}
		if (!bearer) {
			return inputError(1515, "Http Header의 authorization 필드 내 Grant Type이 미리 정의된 형식이 아닙니다");
		}
		if (!this.tokens.isValid(parts[1])) {
			return Reply.kiwoom(KiwoomMessages.AUTH_FAILED_CODE, KiwoomMessages.authFailed(8005, "Token이 유효하지 않습니다"));
		}
		return null;
	}

	private Reply stockInfo(String path, ObjectNode body) {
		if (!STOCK_INFO_PATH.equals(path)) {
			return inputError(1504, "해당 URI에서는 지원하는 API ID가 아닙니다");
		}
		String code = Json.nonBlankString(body, "stk_cd");
		if (code == null) {
			return inputError(1511, "필수 입력 값에 값이 존재하지 않습니다");
		}
		MarketData.Stock stock = this.marketData.stock(code);
		if (stock == null) {
			return inputError(1902, "종목정보가 없습니다");
		}
		ObjectNode answer = Json.object();
		answer.put("stk_cd", stock.code());
		answer.put("stk_nm", stock.name());
		answer.put("setl_mm", "12");
		answer.put("cur_prc", stock.price());
		answer.put("pre_sig", stock.sign());
		answer.put("open_pric", stock.price());
		answer.put("high_pric", stock.price());
		answer.put("low_pric", stock.price());
		answer.put("return_code", KiwoomMessages.SUCCESS_CODE);
		answer.put("return_msg", KiwoomMessages.SUCCESS);
		return Reply.ok(answer);
	}

	static Reply inputError(int code, String detail) {
		return Reply.kiwoom(KiwoomMessages.INPUT_ERROR_CODE, KiwoomMessages.inputError(code, detail));
	}

}
