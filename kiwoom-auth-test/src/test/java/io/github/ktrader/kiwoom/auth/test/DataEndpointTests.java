package io.github.ktrader.kiwoom.auth.test;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.ktrader.kiwoom.auth.test.SimulatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for data calls, {@code POST /api/...}.
 */
class DataEndpointTests {

	private static final String STOCK_INFO = "/api/dostk/stkinfo";

	private KiwoomSimulator simulator;

	private SimulatorClient client;

	private String token;

	@BeforeEach
	void start() {
		this.simulator = KiwoomSimulator.start();
		this.client = new SimulatorClient(this.simulator);
		this.token = this.client.issueToken();
	}

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@ParameterizedTest
	@CsvSource({ "005930, 삼성전자, +71000, 2", "000660, SK하이닉스, +182000, 2", "035420, NAVER, -201500, 5",
			"035720, 카카오, +41250, 2" })
	void stockInfoAnswersBuiltInStock(String code, String name, String price, String sign) {
		Response response = this.client.stockInfo(this.token, code);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text("stk_cd")).isEqualTo(code);
		assertThat(response.text("stk_nm")).isEqualTo(name);
		assertThat(response.text("cur_prc")).isEqualTo(price);
		assertThat(response.text("pre_sig")).isEqualTo(sign);
		assertThat(response.returnCode()).isZero();
		assertThat(response.returnMessage()).isEqualTo("정상적으로 처리되었습니다");
	}

	@Test
	void stockAddsOrReplacesAStock() {
		this.simulator.stock("005380", "현대차", "212500");
		this.simulator.stock("005930", "삼성전자", "-70500");
		Response added = this.client.stockInfo(this.token, "005380");
		assertThat(added.text("stk_nm")).isEqualTo("현대차");
		assertThat(added.text("cur_prc")).isEqualTo("212500");
		assertThat(added.text("pre_sig")).isEqualTo("3");
		assertThat(this.client.stockInfo(this.token, "005930").text("cur_prc")).isEqualTo("-70500");
	}

	@Test
	void stockInfoOfUnknownCodeFailsWith1902() {
		Response response = this.client.stockInfo(this.token, "999999");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.returnCode()).isEqualTo(2);
		assertThat(response.returnMessage()).isEqualTo("입력 값 오류입니다[1902:종목정보가 없습니다]");
	}

	@Test
	void stockInfoWithoutCodeFailsWith1511() {
		Response response = this.client.post(STOCK_INFO, "{}", "api-id", "ka10001", "authorization",
				"Bearer " + this.token);
		assertThat(response.returnCode()).isEqualTo(2);
		assertThat(response.returnMessage()).contains("[1511:");
	}

	@Test
	void stockInfoOnOtherPathFailsWith1504() {
		Response response = this.client.post("/api/dostk/chart", "{\"stk_cd\":\"005930\"}", "api-id", "ka10001",
				"authorization", "Bearer " + this.token);
		assertThat(response.returnCode()).isEqualTo(2);
		assertThat(response.returnMessage()).contains("[1504:");
	}

	@Test
	void dataCallAnswersKiwoomHeaders() {
		Response response = this.client.stockInfo(this.token, "005930");
		assertThat(response.header("api-id")).isEqualTo("ka10001");
		assertThat(response.header("cont-yn")).isEqualTo("N");
		assertThat(response.headers().firstValue("next-key")).hasValue("");
		assertThat(response.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
	}

	@Test
	void dataCallWithoutApiIdFailsWith1501() {
		Response response = this.client.post(STOCK_INFO, "{\"stk_cd\":\"005930\"}", "authorization",
				"Bearer " + this.token);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.returnCode()).isEqualTo(2);
		assertThat(response.returnMessage()).isEqualTo("입력 값 오류입니다[1501:API ID가 Null이거나 값이 없습니다]");
	}

	@Test
	void dataCallWithoutAuthorizationFailsWith1513() {
		Response response = this.client.post(STOCK_INFO, "{\"stk_cd\":\"005930\"}", "api-id", "ka10001");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.returnCode()).isEqualTo(2);
		assertThat(response.returnMessage()).contains("[1513:");
	}

	@Test
	void dataCallWithMalformedAuthorizationFailsWith1514() {
		assertThat(callWithAuthorization(this.token).returnMessage()).contains("[1514:");
	}

	@Test
	void dataCallWithOtherSchemeFailsWith1515() {
		assertThat(callWithAuthorization("Basic " + this.token).returnMessage()).contains("[1515:");
	}

	@Test
	void dataCallWithSchemeButNoTokenFailsWith1516() {
		Response response = callWithAuthorization("Bearer");
		assertThat(response.returnCode()).isEqualTo(2);
		assertThat(response.returnMessage()).contains("[1516:");
	}

	@Test
	void dataCallAcceptsSchemeAndHeaderNameInAnyCase() {
		Response response = this.client.post(STOCK_INFO, "{\"stk_cd\":\"005930\"}", "API-ID", "ka10001",
				"AUTHORIZATION", "bEaReR " + this.token);
		assertThat(response.returnCode()).isZero();
		assertThat(response.text("stk_nm")).isEqualTo("삼성전자");
	}

	@Test
	void dataCallWithUnknownTokenAnswers8005WithHttp200() {
		Response response = this.client.stockInfo("not-a-token", "005930");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body())
			.isEqualTo("{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8005:Token이 유효하지 않습니다]\"}");
	}

	@Test
	void dataCallWithMalformedBodyAnswers400() {
		Response response = this.client.post(STOCK_INFO, "{stk_cd", "api-id", "ka10001", "authorization",
				"Bearer " + this.token);
		assertThat(response.status()).isEqualTo(400);
	}

	@Test
	void cannedResponseAnswersOtherTrWithSuccessFieldsAdded() {
		this.simulator.cannedResponse("ka10081", "{\"stk_cd\":\"005930\",\"stk_dt_pole_chart_qry\":[]}");
		Response response = this.client.post("/api/dostk/chart", "{\"stk_cd\":\"005930\"}", "api-id", "ka10081",
				"authorization", "Bearer " + this.token);
		assertThat(response.body()).isEqualTo(
				"{\"stk_cd\":\"005930\",\"stk_dt_pole_chart_qry\":[],\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}");
		assertThat(response.header("api-id")).isEqualTo("ka10081");
	}

	@Test
	void cannedResponseKeepsItsOwnResultFields() {
		this.simulator.cannedResponse("kt00018", "{\"return_code\":20,\"return_msg\":\"조회할 자료가 없습니다\"}");
		Response response = this.client.post("/api/dostk/acnt", "{}", "api-id", "kt00018", "authorization",
				"Bearer " + this.token);
		assertThat(response.returnCode()).isEqualTo(20);
		assertThat(response.returnMessage()).isEqualTo("조회할 자료가 없습니다");
	}

	@Test
	void cannedResponseForStockInfoReplacesStockLookup() {
		this.simulator.cannedResponse("ka10001", "{\"stk_nm\":\"canned\"}");
		assertThat(this.client.stockInfo(this.token, "999999").text("stk_nm")).isEqualTo("canned");
	}

	@Test
	void cannedResponseMustBeJsonObject() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.simulator.cannedResponse("ka10081", "[1]"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.simulator.cannedResponse("ka10081", "{"));
	}

	@Test
	void unknownTrAnswersPlainSuccess() {
		Response response = this.client.post("/api/dostk/acnt", "{}", "api-id", "kt00004", "authorization",
				"Bearer " + this.token);
		assertThat(response.body()).isEqualTo("{\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}");
	}

	@Test
	void unknownTrStillChecksToken() {
		Response response = this.client.post("/api/dostk/acnt", "{}", "api-id", "kt00004", "authorization",
				"Bearer expired");
		assertThat(response.returnCode()).isEqualTo(3);
	}

	private Response callWithAuthorization(String authorization) {
		return this.client.post(STOCK_INFO, "{\"stk_cd\":\"005930\"}", "api-id", "ka10001", "authorization",
				authorization);
	}

}
