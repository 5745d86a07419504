package io.github.ktrader.kiwoom.auth.test;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the sessions of {@link RealtimeSimulator}: heartbeat, one session per app
 * key, token death and faults.
 */
class RealtimeSessionTests {

	private final KiwoomSimulator simulator = KiwoomSimulator.start();

	private final RealtimeSimulator realtime = this.simulator.realtime();

	private final SimulatorClient rest = new SimulatorClient(this.simulator);

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void pingsAreSentAndEchoesCounted() {
		try (RealtimeClient client = RealtimeClient.loggedIn(this.simulator, this.rest.issueToken())) {
			this.realtime.ping();
			this.realtime.ping();
			assertThat(client.next("PING").toString()).isEqualTo("{\"trnm\":\"PING\"}");
			await().untilAsserted(() -> assertThat(this.realtime.pongCount()).isEqualTo(2));
			assertThat(this.realtime.receivedFrames()).endsWith("{\"trnm\":\"PING\"}", "{\"trnm\":\"PING\"}");
		}
	}

	@Test
	void pingsFollowTheInterval() {
		try (RealtimeClient client = RealtimeClient.loggedIn(this.simulator, this.rest.issueToken())) {
			this.realtime.setPingInterval(Duration.ofMillis(20));
			await().untilAsserted(() -> assertThat(this.realtime.pongCount()).isGreaterThanOrEqualTo(3));
			assertThat(client.isClosed()).isFalse();
		}
	}

	@Test
	void unansweredPingsEndInR10002AndClose() {
		this.realtime.setMissedPingLimit(2);
		try (RealtimeClient client = RealtimeClient.loggedIn(this.simulator, this.rest.issueToken())) {
			client.echoPings(false);
			this.realtime.ping();
			this.realtime.ping();
			assertThat(client.isClosed()).isFalse();
			this.realtime.ping();
			JsonNode system = client.next("SYSTEM");
			assertThat(system.get("code").asString()).isEqualTo("R10002");
			assertThat(system.get("message").asString()).endsWith("Heartbeat(연결유지) 메시지가 오지않아서 접속을 종료합니다");
			assertThat(client.awaitClosed()).isEqualTo(1000);
			assertThat(this.realtime.pongCount()).isZero();
		}
	}

	@Test
	void answeredPingsResetTheCount() {
		this.realtime.setMissedPingLimit(1);
		try (RealtimeClient client = RealtimeClient.loggedIn(this.simulator, this.rest.issueToken())) {
			for (int i = 1; i <= 3; i++) {
				this.realtime.ping();
				long echoes = i;
				await().untilAsserted(() -> assertThat(this.realtime.pongCount()).isEqualTo(echoes));
			}
			assertThat(client.isClosed()).isFalse();
		}
	}

	@Test
	void secondLoginTakesTheAppkeyWithR10001() {
		String token = this.rest.issueToken();
		try (RealtimeClient first = RealtimeClient.loggedIn(this.simulator, token);
				RealtimeClient second = RealtimeClient.loggedIn(this.simulator, token)) {
			JsonNode system = first.next("SYSTEM");
			assertThat(system.get("code").asString()).isEqualTo("R10001");
			assertThat(system.get("message").asString()).isEqualTo("동일한 App key로 접속이 되었습니다. 기존 세션은 종료가 됩니다");
			assertThat(first.awaitClosed()).isEqualTo(1000);
			assertThat(second.isClosed()).isFalse();
			await().untilAsserted(() -> assertThat(this.realtime.openSessions()).isOne());
			assertThat(this.realtime.connectionCount()).isEqualTo(2);
		}
	}

	@Test
	void revokedTokenClosesItsSessionByDefault() {
		String token = this.rest.issueToken();
		try (RealtimeClient client = RealtimeClient.loggedIn(this.simulator, token)) {
			this.rest.revoke(token);
			assertThat(client.awaitClosed()).isEqualTo(1000);
		}
	}

	@Test
	void expiredTokenClosesItsSessionUnderClose() {
		this.realtime.setOnTokenDeath(TokenDeathPolicy.CLOSE);
		try (RealtimeClient client = RealtimeClient.loggedIn(this.simulator, this.rest.issueToken())) {
			this.simulator.clock().advance(Duration.ofHours(25));
			assertThat(client.awaitClosed()).isEqualTo(1000);
		}
	}

	@Test
	void replacedTokenClosesItsSessionUnderClose() {
		this.simulator.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD);
		try (RealtimeClient client = RealtimeClient.loggedIn(this.simulator, this.rest.issueToken())) {
			this.rest.issueToken();
			assertThat(client.awaitClosed()).isEqualTo(1000);
		}
	}

	@Test
	void deadTokenKeepsItsSessionUnderKeep() {
		this.realtime.setOnTokenDeath(TokenDeathPolicy.KEEP);
		String token = this.rest.issueToken();
		try (RealtimeClient client = RealtimeClient.loggedIn(this.simulator, token)) {
			this.rest.revoke(token);
			this.simulator.clock().advance(Duration.ofHours(25));
			assertThat(client.poll(Duration.ofMillis(200))).isNull();
			assertThat(client.isClosed()).isFalse();
			this.realtime.pushFrame("{\"trnm\":\"REAL\",\"data\":[]}");
			assertThat(client.next("REAL")).isNotNull();
		}
	}

	@Test
	void dropCutsEverySessionWithoutCloseFrame() {
		try (RealtimeClient client = RealtimeClient.loggedIn(this.simulator, this.rest.issueToken())) {
			this.realtime.drop();
			assertThat(client.awaitClosed()).isEqualTo(1006);
			assertThat(client.drain()).isEmpty();
			await().untilAsserted(() -> assertThat(this.realtime.openSessions()).isZero());
		}
	}

	@Test
	void kickSendsR10001AndCloses() {
		try (RealtimeClient client = RealtimeClient.loggedIn(this.simulator, this.rest.issueToken())) {
			this.realtime.kick();
			assertThat(client.next("SYSTEM").get("message").asString()).startsWith("동일한 App key로 접속이 되었습니다");
			assertThat(client.awaitClosed()).isEqualTo(1000);
		}
		try (RealtimeClient client = RealtimeClient.loggedIn(this.simulator, this.rest.issueToken())) {
			this.realtime.kick("유효하지 않은 App key입니다");
			JsonNode system = client.next("SYSTEM");
			assertThat(system.get("code").asString()).isEqualTo("R10001");
			assertThat(system.get("message").asString()).isEqualTo("유효하지 않은 App key입니다");
			assertThat(client.awaitClosed()).isEqualTo(1000);
		}
	}

	@Test
	void silenceStopsEverythingUntilLifted() {
		this.realtime.setTickInterval(Duration.ofMillis(10));
		try (RealtimeClient client = RealtimeClient.loggedIn(this.simulator, this.rest.issueToken())) {
			client.send(
					"{\"trnm\":\"REG\",\"grp_no\":\"1\",\"refresh\":\"1\",\"data\":[{\"item\":[\"005930\"],\"type\":[\"0B\"]}]}");
			client.next("REAL");
			this.realtime.silence(true);
			// ticks already on their way may still arrive; wait until the line is quiet
			while (client.poll(Duration.ofMillis(100)) != null) {
				client.drain();
			}
			this.realtime.ping();
			client.send("{\"trnm\":\"CNSRLST\"}");
			assertThat(client.poll(Duration.ofMillis(200))).isNull();
			assertThat(this.realtime.receivedFrames()).endsWith("{\"trnm\":\"CNSRLST\"}");
			this.realtime.silence(false);
			assertThat(client.next("REAL")).isNotNull();
		}
	}

}
