package io.github.ktrader.kiwoom.auth.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for REG, REMOVE and REAL frames of {@link RealtimeSimulator}.
 */
class RealtimeRegistrationTests {

	private final KiwoomSimulator simulator = KiwoomSimulator.start();

	private final RealtimeSimulator realtime = this.simulator.realtime();

	private RealtimeClient client;

	@BeforeEach
	void login() {
		this.realtime.setTickInterval(Duration.ZERO);
		this.client = RealtimeClient.loggedIn(this.simulator, new SimulatorClient(this.simulator).issueToken());
	}

	@AfterEach
	void close() {
		this.client.close();
		this.simulator.close();
	}

	@Test
	void regAndRemoveAreAnsweredAndApplied() {
		assertThat(reg("1", "1", "[\"005930\",\"000660\"]", "[\"0B\",\"0D\"]"))
			.isEqualTo("{\"trnm\":\"REG\",\"return_code\":0,\"return_msg\":\"\"}");
		assertThat(this.realtime.registered("0B")).containsExactlyInAnyOrder("005930", "000660");
		assertThat(this.realtime.registered("0D")).containsExactlyInAnyOrder("005930", "000660");
		this.client.send("{\"trnm\":\"REMOVE\",\"grp_no\":\"1\",\"data\":[{\"item\":[\"000660\"],\"type\":[\"0B\"]}]}");
		assertThat(this.client.next("REMOVE").get("return_code").asInt()).isZero();
		assertThat(this.realtime.registered("0B")).containsExactly("005930");
		assertThat(this.realtime.registered("0D")).containsExactlyInAnyOrder("005930", "000660");
		assertThat(this.realtime.regFrames()).hasSize(2);
	}

	@Test
	void refreshOneKeepsAndRefreshZeroReplacesTheGroup() {
		reg("1", "1", "[\"005930\"]", "[\"0B\"]");
		reg("1", "1", "[\"000660\"]", "[\"0B\"]");
		reg("2", "1", "[\"035420\"]", "[\"0B\"]");
		assertThat(this.realtime.registered("0B")).containsExactlyInAnyOrder("005930", "000660", "035420");
		reg("1", "0", "[\"035720\"]", "[\"0B\"]");
		assertThat(this.realtime.registered("0B")).containsExactlyInAnyOrder("035720", "035420");
	}

	@Test
	void accountTypesTakeAnEmptyItemOrNone() {
		reg("1", "1", "[\"\"]", "[\"00\"]");
		reg("2", "1", "[]", "[\"04\"]");
		assertThat(this.realtime.registered("00")).containsExactly("");
		assertThat(this.realtime.registered("04")).containsExactly("");
	}

	@Test
	void regBeyondTheLimitIsRefused() {
		this.realtime.setMaxItemsPerSession(2);
		reg("1", "1", "[\"005930\",\"000660\"]", "[\"0B\"]");
		this.client.send(regFrame("1", "1", "[\"035420\"]", "[\"0B\"]"));
		JsonNode answer = this.client.next("REG");
		assertThat(answer.get("return_code").asInt()).isEqualTo(1);
		assertThat(answer.get("return_msg").asString()).isEqualTo("등록 종목수 초과");
		assertThat(this.realtime.registered("0B")).containsExactlyInAnyOrder("005930", "000660");
	}

	@Test
	void ticksCarryARunningVolumePerItem() {
		reg("1", "1", "[\"005930\",\"000660\"]", "[\"0B\"]");
		this.realtime.setTickInterval(Duration.ofMillis(10));
		Map<String, List<Long>> volumes = new LinkedHashMap<>();
		while (volumes.getOrDefault("005930", List.of()).size() < 5
				|| volumes.getOrDefault("000660", List.of()).size() < 5) {
			JsonNode entry = this.client.next("REAL").get("data").get(0);
			assertThat(entry.get("type").asString()).isEqualTo("0B");
			assertThat(entry.get("name").asString()).isEqualTo("주식체결");
			JsonNode values = entry.get("values");
			assertThat(values.get("10").asString()).matches("[+-]?\\d+");
			assertThat(values.get("15").asString()).matches("[+-]\\d+");
			assertThat(values.get("20").asString()).matches("\\d{6}");
			volumes.computeIfAbsent(entry.get("item").asString(), (item) -> new ArrayList<>())
				.add(Long.parseLong(values.get("13").asString()));
		}
		volumes.values().forEach((series) -> assertThat(series).isSorted().doesNotHaveDuplicates());
		assertThat(volumes).containsOnlyKeys("005930", "000660");
	}

