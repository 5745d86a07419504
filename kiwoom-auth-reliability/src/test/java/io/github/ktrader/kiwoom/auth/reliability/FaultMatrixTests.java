package io.github.ktrader.kiwoom.auth.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.client.KiwoomApiException;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.Faults;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.RecordedRequest;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Fault matrix: every known Kiwoom fault against a whole application using the starter.
 * <p>
 * Each row starts a fresh simulator with distinctive keys and a fresh application (read
 * timeout 1 s, connect and revoke timeouts 500 ms), scripts the fault, and asserts the
 * outcome: recovered, or the typed error and its message. Every row then asserts that
 * each shutdown took at most revoke-timeout + 1 s and that neither the captured logs nor
 * any message shown to the application contains the app key, the secret key or a token.
 * The outcome of each row is written to {@code target/reliability/fault-matrix.md}.
 */
@ExtendWith(OutputCaptureExtension.class)
class FaultMatrixTests {

	private static final String STOCK_PATH = "/api/dostk/stkinfo";

	private static final String TOKEN_PATH = "/oauth2/token";

	private static final String REVOKE_PATH = "/oauth2/revoke";

	private static final String MSG_8001 = "인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]";

	private static final String MSG_8005 = "인증에 실패했습니다[8005:Token이 유효하지 않습니다]";

	private static final String MSG_8010 = "인증에 실패했습니다[8010:IP와 Token 발급 IP가 일치하지 않습니다]";

	private static final String MSG_8015 = "인증에 실패했습니다[8015:Access Token을 폐기하는데 실패했습니다]";

	private static final String MSG_8016 = "입력 값 오류입니다[8016:Access Token을 폐기하는데 실패했습니다. 입력값에 Token이 들어오지 않았습니다]";

	private static final String MSG_8030 = "입력 값 오류입니다[8030:투자구분(실전/모의)이 달라서 인증에 실패했습니다]";

	private static final String MSG_8031 = "인증에 실패했습니다[8031:투자구분(실전/모의)이 달라서 Token 인증에 실패했습니다]";

	private static final String MSG_8050 = "인증에 실패했습니다[8050:지정단말기 인증에 실패했습니다]";

	private static final String MSG_8103 = "인증에 실패했습니다[8103:Token 인증에 실패했습니다]";

	private static final String MSG_1700 = "허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다]";

	private static final int HUGE = 8 * 1024 * 1024;

	private static final List<String> matrix = new ArrayList<>();

	@ParameterizedTest(name = "{0}")
	@MethodSource("rows")
	void keepsWorkingOrFailsClearly(Row row, CapturedOutput output) throws Exception {
		KiwoomSimulator.Builder builder = KiwoomSimulator.builder()
			.appkey("RELIABILITYAPPKEY" + MatrixFile.randomHex())
			.secretkey("RELIABILITYSECRET" + MatrixFile.randomHex())
			.reissueBehavior(row.reissueBehavior());
		try (KiwoomSimulator simulator = builder.start()) {
			FaultRun run = new FaultRun(simulator, output);
			String outcome;
			try {
				outcome = row.exercise().run(run);
			}
			finally {
				run.shutdownAll();
			}
			assertThat(run.shutdowns()).as("shutdown times").isNotEmpty();
			assertThat(run.shutdowns()).allSatisfy(
					(took) -> assertThat(took).as("shutdown").isLessThanOrEqualTo(StarterApplication.SHUTDOWN_BUDGET));
			run.shown(outcome);
			run.assertNoSecretShown();
			long slowest = run.shutdowns().stream().mapToLong(Duration::toMillis).max().orElse(0);
			record("| " + row.name() + " | " + outcome.replace("|", "\\|").replace("\n", " ") + " | " + slowest + " |");
		}
	}

	/**
	 * Warm the JVM up (class loading, JIT, loopback HTTP) so that the first row is not
	 * judged against the short timeouts while cold.
	 */
	@BeforeAll
	static void warmUp() {
		try (KiwoomSimulator simulator = KiwoomSimulator.start();
				StarterApplication application = StarterApplication.run(simulator, "kiwoom.read-timeout=10s")) {
			for (int i = 0; i < 20; i++) {
				application.stockInfo();
			}
		}
	}

	private static synchronized void record(String line) {
		matrix.add(line);
	}

	@AfterAll
	static void writeMatrix() throws IOException {
		MatrixFile.write("fault-matrix.md", List.of("case", "outcome", "slowest shutdown (ms)"), matrix);
	}

