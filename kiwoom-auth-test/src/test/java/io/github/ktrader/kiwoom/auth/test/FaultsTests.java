package io.github.ktrader.kiwoom.auth.test;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.ktrader.kiwoom.auth.test.Faults.OverlapResponse;
import io.github.ktrader.kiwoom.auth.test.SimulatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Faults}.
 */
class FaultsTests {

	private static final String RATE_LIMITED = "허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다]";

	private KiwoomSimulator simulator;

	private Faults faults;

	private SimulatorClient client;

	@BeforeEach
	void start() {
		this.simulator = KiwoomSimulator.start();
		this.faults = this.simulator.faults();
		this.client = new SimulatorClient(this.simulator);
	}

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void delayAnswersNormallyAfterTheDelay() {
		this.faults.delay(Endpoint.TOKEN, Duration.ofMillis(300));
		long start = System.nanoTime();
		Response response = this.client.issue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		assertThat(response.returnCode()).isZero();
	}

	@Test
	void hangLeavesRequestUnansweredUntilClientTimesOut() {
		String token = this.client.issueToken();
		this.faults.hang(Endpoint.DATA);
		assertThatExceptionOfType(HttpTimeoutException.class)
			.isThrownBy(() -> this.client.postWithTimeout("/api/dostk/stkinfo", "{}", Duration.ofMillis(300)));
		assertThat(this.simulator.requests("/api/dostk/stkinfo")).hasSize(1);
		assertThat(this.client.revoke(token).returnCode()).as("other endpoints still answer").isZero();
	}

