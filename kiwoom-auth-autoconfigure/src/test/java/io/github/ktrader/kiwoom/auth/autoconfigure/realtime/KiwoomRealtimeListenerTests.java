package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.metrics.KiwoomMetricsAutoConfiguration;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtimeListener;
import io.github.ktrader.kiwoom.auth.realtime.ReactiveKiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeEvent;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulatorExtension;
import io.github.ktrader.kiwoom.auth.test.RealtimeSimulator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@code @KiwoomRealtimeListener} methods, the Reactor API and the meters,
 * against the simulator's socket.
 */
@ExtendWith(KiwoomSimulatorExtension.class)
class KiwoomRealtimeListenerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final KiwoomSimulator kiwoom;

	private final RealtimeSimulator socket;

	KiwoomRealtimeListenerTests(KiwoomSimulator kiwoom) {
		this.kiwoom = kiwoom;
		this.socket = kiwoom.realtime();
	}

	@BeforeEach
	void reset() {
		this.kiwoom.invalidateAllTokens();
		this.socket.setTickInterval(Duration.ofMillis(50));
		this.socket.clearRecorded();
	}

	private ApplicationContextRunner app() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class,
					RestClientAutoConfiguration.class, JacksonAutoConfiguration.class,
					KiwoomRealtimeAutoConfiguration.class, KiwoomMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("kiwoom.host=" + this.kiwoom.url(), "kiwoom.appkey=" + this.kiwoom.appkey(),
					"kiwoom.secretkey=" + this.kiwoom.secretkey(), "kiwoom.realtime.url=" + this.kiwoom.realtimeUrl(),
					// A cut that the client's TCP stack misses is caught by the watchdog
					"kiwoom.realtime.idle-timeout=2s");
	}

	@Test
	void annotatedMethodsAreSubscribedAtStartupWithPlaceholdersResolved() {
		app().withUserConfiguration(Watcher.class).withPropertyValues("app.watch=005930, 000660").run((context) -> {
			await().atMost(WAIT).until(() -> this.socket.registered("0B").size() == 2);
			assertThat(this.socket.registered("0B")).containsExactlyInAnyOrder("005930", "000660");
			assertThat(this.socket.registered("00")).containsExactly("");
			Watcher watcher = context.getBean(Watcher.class);
			await().atMost(WAIT).until(() -> watcher.ticks.stream().map(RealtimeEvent::item).distinct().count() == 2);
			this.socket.push("00", "", Map.of("9203", "0000123", "913", "접수"));
			await().atMost(WAIT).until(() -> !watcher.orders.isEmpty());
			assertThat(watcher.orders.get(0).orderNumber()).hasValue("0000123");
		});
	}

	@Test
	void fluxSubscribesOnSubscribeAndUnsubscribesOnCancel() {
		app().run((context) -> {
			ReactiveKiwoomRealtime reactive = context.getBean(ReactiveKiwoomRealtime.class);
			List<RealtimeEvent> received = new CopyOnWriteArrayList<>();
			Disposable subscription = reactive.events("0B", List.of("005930")).subscribe(received::add);
			await().atMost(WAIT).until(() -> received.size() >= 3);
			assertThat(received).allSatisfy((event) -> assertThat(event.item()).isEqualTo("005930"));
			subscription.dispose();
			await().atMost(WAIT).until(() -> this.socket.registered("0B").isEmpty());
			assertThat(this.socket.regFrames()).last().asString().contains("REMOVE");
		});
	}

	@Test
	void metersCountFramesAndLoginsByAccount() {
		app().withUserConfiguration(Watcher.class).withPropertyValues("app.watch=005930").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(WAIT)
				.until(() -> registry.find("kiwoom.realtime.frames").tag("type", "0B").counter() != null
						&& registry.find("kiwoom.realtime.frames").tag("type", "0B").counter().count() >= 3);
			assertThat(registry.get("kiwoom.realtime.logins")
				.tag("outcome", "ok")
				.tag("account", "default")
				.counter()
				.count()).isOne();
			this.socket.drop();
			await().atMost(WAIT).until(() -> registry.find("kiwoom.realtime.gaps").counter() != null);
			// The JDK client sometimes notices a dropped TCP connection only when the
			// idle
			// watchdog (2 s here) gives up on it: either reason is the one reconnect.
			assertThat(registry.find("kiwoom.realtime.reconnects").counters())
				.allSatisfy((counter) -> assertThat(counter.getId().getTag("reason")).isIn("closed", "idle"))
				.extracting(Counter::count)
				.containsExactly(1.0);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Watcher {

		final List<RealtimeEvent> ticks = new CopyOnWriteArrayList<>();

		final List<RealtimeEvent> orders = new CopyOnWriteArrayList<>();

		@KiwoomRealtimeListener(type = "0B", items = "${app.watch}")
		void onTick(RealtimeEvent event) {
			this.ticks.add(event);
		}

		@KiwoomRealtimeListener(type = "00")
		void onOrder(RealtimeEvent event) {
			this.orders.add(event);
		}

	}

}