	static Stream<Arguments> rows() {
		List<Row> rows = new ArrayList<>();
		// au10001: issue
		rows.add(row("au10001 HTTP 400", issueFails((f) -> f.httpStatus(Endpoint.TOKEN, 400), KiwoomErrorKind.OTHER, 1,
				"au10001 (issue access token) failed: Kiwoom answered HTTP 400")));
		rows.add(row("au10001 HTTP 401", issueFails((f) -> f.httpStatus(Endpoint.TOKEN, 401),
				KiwoomErrorKind.INVALID_CREDENTIALS, 1, "HTTP 401", "kiwoom.appkey", "kiwoom.secretkey")));
		rows.add(row("au10001 HTTP 403",
				issueFails((f) -> f.httpStatus(Endpoint.TOKEN, 403), KiwoomErrorKind.OTHER, 1, "HTTP 403")));
		rows.add(row("au10001 HTTP 404",
				issueFails((f) -> f.httpStatus(Endpoint.TOKEN, 404), KiwoomErrorKind.OTHER, 1, "HTTP 404")));
		for (int status : new int[] { 500, 502, 503 }) {
			rows.add(row("au10001 HTTP " + status + " (persistent)", issueFails(
					(f) -> f.httpStatus(Endpoint.TOKEN, status), KiwoomErrorKind.SERVER_ERROR, 4, "HTTP " + status)));
		}
		rows.add(row("au10001 HTTP 503 once", issueRecovers((f) -> f.next(Endpoint.TOKEN, 1).httpStatus(503), 2)));
		rows.add(row("au10001 HTTP 429 (persistent)",
				issueFails((f) -> f.httpStatus(Endpoint.TOKEN, 429), KiwoomErrorKind.RATE_LIMITED, 4, "HTTP 429")));
		rows.add(row("au10001 HTTP 429 once", issueRecovers((f) -> f.next(Endpoint.TOKEN, 1).httpStatus(429), 2)));
		rows.add(row("au10001 return_code 3 [8001]", issueFails((f) -> f.kiwoomError(Endpoint.TOKEN, 3, MSG_8001),
				KiwoomErrorKind.INVALID_CREDENTIALS, 1, "code 8001", "kiwoom.appkey", "kiwoom.secretkey")));
		rows.add(row("au10001 return_code \"3\" [8001]",
				issueFails((f) -> f.kiwoomErrorAsString(Endpoint.TOKEN, "3", MSG_8001),
						KiwoomErrorKind.INVALID_CREDENTIALS, 1, "code 8001", "kiwoom.appkey")));
		rows.add(row("au10001 return_code 3 [8005]", issueFails((f) -> f.kiwoomError(Endpoint.TOKEN, 3, MSG_8005),
				KiwoomErrorKind.TOKEN_REJECTED, 1, "code 8005")));
		rows.add(row("au10001 return_code \"0003\" [8005]",
				issueFails((f) -> f.kiwoomErrorAsString(Endpoint.TOKEN, "0003", MSG_8005),
						KiwoomErrorKind.TOKEN_REJECTED, 1, "return_code 0003", "code 8005")));
		rows.add(row("au10001 return_code 2 [8030]", issueFails((f) -> f.kiwoomError(Endpoint.TOKEN, 2, MSG_8030),
				KiwoomErrorKind.WRONG_ENVIRONMENT, 1, "code 8030", "kiwoom.host")));
		rows.add(row("au10001 return_code \"2\" [8030]",
				issueFails((f) -> f.kiwoomErrorAsString(Endpoint.TOKEN, "2", MSG_8030),
						KiwoomErrorKind.WRONG_ENVIRONMENT, 1, "code 8030", "kiwoom.host")));
		rows.add(row("au10001 return_code 3 [8050]", issueFails((f) -> f.kiwoomError(Endpoint.TOKEN, 3, MSG_8050),
				KiwoomErrorKind.UNREGISTERED_IP, 1, "code 8050", "Register this machine's public IP")));
		rows.add(row("au10001 return_code \"3\" [8050]",
				issueFails((f) -> f.kiwoomErrorAsString(Endpoint.TOKEN, "3", MSG_8050), KiwoomErrorKind.UNREGISTERED_IP,
						1, "code 8050", "Register this machine's public IP")));
		rows.add(row("au10001 return_code 8050 (inner code as return_code)",
				issueFails((f) -> f.kiwoomError(Endpoint.TOKEN, 8050, "지정단말기 인증에 실패했습니다"),
						KiwoomErrorKind.UNREGISTERED_IP, 1, "return_code 8050")));
		rows.add(row("au10001 return_code 5 [1700] (persistent)", issueFails(
				(f) -> f.kiwoomError(Endpoint.TOKEN, 5, MSG_1700), KiwoomErrorKind.RATE_LIMITED, 4, "code 1700")));
		rows.add(row("au10001 return_code \"5\" [1700] (persistent)",
				issueFails((f) -> f.kiwoomErrorAsString(Endpoint.TOKEN, "5", MSG_1700), KiwoomErrorKind.RATE_LIMITED, 4,
						"code 1700")));
		rows.add(row("au10001 return_code 5 [1700] once",
				issueRecovers((f) -> f.next(Endpoint.TOKEN, 1).kiwoomError(5, MSG_1700), 2)));
		rows.add(row("au10001 malformed JSON", issueFails((f) -> f.rawBody(Endpoint.TOKEN, 200, "{\"token\": \"abc"),
				KiwoomErrorKind.MALFORMED_RESPONSE, 1, "could not be read", "not a JSON object")));
		rows.add(row("au10001 empty body", issueFails((f) -> f.rawBody(Endpoint.TOKEN, 200, ""),
				KiwoomErrorKind.MALFORMED_RESPONSE, 1, "could not be read", "(0 bytes)")));
		rows.add(row("au10001 JSON array body", issueFails((f) -> f.rawBody(Endpoint.TOKEN, 200, "[]"),
				KiwoomErrorKind.MALFORMED_RESPONSE, 1, "not a JSON object")));
		rows.add(
				row("au10001 body without token",
						scripted((run) -> "{\"expires_dt\":\"" + expiresDt(Duration.ofHours(24))
								+ "\",\"token_type\":\"bearer\",\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}",
								KiwoomErrorKind.MALFORMED_RESPONSE, "field 'token' is missing or empty")));
		rows.add(row("au10001 body with a bad expires_dt",
				scripted(
						(run) -> "{\"expires_dt\":\"2026-01-01 09:00:00\",\"token_type\":\"bearer\",\"token\":\""
								+ run.secret("CRAFTEDTOKEN" + MatrixFile.randomHex() + MatrixFile.randomHex())
								+ "\",\"return_code\":0}",
						KiwoomErrorKind.MALFORMED_RESPONSE,
						"field 'expires_dt' is '2026-01-01 09:00:00', not yyyyMMddHHmmss")));
		rows.add(row("au10001 body without expires_dt",
				scripted(
						(run) -> "{\"token_type\":\"bearer\",\"token\":\""
								+ run.secret("CRAFTEDTOKEN" + MatrixFile.randomHex() + MatrixFile.randomHex())
								+ "\",\"return_code\":0}",
						KiwoomErrorKind.MALFORMED_RESPONSE, "field 'expires_dt' is missing or empty")));
		rows.add(row("au10001 return_code \"0000\", token_type Bearer, padded token",
				variantAnswer((token, expiresDt) -> "{\"expires_dt\":\" " + expiresDt
						+ " \",\"token_type\":\"Bearer\",\"token\":\"  " + token
						+ "  \",\"return_code\":\"0000\",\"return_msg\":\"정상적으로 처리되었습니다\"}")));
		rows.add(row("au10001 huge body (8 MiB JSON, valid token)",
				issueFails((f) -> f.rawBody(Endpoint.TOKEN, 200, "{\"padding\":\"" + "x".repeat(HUGE) + "\"}"),
						KiwoomErrorKind.RESPONSE_TOO_LARGE, 1, "larger than 32768 bytes")));
		rows.add(row("au10001 huge body (8 MiB HTML, HTTP 502)",
				issueFails((f) -> f.rawBody(Endpoint.TOKEN, 502, "<html>" + "x".repeat(HUGE) + "</html>"),
						KiwoomErrorKind.SERVER_ERROR, 4, "HTTP 502")));
		rows.add(row("au10001 huge body (8 MiB non-JSON, HTTP 200)",
				issueFails((f) -> f.rawBody(Endpoint.TOKEN, 200, "<html>" + "x".repeat(HUGE) + "</html>"),
						KiwoomErrorKind.RESPONSE_TOO_LARGE, 1, "larger than 32768 bytes")));
		rows.add(row("au10001 slow answer past the read timeout",
				issueFails((f) -> f.delay(Endpoint.TOKEN, Duration.ofMillis(2500)), KiwoomErrorKind.IO_ERROR, 1,
						"au10001 (issue access token) failed", "did not answer in time")));
		rows.add(row("au10001 hung server",
				issueFails((f) -> f.hang(Endpoint.TOKEN), KiwoomErrorKind.IO_ERROR, 1, "did not answer in time")));
		rows.add(row("au10001 connection refused", FaultMatrixTests::connectionRefusedOnIssue));
		rows.add(row("au10001 hung while the application shuts down", FaultMatrixTests::hungIssueDuringShutdown));
		rows.add(row("call after shutdown", FaultMatrixTests::callAfterShutdown));
		// au10002: revoke on shutdown
		for (int status : new int[] { 400, 401, 403, 404, 500, 502, 503, 429 }) {
			rows.add(row("au10002 HTTP " + status,
					revokeFails((f) -> f.httpStatus(Endpoint.REVOKE, status), "Kiwoom answered HTTP " + status)));
		}
		rows.add(row("au10002 return_code 3 [8015]",
				revokeFails((f) -> f.kiwoomError(Endpoint.REVOKE, 3, MSG_8015), "code 8015", "revoke the token")));
		rows.add(row("au10002 return_code \"3\" [8015]",
				revokeFails((f) -> f.kiwoomErrorAsString(Endpoint.REVOKE, "3", MSG_8015), "code 8015")));
		rows.add(row("au10002 return_code 2 [8016]",
				revokeFails((f) -> f.kiwoomError(Endpoint.REVOKE, 2, MSG_8016), "code 8016")));
		rows.add(row("au10002 return_code 3 [8001]",
				revokeFails((f) -> f.kiwoomError(Endpoint.REVOKE, 3, MSG_8001), "code 8001", "kiwoom.appkey")));
		rows.add(row("au10002 return_code \"3\" [8001]",
				revokeFails((f) -> f.kiwoomErrorAsString(Endpoint.REVOKE, "3", MSG_8001), "code 8001")));
		rows.add(row("au10002 return_code 3 [8005]",
				revokeFails((f) -> f.kiwoomError(Endpoint.REVOKE, 3, MSG_8005), "code 8005")));
		rows.add(row("au10002 return_code \"0003\" [8005]",
				revokeFails((f) -> f.kiwoomErrorAsString(Endpoint.REVOKE, "0003", MSG_8005), "code 8005")));
		rows.add(row("au10002 return_code 2 [8030]",
				revokeFails((f) -> f.kiwoomError(Endpoint.REVOKE, 2, MSG_8030), "code 8030", "kiwoom.host")));
		rows.add(row("au10002 return_code 3 [8050]",
				revokeFails((f) -> f.kiwoomError(Endpoint.REVOKE, 3, MSG_8050), "code 8050")));
		rows.add(row("au10002 return_code 5 [1700]",
				revokeFails((f) -> f.kiwoomError(Endpoint.REVOKE, 5, MSG_1700), "code 1700")));
		rows.add(row("au10002 return_code \"5\" [1700]",
				revokeFails((f) -> f.kiwoomErrorAsString(Endpoint.REVOKE, "5", MSG_1700), "code 1700")));
		rows.add(row("au10002 slow answer past the revoke timeout",
				revokeFails((f) -> f.delay(Endpoint.REVOKE, Duration.ofMillis(2500)), "failed")));
		rows.add(row("au10002 hung server", revokeFails((f) -> f.hang(Endpoint.REVOKE), "failed")));
		rows.add(row("au10002 huge error body (8 MiB HTML, HTTP 502)",
				revokeFails((f) -> f.rawBody(Endpoint.REVOKE, 502, "<html>" + "x".repeat(HUGE) + "</html>"),
						"Kiwoom answered HTTP 502")));
		rows.add(row("au10002 malformed JSON with HTTP 200 (judged by HTTP status)",
				revokeAccepted((f) -> f.rawBody(Endpoint.REVOKE, 200, "{\"return_code\": "))));
		rows.add(row("au10002 empty body with HTTP 200", revokeAccepted((f) -> f.rawBody(Endpoint.REVOKE, 200, ""))));
		rows.add(row("au10002 {\"result\":\"success\"} (the guide's example)",
				revokeAccepted((f) -> f.rawBody(Endpoint.REVOKE, 200, "{\"result\":\"success\"}"))));
		rows.add(row("au10002 normal answer", revokeAccepted((f) -> {
		})));
		rows.add(row("au10002 connection refused", FaultMatrixTests::connectionRefusedOnRevoke));
		rows.add(row("au10002 off (kiwoom.token.revoke-on-shutdown=false)", FaultMatrixTests::revokeTurnedOff));
		// Data calls
		rows.add(row("data 8005 mid-traffic (token invalidated, 8 threads)", FaultMatrixTests::invalidatedMidTraffic));
		rows.add(row("data return_code 3 [8005]",
				dataRecovers((f) -> f.next(Endpoint.DATA, 1).kiwoomError(3, MSG_8005))));
		rows.add(row("data return_code \"3\" [8005]",
				dataRecovers((f) -> f.next(Endpoint.DATA, 1).kiwoomErrorAsString("3", MSG_8005))));
		rows.add(row("data return_code 8005 (inner code as return_code)",
				dataRecovers((f) -> f.next(Endpoint.DATA, 1).kiwoomError(8005, "Token이 유효하지 않습니다"))));
		rows.add(row("data return_code 3 [8031]",
				dataRecovers((f) -> f.next(Endpoint.DATA, 1).kiwoomError(3, MSG_8031))));
		rows.add(row("data return_code 3 [8103]",
				dataRecovers((f) -> f.next(Endpoint.DATA, 1).kiwoomError(3, MSG_8103))));
		rows.add(row("data return_code 3 [8010]",
				dataRecovers((f) -> f.next(Endpoint.DATA, 1).kiwoomError(3, MSG_8010))));
		rows.add(row("data HTTP 401", dataRecovers((f) -> f.next(Endpoint.DATA, 1).httpStatus(401))));
		rows.add(row("data 8005 again after the retry", FaultMatrixTests::rejectedTwice));
		rows.add(row("data HTTP 500 (never retried)", dataFails((f) -> f.next(Endpoint.DATA, 1).httpStatus(500),
				KiwoomErrorKind.SERVER_ERROR, "ka10001 (/api/dostk/stkinfo) failed: Kiwoom answered HTTP 500")));
		rows.add(row("data return_code 5 [1700] (sent again twice, then RATE_LIMITED)",
				FaultMatrixTests::rateRefusedThrice));
		rows.add(row("data hung server", FaultMatrixTests::hungDataCall));
		for (ReissueBehavior behavior : ReissueBehavior.values()) {
			rows.add(row("re-issue " + behavior + ": spurious 8005 on a valid token", behavior,
					dataRecovers((f) -> f.next(Endpoint.DATA, 1).kiwoomError(3, MSG_8005))));
			rows.add(row("re-issue " + behavior + ": two applications share one key", behavior,
					(run) -> twoApplicationsShareAKey(run, behavior)));
		}
		rows.add(row("renewal failing while the old token is valid", FaultMatrixTests::renewalFailsWhileTokenValid));
		for (String zone : new String[] { "UTC", "Asia/Seoul", "America/New_York" }) {
			rows.add(row("JVM zone " + zone, (run) -> inZone(run, zone)));
		}
		return rows.stream().map((row) -> Arguments.of(Named.of(row.name(), row)));
	}

