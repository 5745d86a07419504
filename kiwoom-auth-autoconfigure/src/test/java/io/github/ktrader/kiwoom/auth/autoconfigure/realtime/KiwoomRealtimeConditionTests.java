package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomCondition;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeEvent;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSubscription;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulatorExtension;
import io.github.ktrader.kiwoom.auth.test.RealtimeSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for condition search (조건검색) over the real-time socket, against the simulator.
 */
@ExtendWith(KiwoomSimulatorExtension.class)
class KiwoomRealtimeConditionTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final KiwoomSimulator kiwoom;

	private final RealtimeSimulator socket;

	KiwoomRealtimeConditionTests(KiwoomSimulator kiwoom) {
		this.kiwoom = kiwoom;
		this.socket = kiwoom.realtime();
	}

	@BeforeEach
	void reset() {
		this.kiwoom.invalidateAllTokens();
		this.socket.clearRecorded();
		this.socket.setConditions(Map.of("0", "급등주", "4", "거래량 폭증"));
		this.socket.setConditionMatches("4", List.of("005930", "000660", "035420"));
		this.socket.setConditionPageSize(2);
	}

	private ApplicationContextRunner app() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
							JacksonAutoConfiguration.class, KiwoomRealtimeAutoConfiguration.class))
			.withPropertyValues("kiwoom.host=" + this.kiwoom.url(), "kiwoom.appkey=" + this.kiwoom.appkey(),
					"kiwoom.secretkey=" + this.kiwoom.secretkey(), "kiwoom.realtime.url=" + this.kiwoom.realtimeUrl(),
					"kiwoom.realtime.reconnect.initial-interval=50ms", "kiwoom.realtime.reconnect.jitter=10ms");
	}

	@Test
	void listsConditions() {
		app().run((context) -> {
			List<KiwoomCondition> conditions = context.getBean(KiwoomRealtime.class)
				.conditions()
				.get(10, TimeUnit.SECONDS);
			assertThat(conditions).extracting(KiwoomCondition::seq).containsExactlyInAnyOrder("0", "4");
			assertThat(conditions).contains(new KiwoomCondition("4", "거래량 폭증"));
		});
	}

	@Test
	void oneShotSearchListsFirstAndReadsEveryPage() {
		app().run((context) -> {
			List<RealtimeEvent> rows = context.getBean(KiwoomRealtime.class).search("4").get(10, TimeUnit.SECONDS);
			assertThat(rows).extracting(RealtimeEvent::item).containsExactly("005930", "000660", "035420");
			List<String> frames = this.socket.receivedFrames();
			int list = indexOf(frames, "CNSRLST");
			int search = indexOf(frames, "CNSRREQ");
			assertThat(list).isNotNegative().isLessThan(search);
			assertThat(frames).filteredOn((frame) -> frame.contains("CNSRREQ")).hasSize(2);
		});
	}

	@Test
	void realtimeSearchGetsMatchesThenChangesAndIsSentAgainAfterAReconnect() {
		app().run((context) -> {
			List<RealtimeEvent> events = new CopyOnWriteArrayList<>();
			RealtimeSubscription subscription = context.getBean(KiwoomRealtime.class)
				.subscribeCondition("4", events::add);
			await().atMost(WAIT).until(() -> events.size() == 3);
			this.socket.pushConditionChange("4", "068270", true);
			await().atMost(WAIT).until(() -> events.size() == 4);
			assertThat(events.get(3).value("843")).isEqualTo("I");
			this.socket.drop();
			await().atMost(WAIT)
				.until(() -> this.socket.loginCount() == 2 && this.socket.conditionSearches().contains("4"));
			List<String> frames = this.socket.receivedFrames();
			assertThat(frames.stream().filter((frame) -> frame.contains("CNSRLST")).count()).isEqualTo(2);
			subscription.close();
			await().atMost(WAIT).until(() -> this.socket.conditionSearches().isEmpty());
			assertThat(this.socket.receivedFrames()).last().asString().contains("CNSRCLR");
		});
	}

	@Test
	void listingAgainDoesNotSearchARealtimeConditionTwice() {
		app().run((context) -> {
			KiwoomRealtime realtime = context.getBean(KiwoomRealtime.class);
			List<RealtimeEvent> events = new CopyOnWriteArrayList<>();
			realtime.subscribeCondition("4", events::add);
			await().atMost(WAIT).until(() -> events.size() == 3);
			assertThat(realtime.conditions().get(10, TimeUnit.SECONDS)).hasSize(2);
			assertThat(realtime.search("0").get(10, TimeUnit.SECONDS)).isEmpty();
			assertThat(this.socket.receivedFrames()).filteredOn((frame) -> frame.contains("CNSRREQ"))
				.filteredOn((frame) -> frame.contains("\"search_type\":\"1\""))
				.hasSize(1);
			assertThat(events).hasSize(3);
		});
	}

	private static int indexOf(List<String> frames, String trnm) {
		for (int i = 0; i < frames.size(); i++) {
			if (frames.get(i).contains("\"" + trnm + "\"")) {
				return i;
			}
		}
		return -1;
	}

}
