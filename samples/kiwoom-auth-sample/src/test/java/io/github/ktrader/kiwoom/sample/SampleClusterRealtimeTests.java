package io.github.ktrader.kiwoom.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.RealtimeSimulator;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two sample processes in cluster mode printing real-time trades of one key, as a user
 * runs them: {@code java … --sample.realtime=005930 --kiwoom.token.store=redis}, each in
 * a JVM of its own, against a real {@code redis-server} and the simulator's socket, which
 * keeps one session per app key and kicks the older one with {@code R10001}. Both print
 * the trades of one socket; the holder is killed with {@code SIGKILL} and the other
 * prints trades again within the lease and a few seconds; the cluster issues one token,
 * and the last one out closes the socket, then revokes the token once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SampleClusterRealtimeTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	private static final Duration LEASE = Duration.ofSeconds(2);

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final String HOLDS = "this instance holds the cluster's real-time socket";

	private final KiwoomSimulator kiwoom = KiwoomSimulator.start();

	private final RealtimeSimulator socket = this.kiwoom.realtime();

	private final List<Sample> samples = new ArrayList<>();

	private final AtomicInteger mostOpenSessions = new AtomicInteger();

	private final AtomicBoolean sampling = new AtomicBoolean(true);

	@AfterEach
	void stop() throws InterruptedException {
		this.sampling.set(false);
		for (Sample sample : this.samples) {
			sample.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		this.kiwoom.close();
	}

	@Test
	void bothPrintTradesOfOneSocketAndTheSurvivorOfASigkillPrintsThemAgainWithinTheLease() throws Exception {
		this.socket.setTickInterval(Duration.ofMillis(50));
		// au10002 is held for 2 s: a socket closed only after the revoke would stay open
		// all that time
		this.kiwoom.faults().delay(Endpoint.REVOKE, Duration.ofSeconds(2));
		watchOpenSessions();
		Sample first = start("first");
		Sample second = start("second");
		await().atMost(STARTUP).until(() -> first.trades() >= 5 && second.trades() >= 5);

		// One socket for both: one connection, one LOGIN, one REG, so nobody was kicked
		assertThat(this.socket.connectionCount()).as("connections").isOne();
		assertThat(this.socket.loginCount()).as("logins").isOne();
		assertThat(this.socket.regFrames()).filteredOn((frame) -> frame.contains("\"REG\"")).hasSize(1);
		assertThat(this.socket.registered("0B")).containsExactly("005930");
		this.socket.push("0B", "005930", Map.of("10", "-0060700", "13", "999999999", "20", "090001"));
		await().atMost(WAIT)
			.until(() -> first.printed("REAL 0B 005930 -0060700 999999999")
					&& second.printed("REAL 0B 005930 -0060700 999999999"));
		Sample holder = first.printed(HOLDS) ? first : second;
		Sample survivor = (holder == first) ? second : first;
		assertThat(survivor.printed(HOLDS)).as("only one holds").isFalse();

		// The holder dies without a word: no close, no release, no revoke
		int before = survivor.trades();
		long killedAt = System.nanoTime();
		holder.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		await().atMost(LEASE.plusSeconds(10)).until(() -> survivor.trades() > before);
		Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
		await().atMost(WAIT).until(() -> survivor.trades() > before + 10);
		assertThat(takeover).as("from SIGKILL to the survivor's next trade").isLessThan(LEASE.plusSeconds(4));
		assertThat(survivor.printed(HOLDS)).isTrue();
		assertThat(survivor.printed("Real-time socket was away from")).as("the gap told").isTrue();
		assertThat(this.socket.loginCount()).as("logins").isEqualTo(2);
		assertThat(this.socket.loggedInTokens()).as("the shared token").containsOnly(token());
		assertThat(this.kiwoom.issuedCount()).as("au10001 across the run").isOne();
		assertThat(this.kiwoom.requests("/oauth2/revoke")).as("a killed process revokes nothing").isEmpty();

		// The last one out closes the socket, then revokes the token, once
		List<Integer> openAtRevoke = new CopyOnWriteArrayList<>();
		Thread revokeWatcher = new Thread(() -> {
			await().atMost(WAIT)
				.pollInterval(Duration.ofMillis(5))
				.until(() -> !this.kiwoom.requests("/oauth2/revoke").isEmpty());
			long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
			while (this.socket.openSessions() > 0 && System.nanoTime() < until) {
				Thread.onSpinWait();
			}
			openAtRevoke.add(this.socket.openSessions());
		});
		revokeWatcher.start();
		survivor.process.destroy();
		assertThat(survivor.process.waitFor(20, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
		revokeWatcher.join(Duration.ofSeconds(20).toMillis());
		assertThat(openAtRevoke).as("sessions open when au10002 arrived").containsExactly(0);
		assertThat(this.kiwoom.requests("/oauth2/revoke")).as("au10002").hasSize(1);
		assertThat(this.kiwoom.revokedTokens()).containsExactly(token());
		assertThat(this.kiwoom.issuedCount()).as("au10001 across the run").isOne();
		assertThat(this.mostOpenSessions).as("sessions open at once").hasValue(1);
		for (Sample sample : List.of(first, second)) {
			assertThat(sample.output()).as(sample.name)
				.doesNotContain("R10001")
				.doesNotContain("did not log in")
				.doesNotContain(this.kiwoom.appkey())
				.doesNotContain(this.kiwoom.secretkey())
				.doesNotContain(token());
		}
	}

	/**
	 * The token of the first LOGIN: compared, never printed.
	 */
	private String token() {
		return this.socket.loggedInTokens().get(0);
	}

	private void watchOpenSessions() {
		Thread watcher = new Thread(() -> {
			while (this.sampling.get()) {
				this.mostOpenSessions.accumulateAndGet(this.socket.openSessions(), Math::max);
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "open-sessions");
		watcher.setDaemon(true);
		watcher.start();
	}

	/**
	 * Start the sample in a JVM of its own, with the command line a user would type.
	 */
	private Sample start(String name) throws IOException {
		RedisServer redis = redisServer.server();
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
				SampleApplication.class.getName(), "--kiwoom.host=" + this.kiwoom.url(),
				"--kiwoom.appkey=" + this.kiwoom.appkey(), "--kiwoom.secretkey=" + this.kiwoom.secretkey(),
				"--kiwoom.realtime.url=" + this.kiwoom.realtimeUrl(), "--kiwoom.token.revoke-timeout=5s",
				"--sample.realtime=005930", "--sample.realtime-duration=5m", "--kiwoom.token.store=redis",
				"--kiwoom.token.redis.lease=" + LEASE.toSeconds() + "s", "--spring.data.redis.host=" + redis.host(),
				"--spring.data.redis.port=" + redis.port());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().keySet().removeIf((variable) -> variable.toUpperCase().startsWith("KIWOOM"));
		Sample sample = new Sample(name, builder.start());
		this.samples.add(sample);
		return sample;
	}

	/**
	 * One sample process and what it printed.
	 */
	private final class Sample {

		private final String name;

		private final Process process;

		private final List<String> lines = new CopyOnWriteArrayList<>();

		Sample(String name, Process process) {
			this.name = name;
			this.process = process;
			Thread reader = new Thread(this::read, "sample-" + name);
			reader.setDaemon(true);
			reader.start();
		}

		private void read() {
			try (BufferedReader output = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = output.readLine(); line != null; line = output.readLine()) {
					this.lines.add(line);
				}
			}
			catch (IOException ex) {
				// The process was stopped
			}
		}

		int trades() {
			return (int) this.lines.stream().filter((line) -> line.startsWith("REAL 0B 005930 ")).count();
		}

		boolean printed(String text) {
			return this.lines.stream().anyMatch((line) -> line.contains(text));
		}

		String output() {
			return String.join("\n", this.lines);
		}

	}

}
