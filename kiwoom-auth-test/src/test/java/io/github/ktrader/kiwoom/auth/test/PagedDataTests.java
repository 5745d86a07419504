package io.github.ktrader.kiwoom.auth.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import io.github.ktrader.kiwoom.auth.test.SimulatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for ka10081 paging, response headers set by a test and Kiwoom error answers for
 * one TR.
 */
class PagedDataTests {

	private static final String CHART = "/api/dostk/chart";

	private static final String CHART_BODY = "{\"stk_cd\":\"005930\",\"base_dt\":\"20251128\",\"upd_stkpc_tp\":\"1\"}";

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

	@Test
	void dailyChartPagesThroughAllRowsWithContYnAndNextKey() {
		List<Response> pages = walkChart(CHART_BODY);
		assertThat(pages).hasSize(3);
		assertThat(pages).extracting((page) -> page.json().get("stk_dt_pole_chart_qry").size())
			.containsExactly(100, 100, 50);
		assertThat(pages).extracting((page) -> page.header("cont-yn")).containsExactly("Y", "Y", "N");
		assertThat(pages.get(2).header("next-key")).isEmpty();
		assertThat(pages.get(0).header("next-key")).isNotEmpty().isNotEqualTo(pages.get(1).header("next-key"));
		List<RecordedRequest> requests = this.simulator.requests(CHART);
		assertThat(requests.get(0).header("cont-yn")).isNull();
		assertThat(requests.get(1).header("next-key")).isEqualTo(pages.get(0).header("next-key"));
		assertThat(requests.get(2).header("next-key")).isEqualTo(pages.get(1).header("next-key"));
	}

	@Test
	void dailyChartRowsAreWeekdaysNewestFirstWithSignedPrices() {
		List<String> dates = new ArrayList<>();
		for (Response page : walkChart(CHART_BODY)) {
			page.json().get("stk_dt_pole_chart_qry").forEach((row) -> dates.add(row.get("dt").asString()));
		}
		assertThat(dates).hasSize(250).doesNotHaveDuplicates();
		assertThat(dates.get(0)).isEqualTo("20251128");
		assertThat(dates.get(1)).isEqualTo("20251127");
		assertThat(dates.get(5)).isEqualTo("20251121");
		assertThat(dates).isSortedAccordingTo((a, b) -> b.compareTo(a));
		JsonNode first = walkChart(CHART_BODY).get(0).json().get("stk_dt_pole_chart_qry").get(0);
		assertThat(first.get("cur_prc").asString()).isEqualTo("+71000");
		assertThat(first.propertyNames()).contains("dt", "open_pric", "high_pric", "low_pric", "cur_prc", "trde_qty",
				"trde_prica");
	}

	@Test
	void dailyChartSizeIsConfigurable() {
		this.simulator.dailyChart(5, 2);
		assertThat(walkChart(CHART_BODY)).extracting((page) -> page.json().get("stk_dt_pole_chart_qry").size())
			.containsExactly(2, 2, 1);
	}

	@Test
	void dailyChartRefusesNextKeyOfAnotherStock() {
		Response first = chart(CHART_BODY);
		Response other = chart("{\"stk_cd\":\"000660\",\"base_dt\":\"20251128\",\"upd_stkpc_tp\":\"1\"}", "cont-yn",
				"Y", "next-key", first.header("next-key"));
		assertThat(other.returnCode()).isEqualTo(2);
		assertThat(other.returnMessage()).contains("[1517:");
	}

	@Test
	void dailyChartRequiresItsFields() {
		Response response = chart("{\"stk_cd\":\"005930\"}");
		assertThat(response.returnCode()).isEqualTo(2);
		assertThat(response.returnMessage()).contains("[1511:");
	}

	@Test
	void dailyChartStillChecksToken() {
		this.simulator.invalidateAllTokens();
		assertThat(chart(CHART_BODY).returnMessage()).contains("[8005:");
	}

