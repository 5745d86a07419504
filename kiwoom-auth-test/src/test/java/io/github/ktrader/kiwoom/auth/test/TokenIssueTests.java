package io.github.ktrader.kiwoom.auth.test;

import java.time.Duration;
import java.time.Instant;
import java.util.TimeZone;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.ktrader.kiwoom.auth.test.SimulatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for au10001, {@code POST /oauth2/token}.
 */
class TokenIssueTests {

	private static final String WRONG_KEYS = "인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]";

	private final SimulatorClock clock = new SimulatorClock(Instant.parse("2024-11-06T23:37:13Z"));

	private KiwoomSimulator simulator;

	private SimulatorClient client;

	@BeforeEach
	void start() {
		this.simulator = KiwoomSimulator.builder().appkey("app-key").secretkey("secret-key").clock(this.clock).start();
		this.client = new SimulatorClient(this.simulator);
	}

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void issueAnswersTokenExpiringAfterLifetimeInSeoulTimeWhateverTheDefaultZone() {
		TimeZone defaultZone = TimeZone.getDefault();
		TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
		try {
			Response response = this.client.issue();
			assertThat(response.status()).isEqualTo(200);
			// 2024-11-07T23:37:13Z is 08:37:13 on 8 November in Seoul (UTC+9)
			assertThat(response.text("expires_dt")).isEqualTo("20241108083713");
			assertThat(response.text("token_type")).isEqualTo("bearer");
			assertThat(response.returnCode()).isZero();
			assertThat(response.returnMessage()).isEqualTo("정상적으로 처리되었습니다");
		}
		finally {
			TimeZone.setDefault(defaultZone);
		}
	}

	@Test
	void issueAnswersRandomUrlSafeTokenThatIsValid() {
		Response first = this.client.issue();
		Response second = this.client.issue();
		assertThat(first.text("token")).matches("[A-Za-z0-9_-]{40,}").isNotEqualTo(second.text("token"));
		assertThat(this.simulator.isValid(first.text("token"))).isTrue();
	}

	@Test
	void issueAnswersJsonInUtf8() {
		Response response = this.client.issue();
		assertThat(response.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
		assertThat(response.body()).startsWith("{\"expires_dt\":");
	}

	@Test
	void issueWithWrongAppkeyFailsWith8001() {
		Response response = this.client.post("/oauth2/token", SimulatorClient.issueBody("other-key", "secret-key"));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.returnCode()).isEqualTo(3);
		assertThat(response.returnMessage()).isEqualTo(WRONG_KEYS);
		assertThat(response.text("token")).isNull();
	}

	@Test
	void issueWithWrongSecretkeyFailsWith8001() {
		Response response = this.client.post("/oauth2/token", SimulatorClient.issueBody("app-key", "other-secret"));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.returnCode()).isEqualTo(3);
		assertThat(response.returnMessage()).isEqualTo(WRONG_KEYS);
	}

	@Test
	void issueWithoutGrantTypeFailsWith8011() {
		Response response = this.client.post("/oauth2/token", "{\"appkey\":\"app-key\",\"secretkey\":\"secret-key\"}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.returnCode()).isEqualTo(2);
		assertThat(response.returnMessage())
			.isEqualTo("입력 값 오류입니다[8011:Access Token을 발급하는데 실패했습니다. 입력값에 grant_type이 들어오지 않았습니다]");
	}

	@Test
	void issueWithWrongGrantTypeFailsWith8012() {
		Response response = this.client.post("/oauth2/token",
				"{\"grant_type\":\"password\",\"appkey\":\"app-key\",\"secretkey\":\"secret-key\"}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.returnCode()).isEqualTo(2);
		assertThat(response.returnMessage())
			.isEqualTo("입력 값 오류입니다[8012:Access Token을 발급하는데 실패했습니다. grant_type의 값이 맞지 않습니다]");
	}

	@Test
	void issueWithoutAppkeyFailsWith8020() {
		Response response = this.client.post("/oauth2/token",
				"{\"grant_type\":\"client_credentials\",\"secretkey\":\"secret-key\"}");
		assertThat(response.returnCode()).isEqualTo(2);
		assertThat(response.returnMessage()).isEqualTo("입력 값 오류입니다[8020:입력파라미터로 appkey 또는 secretkey가 들어오지 않았습니다]");
	}

	@Test
	void issueWithBlankSecretkeyFailsWith8020() {
		Response response = this.client.post("/oauth2/token", SimulatorClient.issueBody("app-key", " "));
		assertThat(response.returnCode()).isEqualTo(2);
		assertThat(response.returnMessage()).contains("[8020:");
	}

	@Test
	void issueWithMalformedJsonAnswers400() {
		Response response = this.client.post("/oauth2/token", "{\"grant_type\":");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.returnCode()).isEqualTo(2);
		assertThat(response.returnMessage()).contains("[1517:");
	}

	@Test
	void issueWithEmptyBodyAnswers400() {
		assertThat(this.client.post("/oauth2/token", "").status()).isEqualTo(400);
	}

	@Test
	void getOnTokenPathAnswers405() {
		Response response = this.client.get("/oauth2/token");
		assertThat(response.status()).isEqualTo(405);
		assertThat(response.header("Allow")).isEqualTo("POST");
	}

	@Test
	void unknownPathAnswers404() {
		assertThat(this.client.post("/oauth2/other", "{}").status()).isEqualTo(404);
	}

	@Test
	void issuedCountCountsOnlySuccessfulIssues() {
		this.client.issue();
		this.client.post("/oauth2/token", SimulatorClient.issueBody("other-key", "secret-key"));
		this.client.issue();
		assertThat(this.simulator.issuedCount()).isEqualTo(2);
	}

	@Test
	void tokenLifetimeChangedAtRuntimeAppliesToNextIssue() {
		this.simulator.tokenLifetime(Duration.ofHours(4));
		// 2024-11-07T03:37:13Z is 12:37:13 on 7 November in Seoul
		assertThat(this.client.issue().text("expires_dt")).isEqualTo("20241107123713");
	}

	@Test
	void expiresDtDropsFractionsOfASecond() {
		this.clock.set(Instant.parse("2024-11-06T23:37:13.900Z"));
		assertThat(this.client.issue().text("expires_dt")).isEqualTo("20241108083713");
	}

}
