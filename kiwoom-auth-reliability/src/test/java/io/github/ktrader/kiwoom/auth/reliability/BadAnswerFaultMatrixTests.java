package io.github.ktrader.kiwoom.auth.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.client.KiwoomApiException;
import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Fault matrix rows for bad answers: tokens that cannot be sent, answers too large to
 * read, and compressed answers that inflate past the bound. Each row runs a whole
 * application against the simulator (or, for compressed answers, mockwebserver3), and
 * asserts the typed error, that the next call works, that shutdown stays within its
 * budget and that no secret is shown.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadAnswerFaultMatrixTests {

	/**
	 * A bad au10001 answer starts the short cool-down for failures a retry may fix; these
	 * rows turn it off to show that the very next call issues a good token.
	 */
	private static final String NO_TRANSIENT_COOLDOWN = "kiwoom.token.transient-failure-cooldown=0s";

	private static final DateTimeFormatter EXPIRES_DT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT)
		.withZone(AccessToken.KIWOOM_ZONE);

	private static final String OK_MSG = "정상적으로 처리되었습니다";

	@Test
	void hugeToken(CapturedOutput output) throws Exception {
		rejectedToken(output, "HUGETOKEN" + randomHex() + "h".repeat(64 * 1024), "HUGETOKEN", "larger than 32768 bytes",
				KiwoomErrorKind.RESPONSE_TOO_LARGE);
	}

	@Test
	void tokenOfSomeKib(CapturedOutput output) throws Exception {
		rejectedToken(output, "LONGTOKEN" + randomHex() + "l".repeat(6000), "LONGTOKEN", "field 'token' is",
				KiwoomErrorKind.MALFORMED_RESPONSE);
	}

	@Test
	void tokenWithCrLf(CapturedOutput output) throws Exception {
		rejectedToken(output, "CRLFTOKEN" + randomHex() + "\\r\\nX-Injected: 1", "CRLFTOKEN",
				"field 'token' holds a character other than visible ASCII", KiwoomErrorKind.MALFORMED_RESPONSE);
	}

	@Test
	void tokenWithNonAscii(CapturedOutput output) throws Exception {
		rejectedToken(output, "KOREANTOKEN" + randomHex() + "토큰", "KOREANTOKEN",
				"field 'token' holds a character other than visible ASCII", KiwoomErrorKind.MALFORMED_RESPONSE);
	}

	@Test
	void oversizedAu10001Answer(CapturedOutput output) throws Exception {
		try (KiwoomSimulator simulator = simulator()) {
			FaultRun run = new FaultRun(simulator, output);
			try {
				simulator.faults()
					.next(Endpoint.TOKEN, 1)
					.rawBody(200, tokenAnswer(run.secret("PADDEDTOKEN" + randomHex()), "x".repeat(8 * 1024 * 1024)));
				StarterApplication application = run.start(NO_TRANSIENT_COOLDOWN);
				KiwoomAuthException ex = catchThrowableOfType(KiwoomAuthException.class, application::stockInfo);
				assertThat(ex).as("typed error").isNotNull();
				run.shown(ex.getMessage());
				assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.RESPONSE_TOO_LARGE);
				assertThat(ex.getApiId()).isEqualTo("au10001");
				assertThat(ex.getMessage()).contains("larger than 32768 bytes");
				assertThat(application.stockInfo()).as("next call, normal answer").containsEntry("stk_nm", "삼성전자");
			}
			finally {
				run.shutdownAll();
			}
			assertShutdownAndSecrets(run);
		}
	}

	@Test
	void oversizedDataAnswer(CapturedOutput output) throws Exception {
		try (KiwoomSimulator simulator = simulator()) {
			FaultRun run = new FaultRun(simulator, output);
			try {
				StarterApplication application = run.start("kiwoom.max-response-size=1MB");
				assertThat(application.stockInfo()).containsEntry("stk_nm", "삼성전자");
				simulator.faults()
					.next(Endpoint.DATA, 1)
					.rawBody(200, "{\"rows\":\"" + "1".repeat(2 * 1024 * 1024) + "\",\"return_code\":0}");
				KiwoomApiException ex = catchThrowableOfType(KiwoomApiException.class, application::stockInfo);
				assertThat(ex).as("typed error").isNotNull();
				run.shown(ex.getMessage());
				assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.RESPONSE_TOO_LARGE);
				assertThat(ex.getApiId()).isEqualTo("ka10001");
				assertThat(ex.getMessage()).contains("kiwoom.max-response-size", String.valueOf(1024 * 1024));
				assertThat(application.stockInfo()).as("next call").containsEntry("stk_nm", "삼성전자");
			}
			finally {
				run.shutdownAll();
			}
			assertShutdownAndSecrets(run);
		}
	}

	@Test
	void gzipBombOnADataCall(CapturedOutput output) throws Exception {
		try (KiwoomSimulator simulator = simulator(); MockWebServer server = new MockWebServer()) {
			server.start(InetAddress.getLoopbackAddress(), 0);
			FaultRun run = new FaultRun(simulator, output);
			String token = run.secret("GZIPTOKEN" + randomHex());
			server.enqueue(json(tokenAnswer(token, "")));
			server.enqueue(gzipBomb(256 * 1024 * 1024));
			server.enqueue(json("{\"return_code\":0,\"return_msg\":\"" + OK_MSG + "\"}"));
			try {
				StarterApplication application = run.startAt("http://127.0.0.1:" + server.getPort());
				long started = System.nanoTime();
				KiwoomApiException ex = catchThrowableOfType(KiwoomApiException.class, application::stockInfo);
				assertThat(ex).as("typed error").isNotNull();
				run.shown(ex.getMessage());
				assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.RESPONSE_TOO_LARGE);
				assertThat(ex.getMessage()).contains("kiwoom.max-response-size");
				assertThat(Duration.ofNanos(System.nanoTime() - started)).as("stops inflating at the bound")
					.isLessThan(Duration.ofSeconds(5));
			}
			finally {
				run.shutdownAll();
			}
			server.takeRequest();
			assertThat(server.takeRequest().getHeaders().values("Accept-Encoding")).contains("gzip");
			assertShutdownAndSecrets(run);
		}
	}

	@Test
	void gzipBombOnAu10001(CapturedOutput output) throws Exception {
		try (KiwoomSimulator simulator = simulator(); MockWebServer server = new MockWebServer()) {
			server.start(InetAddress.getLoopbackAddress(), 0);
			FaultRun run = new FaultRun(simulator, output);
			server.enqueue(gzipBomb(64 * 1024 * 1024));
			try {
				StarterApplication application = run.startAt("http://127.0.0.1:" + server.getPort());
				KiwoomException ex = catchThrowableOfType(KiwoomException.class, application::stockInfo);
				assertThat(ex).as("typed error").isNotNull();
				run.shown(ex.getMessage());
				assertThat(ex).isInstanceOf(KiwoomAuthException.class);
				assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.RESPONSE_TOO_LARGE);
				assertThat(ex.getApiId()).isEqualTo("au10001");
			}
			finally {
				run.shutdownAll();
			}
			assertShutdownAndSecrets(run);
		}
	}

	/**
	 * Kiwoom hands out a token that must not be used: the issue fails with the typed
	 * error, no token is cached or sent, and the next call issues again.
	 */
	private void rejectedToken(CapturedOutput output, String token, String marker, String fragment,
			KiwoomErrorKind kind) throws Exception {
		try (KiwoomSimulator simulator = simulator()) {
			FaultRun run = new FaultRun(simulator, output);
			try {
				run.secret(token.replace("\\r\\n", "\r\n"));
				run.secret(marker);
				simulator.faults().next(Endpoint.TOKEN, 1).rawBody(200, tokenAnswer(token, ""));
				StarterApplication application = run.start(NO_TRANSIENT_COOLDOWN);
				KiwoomAuthException ex = catchThrowableOfType(KiwoomAuthException.class, application::stockInfo);
				assertThat(ex).as("typed error").isNotNull();
				run.shown(ex.getMessage());
				assertThat(ex).isInstanceOf(KiwoomException.class);
				assertThat(ex.getKind()).isEqualTo(kind);
				assertThat(ex.getApiId()).isEqualTo("au10001");
				assertThat(ex.getMessage()).contains(fragment);
				assertThat(simulator.requests("/api/dostk/stkinfo")).as("no data call with that token").isEmpty();
				assertThat(application.stockInfo()).as("next call issues a good token").containsEntry("stk_nm", "삼성전자");
				assertThat(simulator.requests("/oauth2/token")).hasSize(2);
			}
			finally {
				run.shutdownAll();
			}
			assertShutdownAndSecrets(run);
		}
	}

	private static void assertShutdownAndSecrets(FaultRun run) {
		assertThat(run.shutdowns()).as("shutdown times").isNotEmpty();
		assertThat(run.shutdowns()).allSatisfy(
				(took) -> assertThat(took).as("shutdown").isLessThanOrEqualTo(StarterApplication.SHUTDOWN_BUDGET));
		run.assertNoSecretShown();
	}

	private static KiwoomSimulator simulator() {
		return KiwoomSimulator.builder()
			.appkey("BADANSWERAPPKEY" + randomHex())
			.secretkey("BADANSWERSECRET" + randomHex())
			.start();
	}

	/**
	 * Return an au10001 answer; {@code token} is written as JSON text, so escapes such as
	 * {@code \r\n} stay escapes.
	 */
	private static String tokenAnswer(String token, String padding) {
		return "{\"padding\":\"" + padding + "\",\"expires_dt\":\""
				+ EXPIRES_DT.format(Instant.now().plus(Duration.ofHours(24)))
				+ "\",\"token_type\":\"bearer\",\"token\":\"" + token + "\",\"return_code\":0,\"return_msg\":\""
				+ OK_MSG + "\"}";
	}

	private static MockResponse json(String body) {
		return new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "application/json;charset=UTF-8")
			.body(body)
			.build();
	}

	/**
	 * Return a few hundred KiB on the wire that inflate to {@code inflatedSize} bytes.
	 */
	private static MockResponse gzipBomb(int inflatedSize) throws IOException {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
			gzip.write("{\"rows\":\"".getBytes(StandardCharsets.US_ASCII));
			byte[] chunk = new byte[1024 * 1024];
			Arrays.fill(chunk, (byte) '0');
			for (int written = 0; written < inflatedSize; written += chunk.length) {
				gzip.write(chunk);
			}
			gzip.write("\"}".getBytes(StandardCharsets.US_ASCII));
		}
		return new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "application/json;charset=UTF-8")
			.setHeader("Content-Encoding", "gzip")
			.body(new Buffer().write(compressed.toByteArray()))
			.build();
	}

	private static String randomHex() {
		return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
	}

}
