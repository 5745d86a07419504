package io.github.ktrader.kiwoom.auth.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the LOGIN frame of {@link RealtimeSimulator}.
 */
class RealtimeLoginTests {

	private final KiwoomSimulator simulator = KiwoomSimulator.start();

	private final SimulatorClient rest = new SimulatorClient(this.simulator);

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void realtimeUrlIsLoopbackWebSocketOnKiwoomsPath() {
		assertThat(this.simulator.realtimeUrl()).matches("ws://127\\.0\\.0\\.1:\\d+/api/dostk/websocket");
	}

	@Test
	void loginWithIssuedTokenIsAcceptedAndRecorded() {
		String token = this.rest.issueToken();
		try (RealtimeClient client = RealtimeClient.connect(this.simulator)) {
			client.login(token);
			assertThat(client.nextText())
				.isEqualTo("{\"trnm\":\"LOGIN\",\"return_code\":0,\"return_msg\":\"\",\"sor_yn\":\"Y\"}");
			assertThat(this.simulator.realtime().loginCount()).isOne();
			assertThat(this.simulator.realtime().loggedInTokens()).containsExactly(token);
			assertThat(this.simulator.realtime().openSessions()).isOne();
			assertThat(this.simulator.realtime().connectionCount()).isOne();
			this.simulator.realtime().clearRecorded();
			assertThat(this.simulator.realtime().loggedInTokens()).isEmpty();
			assertThat(this.simulator.realtime().receivedFrames()).isEmpty();
			assertThat(this.simulator.realtime().connectionCount()).isZero();
			assertThat(this.simulator.realtime().openSessions()).isOne();
		}
	}

	@Test
	void loginWithUnknownTokenIsRefusedWith8005AndClosed() {
		try (RealtimeClient client = RealtimeClient.connect(this.simulator)) {
			client.login("not-a-token");
			assertRefused(client, 8005);
		}
	}

	@Test
	void loginWithRevokedOrExpiredTokenIsRefused() {
		String revoked = this.rest.issueToken();
		this.rest.revoke(revoked);
		try (RealtimeClient client = RealtimeClient.connect(this.simulator)) {
			client.login(revoked);
			assertRefused(client, 8005);
		}
		String expired = this.rest.issueToken();
		this.simulator.clock().advance(Duration.ofHours(25));
		try (RealtimeClient client = RealtimeClient.connect(this.simulator)) {
			client.login(expired);
			assertRefused(client, 8005);
		}
		assertThat(this.simulator.realtime().loggedInTokens()).containsExactly(revoked, expired);
	}

	@Test
	void bearerPrefixIsNotPartOfTheToken() {
		String token = this.rest.issueToken();
		try (RealtimeClient client = RealtimeClient.connect(this.simulator)) {
			client.login("Bearer " + token);
			assertRefused(client, 8005);
		}
	}

	@Test
	void framesBeforeLoginAreIgnored() {
		String token = this.rest.issueToken();
		try (RealtimeClient client = RealtimeClient.connect(this.simulator)) {
			client.send(
					"{\"trnm\":\"REG\",\"grp_no\":\"1\",\"refresh\":\"1\",\"data\":[{\"item\":[\"005930\"],\"type\":[\"0B\"]}]}");
			client.send("{\"trnm\":\"CNSRLST\"}");
			client.login(token);
			JsonNode answer = client.next((frame) -> true);
			assertThat(answer.get("trnm").asString()).isEqualTo("LOGIN");
			assertThat(answer.get("return_code").asInt()).isZero();
			assertThat(this.simulator.realtime().registered("0B")).isEmpty();
			assertThat(this.simulator.realtime().receivedFrames()).hasSize(3);
		}
	}

