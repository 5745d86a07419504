package io.github.ktrader.kiwoom.auth.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.ktrader.kiwoom.auth.test.SimulatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link KiwoomSimulator}'s lifecycle and settings.
 */
class KiwoomSimulatorTests {

	@Test
	void listensOnLoopbackAtRandomPort() {
		try (KiwoomSimulator simulator = KiwoomSimulator.start()) {
			assertThat(simulator.port()).isPositive();
			assertThat(simulator.url()).isEqualTo("http://127.0.0.1:" + simulator.port());
			assertThat(new SimulatorClient(simulator).issue().returnCode()).isZero();
		}
	}

	@Test
	void listensOnGivenPort() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (KiwoomSimulator simulator = KiwoomSimulator.builder().port(port).start()) {
			assertThat(simulator.url()).isEqualTo("http://127.0.0.1:" + port);
		}
	}

	@Test
	void failsToStartOnPortInUse() {
		try (KiwoomSimulator simulator = KiwoomSimulator.start()) {
			assertThatExceptionOfType(UncheckedIOException.class)
				.isThrownBy(() -> KiwoomSimulator.builder().port(simulator.port()).start())
				.withMessageContaining(String.valueOf(simulator.port()));
		}
	}

	@Test
	void defaultKeysAreRandom() {
		try (KiwoomSimulator first = KiwoomSimulator.start(); KiwoomSimulator second = KiwoomSimulator.start()) {
			assertThat(first.appkey()).startsWith("sim-app-").isNotEqualTo(second.appkey());
			assertThat(first.secretkey()).startsWith("sim-secret-").isNotEqualTo(second.secretkey());
		}
	}

	@Test
	void builderSetsKeysAndClock() {
		SimulatorClock clock = new SimulatorClock();
		try (KiwoomSimulator simulator = KiwoomSimulator.builder()
			.appkey("my-app")
			.secretkey("my-secret")
			.clock(clock)
			.start()) {
			assertThat(simulator.appkey()).isEqualTo("my-app");
			assertThat(simulator.secretkey()).isEqualTo("my-secret");
			assertThat(simulator.clock()).isSameAs(clock);
		}
	}

	@Test
	void builderChecksArguments() {
		assertThatIllegalArgumentException().isThrownBy(() -> KiwoomSimulator.builder().port(65536));
		assertThatIllegalArgumentException().isThrownBy(() -> KiwoomSimulator.builder().appkey(""));
		assertThatIllegalArgumentException().isThrownBy(() -> KiwoomSimulator.builder().tokenLifetime(Duration.ZERO));
	}

	@Test
	void closeStopsAnswering() {
		KiwoomSimulator simulator = KiwoomSimulator.start();
		SimulatorClient client = new SimulatorClient(simulator);
		simulator.close();
		simulator.close();
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(client::issue)
			.withCauseInstanceOf(ConnectException.class);
	}

	@Test
	void closeAbandonsHungRequestsPromptly() throws Exception {
		KiwoomSimulator simulator = KiwoomSimulator.start();
		simulator.faults().hang(Endpoint.TOKEN);
		CompletableFuture<Response> hung = new SimulatorClient(simulator).issueAsync();
		await().atMost(Duration.ofSeconds(5)).until(() -> simulator.requests().size() == 1);
		long start = System.nanoTime();
		simulator.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> hung.get(5, TimeUnit.SECONDS))
			.withCauseInstanceOf(IOException.class);
	}

	@Test
	void threadsAreDaemons() {
		try (KiwoomSimulator simulator = KiwoomSimulator.start()) {
			new SimulatorClient(simulator).issue();
			assertThat(Thread.getAllStackTraces().keySet()).filteredOn((thread) -> isSimulatorThread(thread))
				.isNotEmpty()
				.allSatisfy((thread) -> assertThat(thread.isDaemon()).as(thread.getName()).isTrue());
		}
	}

	@Test
	void toStringShowsUrlButNoKeys() {
		try (KiwoomSimulator simulator = KiwoomSimulator.start()) {
			assertThat(simulator).hasToString("KiwoomSimulator[" + simulator.url() + "]");
			assertThat(KiwoomSimulator.builder().secretkey("top-secret").toString()).doesNotContain("top-secret");
		}
	}

	private static boolean isSimulatorThread(Thread thread) {
		return thread.getName().startsWith("kiwoom-simulator-") || thread.getName().startsWith("HTTP-Dispatcher");
	}

}
