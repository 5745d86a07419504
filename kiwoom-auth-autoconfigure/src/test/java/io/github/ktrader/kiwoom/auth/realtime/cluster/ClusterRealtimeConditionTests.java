package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.realtime.KiwoomCondition;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeEvent;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRealtimeTests.Recorder;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.RealtimeSimulator;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterNodes.crash;
import static io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterNodes.realtime;
import static io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterNodes.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Condition search (조건검색) in cluster mode: members ask through the holder's one socket,
 * which runs each real-time search once for the cluster and hands the pushes to the
 * members that asked.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClusterRealtimeConditionTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	private static final Duration WAIT = Duration.ofSeconds(15);

	private ClusterNodes nodes;

	private KiwoomSimulator kiwoom;

	private RealtimeSimulator socket;

	@BeforeEach
	void setUp() {
		this.nodes = new ClusterNodes(redisServer.server());
		this.kiwoom = ClusterNodes.simulator("Condition");
		this.socket = this.kiwoom.realtime();
		this.socket.setConditions(Map.of("0", "급등주", "4", "거래량 폭증", "7", "신고가"));
		this.socket.setConditionMatches("4", List.of("005930", "000660", "035420"));
		this.socket.setConditionMatches("7", List.of("051910"));
		this.socket.setConditionPageSize(2);
	}

	@AfterEach
	void tearDown() {
		this.nodes.close();
		this.kiwoom.close();
	}

	@Test
	void membersSearchThroughTheHolderWhichRunsEachConditionOnceAndTheNextHolderRunsThemAgain() throws Exception {
		ConfigurableApplicationContext first = this.nodes.start(this.kiwoom);
		ConfigurableApplicationContext second = this.nodes.start(this.kiwoom);
		Recorder firstHits = new Recorder();
		Recorder secondHits = new Recorder();
		realtime(first).subscribeCondition("4", firstHits);
		await().atMost(WAIT).until(() -> firstHits.items().size() == 3);
		List<KiwoomCondition> conditions = realtime(first).conditions().get(10, TimeUnit.SECONDS);
		assertThat(conditions).extracting(KiwoomCondition::seq).containsExactlyInAnyOrder("0", "4", "7");
		assertThat(conditions).contains(new KiwoomCondition("7", "신고가"));
		realtime(second).subscribeCondition("7", secondHits);
		await().atMost(WAIT).until(() -> secondHits.items().contains("051910"));
		// A one-shot search from a member that does not hold the socket reads every page
		List<RealtimeEvent> rows = realtime(second).search("4").get(10, TimeUnit.SECONDS);
		assertThat(rows).extracting(RealtimeEvent::item).containsExactly("005930", "000660", "035420");
		// Pushes (their item is the code as Kiwoom sends it, A-prefixed) reach only the
		// members that asked for their condition
		this.socket.pushConditionChange("4", "068270", true);
		this.socket.pushConditionChange("7", "000100", true);
		await().atMost(WAIT)
			.until(() -> firstHits.items().contains("A068270") && secondHits.items().contains("A000100"));
		assertThat(firstHits.events()).allSatisfy((event) -> assertThat(event.value("841")).isEqualTo("4"));
		assertThat(secondHits.events()).allSatisfy((event) -> assertThat(event.value("841")).isEqualTo("7"));
		assertThat(realtimeSearches("4")).isOne();
		assertThat(realtimeSearches("7")).isOne();
		assertThat(this.socket.conditionSearches()).containsExactlyInAnyOrder("4", "7");
		assertThat(this.socket.loginCount()).isOne();
		assertThat(status(first).role()).isEqualTo("holder");
		// The holder dies: the next one lists and searches the conditions still wanted,
		// once
		crash(first);
		await().atMost(ClusterNodes.LEASE.plusSeconds(5)).until(() -> realtimeSearches("7") == 2);
		await().atMost(WAIT).until(() -> !secondHits.gaps().isEmpty());
		assertThat(status(second).role()).isEqualTo("holder");
		// The dead member's condition drops out with its lease
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.socket.conditionSearches()).containsExactly("7"));
		this.socket.pushConditionChange("7", "000270", true);
		await().atMost(WAIT).until(() -> secondHits.items().contains("A000270"));
		assertThat(realtimeSearches("7")).isEqualTo(2);
		assertThat(this.socket.loginCount()).isEqualTo(2);
		assertThat(this.kiwoom.issuedCount()).isOne();
		assertThat(this.nodes.kicks()).isZero();
	}

	/**
	 * How many real-time searches of the condition the server received.
	 */
	private int realtimeSearches(String seq) {
		return (int) this.socket.receivedFrames()
			.stream()
			.filter((frame) -> frame.contains("\"CNSRREQ\"") && frame.contains("\"seq\":\"" + seq + "\"")
					&& frame.contains("\"search_type\":\"1\""))
			.count();
	}

}