	@Test
	void noLoginInTimeGetsR10004AndClose() {
		this.simulator.realtime().setLoginTimeout(Duration.ofMillis(100));
		try (RealtimeClient client = RealtimeClient.connect(this.simulator)) {
			JsonNode system = client.next("SYSTEM");
			assertThat(system.get("code").asString()).isEqualTo("R10004");
			assertThat(system.get("message").asString()).contains("접속허용요청");
			assertThat(client.awaitClosed()).isEqualTo(1000);
		}
		await().untilAsserted(() -> assertThat(this.simulator.realtime().openSessions()).isZero());
	}

	@Test
	void refuseNextLoginsRefusesThatManyWithTheGivenCode() {
		String token = this.rest.issueToken();
		this.simulator.realtime().refuseNextLogins(1, 8050);
		try (RealtimeClient client = RealtimeClient.connect(this.simulator)) {
			client.login(token);
			assertRefused(client, 8050);
		}
		try (RealtimeClient client = RealtimeClient.loggedIn(this.simulator, token)) {
			assertThat(this.simulator.realtime().loginCount()).isEqualTo(2);
		}
	}

	@Test
	void refusalMayCarryItsCodeInReturnCodeAlone() {
		this.simulator.realtime().refuseNextLogins(1, 8005, "");
		try (RealtimeClient client = RealtimeClient.connect(this.simulator)) {
			client.login(this.rest.issueToken());
			assertThat(client.nextText()).isEqualTo("{\"trnm\":\"LOGIN\",\"return_code\":8005,\"return_msg\":\"\"}");
			assertThat(client.awaitClosed()).isEqualTo(1000);
		}
	}

	@Test
	void framesBeforeTheLoginAnswerAreIgnored() {
		this.simulator.realtime().setLoginAnswerDelay(Duration.ofSeconds(1));
		try (RealtimeClient client = RealtimeClient.connect(this.simulator)) {
			client.login(this.rest.issueToken());
			client.send(
					"{\"trnm\":\"REG\",\"grp_no\":\"1\",\"refresh\":\"1\",\"data\":[{\"item\":[\"005930\"],\"type\":[\"0B\"]}]}");
			assertThat(client.next((frame) -> true).get("trnm").asString()).isEqualTo("LOGIN");
			assertThat(this.simulator.realtime().registered("0B")).isEmpty();
			assertThat(this.simulator.realtime().regFrames()).isEmpty();
		}
	}

	@Test
	void otherPathsAreNotFound() throws Exception {
		String url = this.simulator.realtimeUrl().replace("ws://", "http://").replace("/api/dostk/websocket", "/other");
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void returnCodesAsStrings() {
		this.simulator.realtime().setReturnCodesAsStrings(true);
		try (RealtimeClient client = RealtimeClient.connect(this.simulator)) {
			client.login(this.rest.issueToken());
			JsonNode answer = client.next("LOGIN");
			assertThat(answer.get("return_code").isString()).isTrue();
			assertThat(answer.get("return_code").asString()).isEqualTo("0");
		}
	}

	@Test
	void closeEndsSessionsPromptlyAndThreadsAreDaemons() {
		try (RealtimeClient client = RealtimeClient.loggedIn(this.simulator, this.rest.issueToken())) {
			assertThat(Thread.getAllStackTraces().keySet())
				.filteredOn((thread) -> thread.getName().startsWith("kiwoom-simulator-ws")
						|| thread.getName().equals("kiwoom-simulator-realtime"))
				.hasSizeGreaterThanOrEqualTo(2)
				.allSatisfy((thread) -> assertThat(thread.isDaemon()).as(thread.getName()).isTrue());
			long start = System.nanoTime();
			this.simulator.close();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
			assertThat(client.awaitClosed()).as("no close frame").isEqualTo(1006);
		}
	}

	static void assertRefused(RealtimeClient client, int code) {
		JsonNode answer = client.next("LOGIN");
		assertThat(answer.get("return_code").asInt()).isEqualTo(1);
		assertThat(answer.get("return_msg").asString()).startsWith("토큰 인증에 실패했습니다 [CODE=" + code + ", MESSAGE=");
		assertThat(client.awaitClosed()).isEqualTo(1000);
	}

}