	@Test
	void cannedResponseSetsAnswerHeaders() {
		this.simulator.cannedResponse("ka10080", "{\"rows\":[]}", Map.of("cont-yn", "Y", "next-key", "opaque-1"));
		Response response = call("ka10080", "{}");
		assertThat(response.header("cont-yn")).isEqualTo("Y");
		assertThat(response.header("next-key")).isEqualTo("opaque-1");
		assertThat(response.header("api-id")).isEqualTo("ka10080");
	}

	@Test
	void cannedPagesPageAnyTr() {
		this.simulator.cannedPages("ka10099", "{\"page\":1}", "{\"page\":2}", "{\"page\":3}");
		Response first = call("ka10099", "{}");
		Response second = call("ka10099", "{}", "cont-yn", "Y", "next-key", first.header("next-key"));
		Response third = call("ka10099", "{}", "cont-yn", "Y", "next-key", second.header("next-key"));
		assertThat(List.of(first, second, third)).extracting((page) -> page.text("page"))
			.containsExactly("1", "2", "3");
		assertThat(List.of(first, second, third)).extracting((page) -> page.header("cont-yn"))
			.containsExactly("Y", "Y", "N");
		assertThat(call("ka10099", "{}", "cont-yn", "Y", "next-key", "bogus").returnMessage()).contains("[1517:");
	}

	@Test
	void cannedPagesNeedAPage() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.simulator.cannedPages("ka10099"));
	}

	@ParameterizedTest
	@EnumSource(KiwoomError.class)
	void errorForOneTrAnswersKiwoomShape(KiwoomError error) {
		this.simulator.faults().next("ka10081", 1).kiwoomError(error);
		Response failed = chart(CHART_BODY);
		assertThat(failed.status()).isEqualTo(200);
		assertThat(failed.returnCode()).isEqualTo(error.returnCode());
		assertThat(failed.returnMessage()).contains("[" + error.code() + ":");
		assertThat(chart(CHART_BODY).returnCode()).isZero();
	}

	@Test
	void errorForOneTrLeavesOtherTrsAlone() {
		this.simulator.faults().tr("ka10081").kiwoomError(KiwoomError.BATCH_TOO_LARGE);
		assertThat(this.client.stockInfo(this.token, "005930").returnCode()).isZero();
		assertThat(chart(CHART_BODY).returnMessage()).isEqualTo("허용된 요청 개수를 초과하였습니다[1634:한번에 조회 가능한 종목 개수를 초과하였습니다]");
		assertThat(chart(CHART_BODY).returnCode()).isEqualTo(5);
		this.simulator.faults().clear();
		assertThat(chart(CHART_BODY).returnCode()).isZero();
	}

	@Test
	void errorForOneTrComesBeforeEndpointFaults() {
		this.simulator.faults().httpStatus(Endpoint.DATA, 503);
		this.simulator.faults().next("ka10081", 1).kiwoomError(KiwoomError.RATE_LIMITED);
		assertThat(chart(CHART_BODY).returnMessage()).contains("[1700:");
		assertThat(chart(CHART_BODY).status()).isEqualTo(503);
	}

	private List<Response> walkChart(String body) {
		List<Response> pages = new ArrayList<>();
		Response page = chart(body);
		pages.add(page);
		while ("Y".equals(page.header("cont-yn")) && pages.size() < 10) {
			page = chart(body, "cont-yn", "Y", "next-key", page.header("next-key"));
			pages.add(page);
		}
		return pages;
	}

	private Response chart(String body, String... headers) {
		return call("ka10081", body, headers);
	}

	private Response call(String apiId, String body, String... headers) {
		String[] all = new String[headers.length + 4];
		all[0] = "api-id";
		all[1] = apiId;
		all[2] = "authorization";
		all[3] = "Bearer " + this.token;
		System.arraycopy(headers, 0, all, 4, headers.length);
		return this.client.post(apiId.equals("ka10081") ? CHART : "/api/dostk/other", body, all);
	}

}
