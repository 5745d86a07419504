package io.github.ktrader.kiwoom.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.RealtimeSimulator;
import io.github.ktrader.kiwoom.auth.test.TokenDeathPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the sample's real-time mode ({@code --sample.realtime}) against the simulator's
 * socket given as {@code --kiwoom.realtime.url}, as against any server, with faults
 * scripted mid-run.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleRealtimeTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final Pattern LINE = Pattern.compile("(?m)^REAL 0B (\\S+) (\\S+) (\\S+)$");

	private final KiwoomSimulator kiwoom = KiwoomSimulator.start();

	private final RealtimeSimulator socket = this.kiwoom.realtime();

	@BeforeEach
	void fastTicks() {
		this.socket.setTickInterval(Duration.ofMillis(50));
		this.socket.setOnTokenDeath(TokenDeathPolicy.CLOSE);
	}

	@AfterEach
	void stop() {
		this.kiwoom.close();
	}

	private String[] args(String duration, String... more) {
		List<String> args = new ArrayList<>(List.of("--kiwoom.host=" + this.kiwoom.url(),
				"--kiwoom.appkey=" + this.kiwoom.appkey(), "--kiwoom.secretkey=" + this.kiwoom.secretkey(),
				"--kiwoom.realtime.url=" + this.kiwoom.realtimeUrl(),
				"--kiwoom.realtime.reconnect.initial-interval=50ms", "--kiwoom.realtime.reconnect.jitter=10ms",
				"--kiwoom.token.revoke-timeout=3s", "--sample.realtime=005930,000660",
				"--sample.realtime-duration=" + duration));
		args.addAll(List.of(more));
		return args.toArray(String[]::new);
	}

	private CompletableFuture<Integer> runInBackground(String... args) {
		return CompletableFuture.supplyAsync(() -> SampleApplication.run(args));
	}

	@Test
	void printsEveryTradeInKiwoomsOwnStringsThenClosesTheSocketBeforeTheOneRevoke(CapturedOutput output)
			throws Exception {
		// au10002 is held for 2 s: a socket closed only after the revoke would stay open
		// all that time; one closed before it is gone from the server a moment after the
		// request arrives (the server notices the TCP close a little after the client)
		this.kiwoom.faults().delay(Endpoint.REVOKE, Duration.ofSeconds(2));
		List<Integer> openAtRevoke = new CopyOnWriteArrayList<>();
		CompletableFuture<Integer> run = runInBackground(args("3s"));
		await().atMost(WAIT).until(() -> trades(output).size() >= 4);
		this.socket.push("0B", "005930", Map.of("10", "-0060700", "13", "999999999", "20", "090001"));
		// Kiwoom sometimes sends a frame with an entry per item: still one line per trade
		this.socket.setBatchTicks(true);
		int beforeBatches = trades(output).size();
		await().atMost(WAIT).until(() -> trades(output).size() >= beforeBatches + 6);
		CompletableFuture.runAsync(() -> {
			await().atMost(WAIT)
				.pollInterval(Duration.ofMillis(5))
				.until(() -> !this.kiwoom.requests("/oauth2/revoke").isEmpty());
			long heldUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
			while (this.socket.openSessions() > 0 && System.nanoTime() < heldUntil) {
				LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
			}
			openAtRevoke.add(this.socket.openSessions());
		});
		assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
		assertThat(output.getOut()).contains("REAL 0B 005930 -0060700 999999999");
		List<String[]> trades = trades(output);
		assertThat(trades).extracting((trade) -> trade[0]).contains("005930", "000660");
		assertThat(output.getOut().lines().filter((line) -> line.startsWith("REAL")))
			.allMatch((line) -> line.matches("REAL 0B (005930|000660) [+-]?\\d+ \\d+"));
		assertAccumulatedVolumeRises(trades.stream().filter((trade) -> !trade[2].equals("999999999")).toList());
		assertThat(output.getOut()).doesNotContain("삼성전자 +").doesNotContain("page 1");
		await().atMost(WAIT).until(() -> !openAtRevoke.isEmpty());
		assertThat(openAtRevoke).containsExactly(0);
		assertThat(this.kiwoom.requests("/oauth2/revoke")).hasSize(1);
		assertThat(this.kiwoom.issuedCount()).isOne();
		assertThat(this.kiwoom.requests()).noneMatch((request) -> request.path().startsWith("/api/"));
		assertThat(output.getAll()).doesNotContain(this.kiwoom.appkey())
			.doesNotContain(this.kiwoom.secretkey())
			.doesNotContain(this.socket.loggedInTokens().get(0));
	}

	@Test
	void killedTokenClosesTheSessionAndTradesGoOnAfterOneNewToken(CapturedOutput output) throws Exception {
		CompletableFuture<Integer> run = runInBackground(args("6s"));
		await().atMost(WAIT).until(() -> trades(output).size() >= 4);
		String first = this.socket.loggedInTokens().get(0);
		this.kiwoom.invalidate(first);
		int atKill = trades(output).size();
		await().atMost(WAIT)
			.until(() -> this.socket.loggedInTokens().stream().anyMatch((token) -> !token.equals(first)));
		await().atMost(WAIT).until(() -> trades(output).size() >= atKill + 10);
		assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
		assertThat(this.kiwoom.issuedCount()).as("au10001").isEqualTo(2);
		List<String> tokens = this.socket.loggedInTokens();
		String second = tokens.get(tokens.size() - 1);
		assertThat(tokens).containsOnly(first, second);
		assertThat(this.kiwoom.revokedTokens()).containsExactly(second);
		assertThat(this.kiwoom.requests("/oauth2/revoke")).hasSize(1);
		assertAccumulatedVolumeRises(trades(output));
	}

	@Test
	void droppedConnectionIssuesNoTokenAndTradesGoOn(CapturedOutput output) throws Exception {
		CompletableFuture<Integer> run = runInBackground(args("5s"));
		await().atMost(WAIT).until(() -> trades(output).size() >= 4);
		this.socket.drop();
		await().atMost(WAIT).until(() -> this.socket.loginCount() == 2);
		int atReconnect = trades(output).size();
		await().atMost(WAIT).until(() -> trades(output).size() >= atReconnect + 10);
		assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
		assertThat(this.kiwoom.issuedCount()).as("au10001").isOne();
		assertThat(this.socket.connectionCount()).as("connections").isEqualTo(2);
		assertThat(this.socket.loggedInTokens()).hasSize(2).containsOnly(this.socket.loggedInTokens().get(0));
		assertThat(output.getAll()).contains("Real-time socket was away from");
		assertAccumulatedVolumeRises(trades(output));
	}

	@Test
	void everyPingIsAnswered(CapturedOutput output) throws Exception {
		// Only the PINGs sent here, each echoed before the next goes out
		this.socket.setPingInterval(Duration.ZERO);
		CompletableFuture<Integer> run = runInBackground(args("4s"));
		await().atMost(WAIT).until(() -> trades(output).size() >= 2);
		int pings = 10;
		for (int i = 1; i <= pings; i++) {
			this.socket.ping();
			long echoed = i;
			await().atMost(WAIT).until(() -> this.socket.pongCount() >= echoed);
		}
		assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
		assertThat(this.socket.pongCount()).isEqualTo(pings);
		assertThat(this.socket.receivedFrames()).filteredOn((frame) -> frame.contains("PING"))
			.hasSize(pings)
			.allSatisfy((frame) -> assertThat(frame).isEqualTo("{\"trnm\":\"PING\"}"));
		assertThat(this.socket.loginCount()).isOne();
	}

	@Test
	void kickByAnotherProcessIssuesNoTokenAndDoesNotTakeTheSocketBack(CapturedOutput output) throws Exception {
		CompletableFuture<Integer> run = runInBackground(args("4s"));
		await().atMost(WAIT).until(() -> trades(output).size() >= 4);
		this.socket.kick();
		assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
		assertThat(this.kiwoom.issuedCount()).as("au10001").isOne();
		assertThat(this.socket.loginCount()).as("logins").isOne();
		assertThat(this.socket.connectionCount()).as("connections").isOne();
		assertThat(this.kiwoom.requests("/oauth2/revoke")).hasSize(1);
	}

	@Test
	void marketWithoutTradesExitsZeroWithAWarning(CapturedOutput output) {
		this.socket.setTickInterval(Duration.ZERO);
		assertThat(SampleApplication.run(args("1s"))).isZero();
		assertThat(trades(output)).isEmpty();
		assertThat(output.getAll()).contains("No real-time trade of 005930,000660 arrived in PT1S")
			.contains("the market is probably closed");
	}

	@Test
	void socketThatNeverLogsInFailsTheRun(CapturedOutput output) {
		this.socket.refuseNextLogins(100, 8050);
		assertThat(SampleApplication.run(args("1s"))).isOne();
		assertThat(this.socket.loginCount()).as("refused logins").isPositive();
		assertThat(output.getAll()).contains("The real-time socket did not log in (state FAILED")
			.contains("8050")
			.contains("check kiwoom.realtime.url and the keys");
		assertThat(this.kiwoom.issuedCount()).as("au10001").isOne();
	}

	@Test
	void withoutHostTradesComeFromTheEmbeddedSimulator(CapturedOutput output) {
		assertThat(SampleApplication.run("--sample.realtime=005930", "--sample.realtime-duration=1s")).isZero();
		assertThat(trades(output)).isNotEmpty().allMatch((trade) -> trade[0].equals("005930"));
		assertThat(output.getAll()).contains("real-time socket ws://127.0.0.1:")
			.containsPattern("Revoked Kiwoom access token \\S{4}\\*{4}");
		assertThat(this.kiwoom.requests()).isEmpty();
	}

	private static List<String[]> trades(CapturedOutput output) {
		List<String[]> trades = new ArrayList<>();
		Matcher matcher = LINE.matcher(output.getOut());
		while (matcher.find()) {
			trades.add(new String[] { matcher.group(1), matcher.group(2), matcher.group(3) });
		}
		return trades;
	}

	private static void assertAccumulatedVolumeRises(List<String[]> trades) {
		Map<String, Long> last = new HashMap<>();
		for (String[] trade : trades) {
			long volume = Long.parseLong(trade[2]);
			Long before = last.put(trade[0], volume);
			if (before != null) {
				assertThat(volume).as("FID 13 of %s", trade[0]).isGreaterThan(before);
			}
		}
		assertThat(last).isNotEmpty();
	}

}