	@Test
	void batchedTicksCarryEveryItemInOneFrame() {
		reg("1", "1", "[\"005930\",\"000660\"]", "[\"0B\"]");
		this.realtime.setBatchTicks(true);
		this.realtime.setTickInterval(Duration.ofMillis(10));
		JsonNode data = this.client.next("REAL").get("data");
		assertThat(data).hasSize(2);
		assertThat(List.of(data.get(0).get("item").asString(), data.get(1).get("item").asString()))
			.containsExactlyInAnyOrder("005930", "000660");
	}

	@Test
	void ticksStopForRemovedItems() {
		reg("1", "1", "[\"005930\"]", "[\"0B\"]");
		this.client.send("{\"trnm\":\"REMOVE\",\"grp_no\":\"1\",\"data\":[{\"item\":[\"005930\"],\"type\":[\"0B\"]}]}");
		this.client.next("REMOVE");
		this.realtime.setTickInterval(Duration.ofMillis(10));
		assertThat(this.client.poll(Duration.ofMillis(150))).isNull();
	}

	@Test
	void pushReachesSessionsThatRegisteredTheType() {
		assertThat(this.realtime.push("00", "", Map.of("9203", "0012345"))).isZero();
		reg("1", "1", "[\"\"]", "[\"00\"]");
		assertThat(this.realtime.push("00", "", Map.of("9203", "0012345", "913", "체결"))).isOne();
		JsonNode entry = this.client.next("REAL").get("data").get(0);
		assertThat(entry.get("type").asString()).isEqualTo("00");
		assertThat(entry.get("name").asString()).isEqualTo("주문체결");
		assertThat(entry.get("values").get("9203").asString()).isEqualTo("0012345");
		assertThat(this.realtime.push("0B", "005930", Map.of("10", "+1"))).isZero();
	}

	@Test
	void framesFarBeyond64KiBArriveWhole() {
		reg("1", "1", "[\"005930\"]", "[\"0D\"]");
		Map<String, String> quotes = new LinkedHashMap<>();
		for (int fid = 21; quotes.size() < 160; fid++) {
			quotes.put(Integer.toString(fid), "+" + (60000 + fid) + "0".repeat(400));
		}
		this.realtime.push("0D", "005930", quotes);
		JsonNode entry = this.client.next("REAL").get("data").get(0);
		assertThat(entry.get("name").asString()).isEqualTo("주식호가잔량");
		assertThat(entry.get("values").size()).isEqualTo(160);
		assertThat(entry.toString().length()).isGreaterThan(64 * 1024);
		String big = "{\"trnm\":\"REAL\",\"data\":[{\"type\":\"0B\",\"name\":\"주식체결\",\"item\":\"005930\",\"values\":{\"10\":\""
				+ "1".repeat(900 * 1024) + "\"}}]}";
		this.realtime.pushFrame(big);
		assertThat(this.client.nextText()).isEqualTo(big);
	}

	@Test
	void clientFramesUpToAMebibyteAreAccepted() {
		String big = "{\"trnm\":\"NOTE\",\"text\":\"" + "x".repeat(1024 * 1024) + "\"}";
		this.client.send(big);
		await().untilAsserted(() -> assertThat(this.realtime.receivedFrames()).contains(big));
		this.realtime.ping();
		assertThat(this.client.next("PING")).isNotNull();
	}

	private String reg(String group, String refresh, String items, String types) {
		this.client.send(regFrame(group, refresh, items, types));
		return this.client.next("REG").toString();
	}

	private static String regFrame(String group, String refresh, String items, String types) {
		return "{\"trnm\":\"REG\",\"grp_no\":\"" + group + "\",\"refresh\":\"" + refresh + "\",\"data\":[{\"item\":"
				+ items + ",\"type\":" + types + "}]}";
	}

}