	// ---- au10001

	private static Exercise issueFails(Consumer<Faults> fault, KiwoomErrorKind kind, int attempts,
			String... fragments) {
		return (run) -> {
			fault.accept(run.simulator().faults());
			StarterApplication application = run.start();
			KiwoomAuthException ex = catchThrowableOfType(KiwoomAuthException.class, application::stockInfo);
			assertThat(ex).as("typed error").isNotNull();
			run.shown(ex.getMessage());
			assertThat(ex.getKind()).isEqualTo(kind);
			assertThat(ex.getMessage()).contains(fragments);
			if (kind != KiwoomErrorKind.MALFORMED_RESPONSE) {
				assertThat(ex.getMessage()).contains(kind.advice());
			}
			assertThat(run.simulator().requests(TOKEN_PATH)).as("au10001 attempts").hasSize(attempts);
			assertThat(run.simulator().requests(STOCK_PATH)).as("data calls sent").isEmpty();
			run.shutdown(application);
			assertThat(run.simulator().requests(REVOKE_PATH)).as("au10002 without a token").isEmpty();
			return "KiwoomAuthException " + kind + " after " + attempts + " au10001: `" + ex.getMessage() + "`";
		};
	}

	private static Exercise issueRecovers(Consumer<Faults> fault, int attempts) {
		return (run) -> {
			fault.accept(run.simulator().faults());
			StarterApplication application = run.start();
			assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
			assertThat(run.simulator().requests(TOKEN_PATH)).as("au10001 attempts").hasSize(attempts);
			String token = application.tokenProvider().currentToken().orElseThrow().value();
			run.shutdown(application);
			assertThat(run.simulator().revokedTokens()).containsExactly(token);
			return "recovered: the call succeeded after " + attempts + " au10001; token revoked on shutdown";
		};
	}

