package io.github.ktrader.kiwoom.auth.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for condition search (조건검색) over the real-time socket of
 * {@link RealtimeSimulator}.
 */
class RealtimeConditionTests {

	private final KiwoomSimulator simulator = KiwoomSimulator.start();

	private final RealtimeSimulator realtime = this.simulator.realtime();

	private final SimulatorClient rest = new SimulatorClient(this.simulator);

	private RealtimeClient client;

	@BeforeEach
	void login() {
		this.realtime.setTickInterval(Duration.ZERO);
		Map<String, String> conditions = new LinkedHashMap<>();
		conditions.put("0", "조건1");
		conditions.put("4", "거래량급증");
		this.realtime.setConditions(conditions);
		this.client = RealtimeClient.loggedIn(this.simulator, this.rest.issueToken());
	}

	@AfterEach
	void close() {
		this.client.close();
		this.simulator.close();
	}

	@Test
	void listAnswersTheConditionsInOrder() {
		this.client.send("{\"trnm\":\"CNSRLST\"}");
		assertThat(this.client.nextText()).isEqualTo(
				"{\"trnm\":\"CNSRLST\",\"return_code\":0,\"return_msg\":\"\",\"data\":[[\"0\",\"조건1\"],[\"4\",\"거래량급증\"]]}");
	}

	@Test
	void listMayComeAsObjects() {
		this.realtime.setConditionListAsObjects(true);
		this.client.send("{\"trnm\":\"CNSRLST\"}");
		assertThat(this.client.next("CNSRLST").get("data").get(1).toString())
			.isEqualTo("{\"seq\":\"4\",\"name\":\"거래량급증\"}");
	}

	@Test
	void searchBeforeListIsRefused() {
		this.client.send(search("4", "0", "N", ""));
		JsonNode answer = this.client.next("CNSRREQ");
		assertThat(answer.get("return_code").asInt()).isEqualTo(1);
		assertThat(answer.get("return_msg").asString()).contains("CNSRLST");
	}

	@Test
	void oneShotSearchPagesInTheBody() {
		List<String> codes = IntStream.range(0, 5).mapToObj((i) -> String.format("%06d", 100 + i)).toList();
		this.realtime.setConditionMatches("4",
				List.of("005930", codes.get(0), codes.get(1), codes.get(2), codes.get(3)));
		this.realtime.setConditionPageSize(2);
		list();
		List<String> found = new ArrayList<>();
		JsonNode page = null;
		String nextKey = "";
		int pages = 0;
		do {
			this.client.send(search("4", "0", (page == null) ? "N" : "Y", nextKey));
			page = this.client.next("CNSRREQ");
			assertThat(page.get("return_code").asInt()).isZero();
			assertThat(page.get("seq").asString()).isEqualTo("4");
			page.get("data").forEach((row) -> found.add(row.get("9001").asString()));
			nextKey = page.get("next_key").asString();
			pages++;
		}
		while ("Y".equals(page.get("cont_yn").asString()));
		assertThat(pages).isEqualTo(3);
		assertThat(found).containsExactly("A005930", "A000100", "A000101", "A000102", "A000103");
		this.client.send(search("4", "0", "N", ""));
		JsonNode first = this.client.next("CNSRREQ").get("data").get(0);
		assertThat(first.get("302").asString()).isEqualTo("삼성전자");
		assertThat(first.get("10").asString()).isEqualTo("+71000");
	}

	@Test
	void realTimeSearchAnswersMatchesThenPushesChangesUntilCleared() {
		this.realtime.setConditionMatches("4", List.of("005930"));
		list();
		this.client.send(search("4", "1", "N", ""));
		JsonNode answer = this.client.next("CNSRREQ");
		assertThat(answer.get("return_code").asInt()).isZero();
		assertThat(answer.get("data").get(0).get("9001").asString()).isEqualTo("A005930");
		assertThat(this.realtime.conditionSearches()).containsExactly("4");
		assertThat(this.realtime.pushConditionChange("4", "000660", true)).isOne();
		JsonNode entry = this.client.next("REAL").get("data").get(0);
		assertThat(entry.get("type").asString()).isEqualTo("02");
		JsonNode values = entry.get("values");
		assertThat(values.get("841").asString()).isEqualTo("4");
		assertThat(values.get("9001").asString()).isEqualTo("A000660");
		assertThat(values.get("843").asString()).isEqualTo("I");
		assertThat(values.get("20").asString()).matches("\\d{6}");
		this.realtime.pushConditionChange("4", "005930", false);
		assertThat(this.client.next("REAL").get("data").get(0).get("values").get("843").asString()).isEqualTo("D");
		this.client.send("{\"trnm\":\"CNSRCLR\",\"seq\":\"4\"}");
		assertThat(this.client.next("CNSRCLR").get("return_code").asInt()).isZero();
		assertThat(this.realtime.conditionSearches()).isEmpty();
		assertThat(this.realtime.pushConditionChange("4", "035420", true)).isZero();
		this.client.send(search("4", "0", "N", ""));
		JsonNode matches = this.client.next("CNSRREQ").get("data");
		assertThat(matches).hasSize(2);
		assertThat(matches.get(0).get("9001").asString()).isEqualTo("A000660");
	}

	@Test
	void reconnectDoesNotRestoreARealTimeSearch() {
		list();
		this.client.send(search("4", "1", "N", ""));
		this.client.next("CNSRREQ");
		this.realtime.drop();
		this.client.awaitClosed();
		try (RealtimeClient again = RealtimeClient.loggedIn(this.simulator, this.rest.issueToken())) {
			await().untilAsserted(() -> assertThat(this.realtime.openSessions()).isOne());
			assertThat(this.realtime.conditionSearches()).isEmpty();
			assertThat(this.realtime.pushConditionChange("4", "000660", true)).isZero();
			again.send(search("4", "0", "N", ""));
			assertThat(again.next("CNSRREQ").get("return_code").asInt()).as("CNSRLST again first").isEqualTo(1);
		}
	}

	@Test
	void unknownConditionIsRefused() {
		list();
		this.client.send(search("9", "0", "N", ""));
		assertThat(this.client.next("CNSRREQ").get("return_code").asInt()).isEqualTo(1);
	}

	private void list() {
		this.client.send("{\"trnm\":\"CNSRLST\"}");
		this.client.next("CNSRLST");
	}

	private static String search(String seq, String searchType, String contYn, String nextKey) {
		return "{\"trnm\":\"CNSRREQ\",\"seq\":\"" + seq + "\",\"search_type\":\"" + searchType
				+ "\",\"stex_tp\":\"K\",\"cont_yn\":\"" + contYn + "\",\"next_key\":\"" + nextKey + "\"}";
	}

}