	@Test
	void clearReleasesHungRequestWhichIsThenAnsweredNormally() throws Exception {
		this.faults.hang(Endpoint.TOKEN);
		CompletableFuture<Response> hung = this.client.issueAsync();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.simulator.requests("/oauth2/token").size() == 1);
		assertThat(hung).isNotDone();
		this.faults.clear();
		assertThat(hung.get(5, TimeUnit.SECONDS).returnCode()).isZero();
		assertThat(this.client.issue().returnCode()).isZero();
	}

	@Test
	void httpStatusAnswersStatusWithSmallJsonBody() {
		this.faults.httpStatus(Endpoint.TOKEN, 503);
		Response response = this.client.issue();
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
		assertThat(response.json().get("status").asInt()).isEqualTo(503);
		assertThat(this.simulator.issuedCount()).isZero();
	}

	@Test
	void kiwoomErrorAnswersHttp200WithNumericReturnCode() {
		String token = this.client.issueToken();
		this.faults.kiwoomError(Endpoint.DATA, 3, "인증에 실패했습니다[8005:Token이 유효하지 않습니다]");
		Response response = this.client.stockInfo(token, "005930");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("return_code").isInt()).isTrue();
		assertThat(response.body())
			.isEqualTo("{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8005:Token이 유효하지 않습니다]\"}");
		assertThat(this.simulator.isValid(token)).as("the fault leaves the token alone").isTrue();
	}

	@Test
	void kiwoomErrorAsStringAnswersReturnCodeAsJsonString() {
		this.faults.kiwoomErrorAsString(Endpoint.TOKEN, "0003", "인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]");
		Response response = this.client.issue();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("return_code").isString()).isTrue();
		assertThat(response.text("return_code")).isEqualTo("0003");
		assertThat(response.returnMessage()).contains("[8001:");
	}

	@Test
	void rawBodyAnswersBodyAsIs() {
		this.faults.rawBody(Endpoint.REVOKE, 200, "{\"return_code\":");
		Response response = this.client.revoke("any");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"return_code\":");
	}

	@Test
	void rawBodyCanBeEmpty() {
		this.faults.rawBody(Endpoint.TOKEN, 502, "");
		Response response = this.client.issue();
		assertThat(response.status()).isEqualTo(502);
		assertThat(response.body()).isEmpty();
		assertThat(response.header("Content-Length")).isEqualTo("0");
	}

	@Test
	void nextAppliesFaultToNextRequestsOnly() {
		this.faults.next(Endpoint.TOKEN, 2).httpStatus(500);
		assertThat(this.client.issue().status()).isEqualTo(500);
		assertThat(this.client.issue().status()).isEqualTo(500);
		Response third = this.client.issue();
		assertThat(third.status()).isEqualTo(200);
		assertThat(third.returnCode()).isZero();
	}

	@Test
	void nextFaultsQueueInOrder() {
		this.faults.next(Endpoint.TOKEN, 1).httpStatus(500);
		this.faults.next(Endpoint.TOKEN, 1).kiwoomError(5, RATE_LIMITED);
		this.faults.next(Endpoint.TOKEN, 1).kiwoomErrorAsString("2", "입력 값 오류입니다[8030:…]");
		this.faults.next(Endpoint.TOKEN, 1).rawBody(200, "<html>");
		this.faults.next(Endpoint.TOKEN, 1).delay(Duration.ofMillis(10));
		assertThat(this.client.issue().status()).isEqualTo(500);
		assertThat(this.client.issue().returnCode()).isEqualTo(5);
		assertThat(this.client.issue().text("return_code")).isEqualTo("2");
		assertThat(this.client.issue().body()).isEqualTo("<html>");
		assertThat(this.client.issue().returnCode()).isZero();
		assertThat(this.client.issue().returnCode()).isZero();
		assertThat(this.simulator.issuedCount()).isEqualTo(2);
	}

	@Test
	void nextHangAppliesToNextRequestOnly() throws Exception {
		this.faults.next(Endpoint.TOKEN, 1).hang();
		CompletableFuture<Response> hung = this.client.issueAsync();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.simulator.requests("/oauth2/token").size() == 1);
		assertThat(this.client.issue().returnCode()).isZero();
		assertThat(hung).isNotDone();
		this.faults.clear();
		assertThat(hung.get(5, TimeUnit.SECONDS).returnCode()).isZero();
	}

	@Test
	void faultWithoutCountHandlesEveryRequestUntilClear() {
		this.faults.httpStatus(Endpoint.TOKEN, 500);
		this.faults.next(Endpoint.TOKEN, 1).httpStatus(502);
		for (int i = 0; i < 3; i++) {
			assertThat(this.client.issue().status()).isEqualTo(500);
		}
		this.faults.clear();
		assertThat(this.client.issue().status()).isEqualTo(200);
	}

	@Test
	void faultAffectsOnlyItsEndpoint() {
		this.faults.httpStatus(Endpoint.REVOKE, 500);
		this.faults.httpStatus(Endpoint.DATA, 503);
		String token = this.client.issueToken();
		assertThat(this.client.revoke(token).status()).isEqualTo(500);
		assertThat(this.client.stockInfo(token, "005930").status()).isEqualTo(503);
	}

	@Test
	void faultedRequestsAreRecorded() {
		this.faults.httpStatus(Endpoint.TOKEN, 500);
		this.client.issue();
		assertThat(this.simulator.requests("/oauth2/token")).hasSize(1);
	}

	@Test
	void overlappingIssueIsRefusedWithHttp429() throws Exception {
		this.faults.rejectOverlappingIssue(true);
		Response[] answers = issueTwiceOverlapping();
		assertThat(answers[1].status()).isEqualTo(429);
		assertThat(answers[0].status()).isEqualTo(200);
		assertThat(answers[0].returnCode()).isZero();
		assertThat(this.simulator.maxConcurrentIssues()).isEqualTo(2);
		assertThat(this.simulator.issuedCount()).isEqualTo(1);
	}

	@Test
	void overlappingIssueIsRefusedWithReturnCode5() throws Exception {
		this.faults.rejectOverlappingIssue(OverlapResponse.RETURN_CODE_5);
		Response[] answers = issueTwiceOverlapping();
		assertThat(answers[1].status()).isEqualTo(200);
		assertThat(answers[1].returnCode()).isEqualTo(5);
		assertThat(answers[1].returnMessage()).isEqualTo(RATE_LIMITED);
		assertThat(answers[0].returnCode()).isZero();
	}

	@Test
	void overlappingIssuesAreServedWhenRefusalIsOff() throws Exception {
		this.faults.rejectOverlappingIssue(true);
		this.faults.rejectOverlappingIssue(false);
		Response[] answers = issueTwiceOverlapping();
		assertThat(answers[0].returnCode()).isZero();
		assertThat(answers[1].returnCode()).isZero();
		assertThat(this.simulator.maxConcurrentIssues()).isEqualTo(2);
		assertThat(this.simulator.issuedCount()).isEqualTo(2);
	}

	@Test
	void sequentialIssuesNeverOverlap() {
		this.faults.rejectOverlappingIssue(true);
		this.client.issue();
		this.client.issue();
		assertThat(this.simulator.maxConcurrentIssues()).isEqualTo(1);
		assertThat(this.simulator.issuedCount()).isEqualTo(2);
	}

	@Test
	void clearTurnsOffOverlapRefusal() {
		this.faults.rejectOverlappingIssue(true);
		this.faults.clear();
		assertThat(this.faults.overlapResponse()).isNull();
	}

	@Test
	void argumentsAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.faults.next(Endpoint.TOKEN, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> this.faults.httpStatus(Endpoint.TOKEN, 99));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.faults.delay(Endpoint.TOKEN, Duration.ofSeconds(-1)));
	}

	/**
	 * Sends an issue that the simulator holds, then a second one while the first is in
	 * flight, then lets the first finish.
	 * @return the answers to the first and the second issue
	 */
	private Response[] issueTwiceOverlapping() throws Exception {
		this.faults.next(Endpoint.TOKEN, 1).delay(Duration.ofSeconds(10));
		CompletableFuture<Response> first = this.client.issueAsync();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.simulator.requests("/oauth2/token").size() == 1);
		Response second = this.client.issue();
		// clear() ends the first one's delay, so the test need not wait for it
		this.faults.clear();
		return new Response[] { first.get(5, TimeUnit.SECONDS), second };
	}

}