	private static Exercise scripted(ScriptedBody body, KiwoomErrorKind kind, String fragment) {
		return (run) -> issueFails((f) -> f.rawBody(Endpoint.TOKEN, 200, body.text(run)), kind, 1, fragment).run(run);
	}

	private static Exercise variantAnswer(AnswerTemplate template) {
		return (run) -> {
			JsonNode issued = run.issueDirectly();
			String token = issued.get("token").asString();
			String answer = template.answer(token, issued.get("expires_dt").asString());
			run.simulator().faults().next(Endpoint.TOKEN, 1).rawBody(200, answer);
			StarterApplication application = run.start();
			assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
			assertThat(run.simulator().requests(TOKEN_PATH)).hasSize(1);
			assertThat(run.simulator().requests(STOCK_PATH)).singleElement()
				.satisfies((request) -> assertThat(request.header("authorization")).isEqualTo("Bearer " + token));
			run.shutdown(application);
			assertThat(run.simulator().revokedTokens()).containsExactly(token);
			return "recovered: token accepted (" + answer.length() + " chars), sent as `Bearer <token>`, revoked";
		};
	}

	private static String connectionRefusedOnIssue(FaultRun run) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		StarterApplication application = run.startAt("http://127.0.0.1:" + port);
		long start = System.nanoTime();
		KiwoomAuthException ex = catchThrowableOfType(KiwoomAuthException.class, application::stockInfo);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(ex).as("typed error").isNotNull();
		run.shown(ex.getMessage());
		assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.IO_ERROR);
		assertThat(ex.getMessage()).contains("au10001 (issue access token) failed", "ConnectException",
				"check kiwoom.host");
		assertThat(took).as("retried with back-off, bounded").isLessThan(Duration.ofSeconds(6));
		run.shutdown(application);
		return "KiwoomAuthException IO_ERROR after 3 retries (" + took.toMillis() + " ms): `" + ex.getMessage() + "`";
	}

	private static String hungIssueDuringShutdown(FaultRun run) throws Exception {
		run.simulator().faults().hang(Endpoint.TOKEN);
		StarterApplication application = run.start();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<?> call = executor.submit(application::stockInfo);
			await().atMost(Duration.ofSeconds(5)).until(() -> !run.simulator().requests(TOKEN_PATH).isEmpty());
			Duration shutdown = run.shutdown(application);
			Throwable failure = catchThrowableOfType(java.util.concurrent.ExecutionException.class, call::get)
				.getCause();
			run.shown(String.valueOf(failure.getMessage()));
			assertThat(failure).isInstanceOf(KiwoomAuthException.class);
			assertThat(run.simulator().requests(REVOKE_PATH)).isEmpty();
			return "shutdown not held (" + shutdown.toMillis() + " ms); the hung call failed with "
					+ ((KiwoomAuthException) failure).getKind() + "; nothing to revoke";
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static String callAfterShutdown(FaultRun run) {
		StarterApplication application = run.start();
		KiwoomClient client = application.client();
		assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
		run.shutdown(application);
		KiwoomAuthException ex = catchThrowableOfType(KiwoomAuthException.class,
				() -> client.post("ka10001", STOCK_PATH, Map.of("stk_cd", "005930"), Map.class));
		assertThat(ex).isNotNull();
		run.shown(ex.getMessage());
		assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.CLOSED);
		assertThat(run.simulator().requests(TOKEN_PATH)).hasSize(1);
		return "KiwoomAuthException CLOSED, no au10001 after shutdown: `" + ex.getMessage() + "`";
	}

	// ---- au10002

	private static Exercise revokeFails(Consumer<Faults> fault, String... fragments) {
		return (run) -> {
			StarterApplication application = run.start();
			assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
			AccessToken token = application.tokenProvider().currentToken().orElseThrow();
			fault.accept(run.simulator().faults());
			Duration shutdown = run.shutdown(application);
			String warning = warningLine(run.output(), "Revoking Kiwoom access token " + token.masked());
			assertThat(warning).contains(fragments).contains("expires by itself");
			assertThat(run.simulator().requests(REVOKE_PATH)).as("au10002 attempts").hasSize(1);
			assertThat(run.simulator().revokedTokens()).isEmpty();
			return "warning, shutdown " + shutdown.toMillis() + " ms: `"
					+ warning.substring(warning.indexOf("Revoking")) + "`";
		};
	}

	private static Exercise revokeAccepted(Consumer<Faults> fault) {
		return (run) -> {
			StarterApplication application = run.start();
			assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
			AccessToken token = application.tokenProvider().currentToken().orElseThrow();
			fault.accept(run.simulator().faults());
			run.shutdown(application);
			assertThat(run.output().getAll()).contains("Revoked Kiwoom access token " + token.masked());
			assertThat(run.simulator().requests(REVOKE_PATH)).hasSize(1);
			return "counted as revoked (`Revoked Kiwoom access token " + token.masked() + "`)";
		};
	}

	private static String connectionRefusedOnRevoke(FaultRun run) {
		StarterApplication application = run.start();
		assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
		AccessToken token = application.tokenProvider().currentToken().orElseThrow();
		run.simulator().close();
		Duration shutdown = run.shutdown(application);
		String warning = warningLine(run.output(), "Revoking Kiwoom access token " + token.masked());
		assertThat(warning).contains("au10002 (revoke access token) failed", "ConnectException");
		return "warning, shutdown " + shutdown.toMillis() + " ms: `" + warning.substring(warning.indexOf("Revoking"))
				+ "`";
	}

	private static String revokeTurnedOff(FaultRun run) {
		StarterApplication application = run.start("kiwoom.token.revoke-on-shutdown=false");
		assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
		run.shutdown(application);
		assertThat(run.simulator().requests(REVOKE_PATH)).isEmpty();
		return "no au10002 sent";
	}

	// ---- data calls

	private static Exercise dataRecovers(Consumer<Faults> fault) {
		return (run) -> {
			StarterApplication application = run.start();
			assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
			fault.accept(run.simulator().faults());
			assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
			assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
			assertThat(run.simulator().requests(TOKEN_PATH)).as("au10001").hasSize(2);
			assertThat(run.simulator().requests(STOCK_PATH)).as("data requests (one retry)").hasSize(4);
			long tokens = run.simulator()
				.requests(STOCK_PATH)
				.stream()
				.map((request) -> request.header("authorization"))
				.distinct()
				.count();
			return "recovered: 1 re-issue, the rejected call retried once (" + tokens + " distinct token(s) used)";
		};
	}

	private static String rateRefusedThrice(FaultRun run) {
		StarterApplication application = run.start();
		run.simulator().faults().next(Endpoint.DATA, 3).kiwoomError(5, MSG_1700);
		KiwoomApiException ex = catchThrowableOfType(KiwoomApiException.class, application::stockInfo);
		assertThat(ex).as("typed error").isNotNull();
		run.shown(ex.getMessage());
		assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.RATE_LIMITED);
		assertThat(ex.getMessage()).contains("code 1700");
		assertThat(run.simulator().requests(STOCK_PATH)).as("sent, then sent again twice").hasSize(3);
		return "KiwoomApiException RATE_LIMITED after the call was sent again twice (kiwoom.rate-limit.retries): `"
				+ ex.getMessage() + "`";
	}

	private static Exercise dataFails(Consumer<Faults> fault, KiwoomErrorKind kind, String fragment) {
		return (run) -> {
			StarterApplication application = run.start();
			fault.accept(run.simulator().faults());
			KiwoomApiException ex = catchThrowableOfType(KiwoomApiException.class, application::stockInfo);
			assertThat(ex).as("typed error").isNotNull();
			run.shown(ex.getMessage());
			assertThat(ex.getKind()).isEqualTo(kind);
			assertThat(ex.getMessage()).contains(fragment);
			assertThat(run.simulator().requests(STOCK_PATH)).as("sent once, not retried").hasSize(1);
			assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
			return "KiwoomApiException " + kind + ", not retried; next call fine: `" + ex.getMessage() + "`";
		};
	}

	private static String rejectedTwice(FaultRun run) {
		StarterApplication application = run.start();
		assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
		run.simulator().faults().next(Endpoint.DATA, 2).kiwoomError(3, MSG_8005);
		KiwoomApiException ex = catchThrowableOfType(KiwoomApiException.class, application::stockInfo);
		assertThat(ex).isNotNull();
		run.shown(ex.getMessage());
		assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.TOKEN_REJECTED);
		assertThat(ex.getMessage()).contains("code 8005", KiwoomErrorKind.TOKEN_REJECTED.advice());
		assertThat(run.simulator().requests(STOCK_PATH)).as("first call + rejected call + one retry").hasSize(3);
		assertThat(run.simulator().requests(TOKEN_PATH)).hasSize(2);
		assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
		return "KiwoomApiException TOKEN_REJECTED after exactly one retry; next call fine: `" + ex.getMessage() + "`";
	}

	private static String hungDataCall(FaultRun run) {
		StarterApplication application = run.start();
		assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
		run.simulator().faults().next(Endpoint.DATA, 1).hang();
		long start = System.nanoTime();
		KiwoomApiException ex = catchThrowableOfType(KiwoomApiException.class, application::stockInfo);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(ex).isNotNull();
		run.shown(ex.getMessage());
		assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.IO_ERROR);
		assertThat(ex.getMessage()).contains("ka10001", "kiwoom.read-timeout");
		assertThat(took).isLessThan(StarterApplication.READ_TIMEOUT.plusSeconds(1));
		assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
		return "KiwoomApiException IO_ERROR after " + took.toMillis() + " ms (read timeout): `" + ex.getMessage() + "`";
	}

	private static String invalidatedMidTraffic(FaultRun run) throws Exception {
		StarterApplication application = run.start();
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<CompletableFuture<Integer>> workers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				workers.add(CompletableFuture.supplyAsync(() -> {
					for (int call = 0; call < 60; call++) {
						assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
					}
					return 60;
				}, executor));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> run.simulator().requests(STOCK_PATH).size() > 100);
			run.simulator().invalidateAllTokens();
			int calls = workers.stream().mapToInt(CompletableFuture::join).sum();
			assertThat(run.simulator().requests(TOKEN_PATH)).as("one re-issue for the burst of 8005").hasSize(2);
			assertThat(run.simulator().maxConcurrentIssues()).isEqualTo(1);
			return "recovered: " + calls + " calls, 0 failed, 1 re-issue";
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static String twoApplicationsShareAKey(FaultRun run, ReissueBehavior behavior) {
		StarterApplication first = run.start();
		StarterApplication second = run.start();
		for (int i = 0; i < 3; i++) {
			assertThat(first.stockInfo()).containsEntry("stk_nm", "삼성전자");
			assertThat(second.stockInfo()).containsEntry("stk_nm", "삼성전자");
		}
		int issues = run.simulator().requests(TOKEN_PATH).size();
		switch (behavior) {
			case FRESH, SAME_TOKEN -> assertThat(issues).isEqualTo(2);
			case FRESH_KILLS_OLD -> assertThat(issues).as("at most one issue per call").isBetween(2, 6);
		}
		run.shutdown(second);
		run.shutdown(first);
		return "6 calls from 2 applications, 0 failed, " + issues + " au10001";
	}

	private static String renewalFailsWhileTokenValid(FaultRun run) {
		KiwoomSimulator simulator = run.simulator();
		simulator.tokenLifetime(Duration.ofSeconds(32));
		simulator.clock().set(Instant.now());
		StarterApplication application = run.start("kiwoom.token.renew-before=16s", "kiwoom.token.renew-jitter=0s");
		assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
		AccessToken old = application.tokenProvider().currentToken().orElseThrow();
		simulator.faults().httpStatus(Endpoint.TOKEN, 400);
		await().atMost(Duration.ofSeconds(25))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> run.output().getAll().contains("Renewing Kiwoom access token " + old.masked() + " failed"));
		assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
		assertThat(lastAuthorization(simulator)).isEqualTo("Bearer " + old.value());
		simulator.faults().clear();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> !application.tokenProvider().currentToken().orElseThrow().equals(old));
		assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
		assertThat(lastAuthorization(simulator)).isNotEqualTo("Bearer " + old.value());
		int issues = simulator.requests(TOKEN_PATH).size();
		assertThat(issues).as("first issue, failed renewal(s), successful renewal").isGreaterThanOrEqualTo(3);
		return "old token served while renewal failed (HTTP 400, warning logged); renewed on the back-off retry; "
				+ issues + " au10001";
	}

	private static String inZone(FaultRun run, String zone) {
		TimeZone original = TimeZone.getDefault();
		TimeZone.setDefault(TimeZone.getTimeZone(zone));
		try {
			KiwoomSimulator simulator = run.simulator();
			simulator.clock().set(Instant.now());
			simulator.tokenLifetime(Duration.ofHours(4));
			StarterApplication application = run.start();
			assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
			Instant expected = simulator.clock().instant().plus(Duration.ofHours(4)).truncatedTo(ChronoUnit.SECONDS);
			AccessToken token = application.tokenProvider().currentToken().orElseThrow();
			assertThat(token.expiresAt()).isEqualTo(expected);
			assertThat(run.output().getAll()).doesNotContain("is the clock right?");
			run.shutdown(application);
			assertThat(simulator.revokedTokens()).containsExactly(token.value());
			return "expires_dt read as Asia/Seoul: expiry "
					+ Duration.between(Instant.now(), token.expiresAt()).toMinutes()
					+ " min ahead (token of 4 h), revoked on shutdown";
		}
		finally {
			TimeZone.setDefault(original);
		}
	}

	// ---- helpers

	private static String lastAuthorization(KiwoomSimulator simulator) {
		List<RecordedRequest> requests = simulator.requests(STOCK_PATH);
		return requests.get(requests.size() - 1).header("authorization");
	}

	private static String warningLine(CapturedOutput output, String start) {
		return output.getAll()
			.lines()
			.filter((line) -> line.contains(start) && line.contains("WARN"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No warning starting '" + start + "' in:\n" + output.getAll()));
	}

	private static String expiresDt(Duration fromNow) {
		return java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
			.withZone(AccessToken.KIWOOM_ZONE)
			.format(Instant.now().plus(fromNow));
	}

	private static Row row(String name, Exercise exercise) {
		return new Row(name, ReissueBehavior.FRESH, exercise);
	}

	private static Row row(String name, ReissueBehavior behavior, Exercise exercise) {
		return new Row(name, behavior, exercise);
	}

	/**
	 * One case of the matrix.
	 */
	record Row(String name, ReissueBehavior reissueBehavior, Exercise exercise) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	/**
	 * What a row does; returns the outcome for the report.
	 */
	@FunctionalInterface
	interface Exercise {

		String run(FaultRun run) throws Exception;

	}

	/**
	 * A scripted au10001 answer.
	 */
	@FunctionalInterface
	interface ScriptedBody {

		String text(FaultRun run);

	}

	/**
	 * An au10001 answer built around a real token.
	 */
	@FunctionalInterface
	interface AnswerTemplate {

		String answer(String token, String expiresDt);

	}

}
