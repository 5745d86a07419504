package io.github.ktrader.kiwoom.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ktrader.kiwoom.auth.client.UnknownKiwoomAccountException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Runs the whole sample application against a Kiwoom-like server on loopback that is not
 * the project's simulator.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	private static final String APPKEY = "SAMPLE-APPKEY-0123456789";

	private static final String SECRETKEY = "SAMPLE-SECRET-0123456789";

	private static final DateTimeFormatter EXPIRES_DT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT)
		.withZone(java.time.ZoneId.of("Asia/Seoul"));

	private final MockWebServer server = new MockWebServer();

	private final FakeKiwoom kiwoom = new FakeKiwoom();

	@BeforeEach
	void start() throws IOException {
		this.server.setDispatcher(this.kiwoom);
		this.server.start(InetAddress.getLoopbackAddress(), 0);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private String[] args(String... more) {
		List<String> args = new ArrayList<>(List.of("--kiwoom.host=http://127.0.0.1:" + this.server.getPort(),
				"--kiwoom.appkey=" + APPKEY, "--kiwoom.secretkey=" + SECRETKEY, "--sample.interval=10ms"));
		args.addAll(List.of(more));
		return args.toArray(String[]::new);
	}

	@Test
	void printsQuotesWithOneTokenAndRevokesIt(CapturedOutput output) {
		int exitCode = SampleApplication.run(args("--sample.stocks=005930,000660", "--sample.rounds=2"));
		assertThat(exitCode).isZero();
		assertThat(output.getOut()).contains("[1/2] 005930 삼성전자 +71000")
			.contains("[1/2] 000660 SK하이닉스 +182000")
			.contains("[2/2] 005930 삼성전자 +71000")
			.contains("[2/2] 000660 SK하이닉스 +182000");
		assertThat(this.kiwoom.issued).hasValue(1);
		assertThat(this.kiwoom.paths()).containsExactly("/oauth2/token", "/api/dostk/stkinfo", "/api/dostk/stkinfo",
				"/api/dostk/stkinfo", "/api/dostk/stkinfo", "/oauth2/revoke");
		assertThat(this.kiwoom.revokedTokens).containsExactly("token-1-abcdefghijklmnop");
		assertThat(this.kiwoom.bearers).containsOnly("Bearer token-1-abcdefghijklmnop");
		assertThat(output.getAll()).doesNotContain(APPKEY)
			.doesNotContain(SECRETKEY)
			.doesNotContain("token-1-abcdefghijklmnop")
			.contains("toke****");
	}

	@Test
	void withoutHostRunsOnTheEmbeddedSimulatorAndRevokesAtExit(CapturedOutput output) {
		int exitCode = SampleApplication.run("--sample.stocks=005930,000660");
		assertThat(exitCode).isZero();
		assertThat(output.getOut()).contains("[1/1] 005930 삼성전자 +71000").contains("[1/1] 000660 SK하이닉스 +182000");
		assertThat(output.getAll()).contains("started an embedded Kiwoom simulator")
			.containsPattern("Issued Kiwoom access token AccessToken\\[\\S{4}\\*{4}")
			.containsPattern("Revoked Kiwoom access token \\S{4}\\*{4}");
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void quotesFromTwoPairsInOneRunEachOnItsOwnEmbeddedSimulatorAndRevokesBoth(CapturedOutput output) {
		int exitCode = SampleApplication.run("--sample.stocks=005930", "--sample.accounts=default,mock");
		assertThat(exitCode).isZero();
		assertThat(output.getOut()).contains("[1/1] 005930 삼성전자 +71000").contains("[1/1] mock 005930 삼성전자 +71000");
		assertThat(output.getAll()).contains("Started an embedded Kiwoom simulator for account 'mock'")
			.contains("Kiwoom access token issued for account 'mock'")
			.containsPattern("(?s)Revoked Kiwoom access token \\S{4}\\*{4}.*Revoked Kiwoom access token \\S{4}\\*{4}");
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void unknownAccountFailsTheRunNamingTheKnownOnes() {
		assertThatExceptionOfType(UnknownKiwoomAccountException.class)
			.isThrownBy(() -> SampleApplication.run(args("--sample.accounts=paper")))
			.withMessageContaining("No Kiwoom account named 'paper'")
			.withMessageContaining("[default]");
	}

	@Test
	void hungRevokeStillExitsWithinTheTimeout(CapturedOutput output) {
		this.kiwoom.hangRevoke = true;
		Instant start = Instant.now();
		int exitCode = SampleApplication.run(args("--kiwoom.token.revoke-timeout=1s"));
		Instant end = Instant.now();
		assertThat(exitCode).isZero();
		assertThat(output.getOut()).contains("[1/1] 005930 삼성전자 +71000");
		assertThat(output.getAll()).contains("Revoking Kiwoom access token toke**** failed");
		assertThat(Duration.between(start, end)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void serverThatStopsAcceptingTheTokenMidRunStillGetsEveryQuote(CapturedOutput output) {
		this.kiwoom.rejectEvery = 3;
		// Tokens die every 30 ms here; that is no other process on the key, so the
		// rejection-storm guard must not count them as dying young
		int exitCode = SampleApplication.run(args("--sample.rounds=12", "--kiwoom.token.young-token-age=5ms"));
		assertThat(exitCode).isZero();
		for (int round = 1; round <= 12; round++) {
			assertThat(output.getOut()).contains("[" + round + "/12] 005930 삼성전자 +71000");
		}
		assertThat(this.kiwoom.issued.get()).isGreaterThan(1);
		assertThat(output.getAll()).doesNotContain(SECRETKEY).doesNotContain("-abcdefghijklmnop");
	}

	@Test
	void wrongSecretKeyFailsEveryRoundNamingTheKeysWithoutHammeringKiwoom(CapturedOutput output) {
		this.kiwoom.refuseKeys = true;
		int exitCode = SampleApplication.run(args("--sample.rounds=20"));
		assertThat(exitCode).isOne();
		assertThat(this.kiwoom.paths().stream().filter("/oauth2/token"::equals)).as("au10001")
			.hasSizeLessThanOrEqualTo(2);
		for (int round = 1; round <= 20; round++) {
			assertThat(output.getAll()).containsPattern(
					"\\[" + round + "/20\\] 005930 failed: .*code 8001.*kiwoom\\.appkey.*kiwoom\\.secretkey");
		}
		assertThat(output.getAll()).doesNotContain(SECRETKEY).doesNotContain(APPKEY);
	}

	/**
	 * A Kiwoom-like server written from auth-facts.md: tokens, 8005 as HTTP 200, revoke.
	 */
	static final class FakeKiwoom extends Dispatcher {

		final AtomicInteger issued = new AtomicInteger();

		final List<String> revokedTokens = new ArrayList<>();

		final List<String> bearers = new ArrayList<>();

		private final List<String> paths = new ArrayList<>();

		private volatile String validToken = "";

		private int dataCalls;

		volatile boolean hangRevoke;

		volatile int rejectEvery;

		volatile boolean refuseKeys;

		@Override
		public synchronized MockResponse dispatch(RecordedRequest request) {
			String path = request.getUrl().encodedPath();
			this.paths.add(path);
			var body = JsonMapper.shared().readTree(request.getBody().utf8());
			return switch (path) {
				case "/oauth2/token" -> {
					if (this.refuseKeys) {
						yield json(
								"{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]\"}");
					}
					this.validToken = "token-" + this.issued.incrementAndGet() + "-abcdefghijklmnop";
					yield json("{\"expires_dt\":\"" + EXPIRES_DT.format(Instant.now().plus(Duration.ofHours(24)))
							+ "\",\"token_type\":\"Bearer\",\"token\":\"" + this.validToken
							+ "\",\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}");
				}
				case "/oauth2/revoke" -> {
					if (this.hangRevoke) {
						yield new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
					}
					this.revokedTokens.add(body.get("token").asString());
					yield json("{\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}");
				}
				default -> {
					String bearer = request.getHeaders().get("authorization");
					this.bearers.add(bearer);
					this.dataCalls++;
					if (this.rejectEvery > 0 && this.dataCalls % this.rejectEvery == 0) {
						this.validToken = "";
					}
					if (!("Bearer " + this.validToken).equals(bearer)) {
						yield json("{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8005:Token이 유효하지 않습니다]\"}");
					}
					String code = body.get("stk_cd").asString();
					String name = "005930".equals(code) ? "삼성전자" : "SK하이닉스";
					String price = "005930".equals(code) ? "+71000" : "+182000";
					yield json("{\"stk_cd\":\"" + code + "\",\"stk_nm\":\"" + name + "\",\"cur_prc\":\"" + price
							+ "\",\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}");
				}
			};
		}

		synchronized List<String> paths() {
			return List.copyOf(this.paths);
		}

		private static MockResponse json(String body) {
			return new MockResponse.Builder().code(200)
				.addHeader("Content-Type", "application/json;charset=UTF-8")
				.body(body)
				.build();
		}

	}

}
