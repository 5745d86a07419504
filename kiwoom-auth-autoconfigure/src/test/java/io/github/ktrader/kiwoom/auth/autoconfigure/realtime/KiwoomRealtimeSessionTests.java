package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.TokenRevoker;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.health.KiwoomHealthContributorAutoConfiguration;
import io.github.ktrader.kiwoom.auth.health.KiwoomHealthIndicator;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtimeEvent;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeEvent;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeGap;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeListener;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSession;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeState;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSubscription;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulatorExtension;
import io.github.ktrader.kiwoom.auth.test.RealtimeSimulator;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
import io.github.ktrader.kiwoom.auth.test.TokenDeathPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the real-time session against the simulator's socket on loopback: the token
 * it logs in with, PING echoes, reconnects, kicks and the shutdown order.
 */
@ExtendWith(KiwoomSimulatorExtension.class)
class KiwoomRealtimeSessionTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final KiwoomSimulator kiwoom;

	private final RealtimeSimulator socket;

	KiwoomRealtimeSessionTests(KiwoomSimulator kiwoom) {
		this.kiwoom = kiwoom;
		this.socket = kiwoom.realtime();
	}

	private int issuedBefore;

	@BeforeEach
	void reset() {
		this.issuedBefore = this.kiwoom.issuedCount();
		this.kiwoom.reissueBehavior(ReissueBehavior.FRESH);
		this.kiwoom.invalidateAllTokens();
		this.kiwoom.clearRequests();
		this.socket.setOnTokenDeath(TokenDeathPolicy.CLOSE);
		this.socket.setTickInterval(Duration.ofMillis(50));
		this.socket.silence(false);
		this.socket.clearRecorded();
		Events.received.clear();
	}

	private ApplicationContextRunner app() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class,
					RestClientAutoConfiguration.class, JacksonAutoConfiguration.class,
					KiwoomRealtimeAutoConfiguration.class, KiwoomHealthContributorAutoConfiguration.class))
			.withUserConfiguration(Events.class)
			.withPropertyValues("kiwoom.host=" + this.kiwoom.url(), "kiwoom.appkey=" + this.kiwoom.appkey(),
					"kiwoom.secretkey=" + this.kiwoom.secretkey(), "kiwoom.realtime.url=" + this.kiwoom.realtimeUrl(),
					"kiwoom.realtime.reconnect.initial-interval=50ms", "kiwoom.realtime.reconnect.jitter=10ms",
					"kiwoom.realtime.reconnect.max-interval=200ms", "kiwoom.token.revoke-timeout=1s");
	}

	@Test
	void firstSubscriptionLogsInWithTheCurrentTokenThenRegisters() {
		app().run((context) -> {
			Ticks ticks = new Ticks();
			assertThat(this.socket.openSessions()).isZero();
			context.getBean(KiwoomRealtime.class).subscribe("0B", List.of("005930"), ticks);
			await().atMost(WAIT).until(() -> ticks.events.size() >= 3);
			String token = context.getBean(AccessTokenProvider.class).getAccessToken().value();
			assertThat(this.socket.loggedInTokens()).containsExactly(token);
			List<String> frames = this.socket.receivedFrames();
			assertThat(frames.get(0)).contains("\"trnm\":\"LOGIN\"");
			assertThat(frames.get(1)).contains("\"trnm\":\"REG\"").contains("\"refresh\":\"1\"").contains("005930");
			assertThat(this.socket.registered("0B")).containsExactly("005930");
			assertThat(ticks.events.get(0).price()).isPresent();
			assertThat(issued()).isOne();
		});
	}

	@Test
	void everyPingIsEchoedUnchanged() {
		app().run((context) -> {
			context.getBean(KiwoomRealtime.class).subscribe("0B", List.of("005930"), new Ticks());
			awaitOpen(context);
			this.socket.ping();
			this.socket.ping();
			// At least: a session of the previous test that is still closing may answer
			// too
			await().atMost(WAIT).until(() -> this.socket.pongCount() >= 2);
			assertThat(this.socket.receivedFrames()).filteredOn((frame) -> frame.contains("PING"))
				.allSatisfy((frame) -> assertThat(frame).isEqualTo("{\"trnm\":\"PING\"}"));
		});
	}

	@Test
	void sharedRegistrationAndRemoveWhenTheLastLeaves() {
		app().run((context) -> {
			KiwoomRealtime realtime = context.getBean(KiwoomRealtime.class);
			RealtimeSubscription first = realtime.subscribe("0B", List.of("005930"), new Ticks());
			awaitOpen(context);
			RealtimeSubscription second = realtime.subscribe("0B", List.of("005930", "000660"), new Ticks());
			await().atMost(WAIT).until(() -> this.socket.registered("0B").size() == 2);
			first.close();
			second.close();
			await().atMost(WAIT).until(() -> this.socket.registered("0B").isEmpty());
			List<String> regs = this.socket.regFrames();
			assertThat(regs).hasSize(3);
			assertThat(regs.get(1)).contains("000660").doesNotContain("005930");
			assertThat(regs.get(2)).contains("REMOVE").contains("005930").contains("000660");
		});
	}

	@Test
	void removeWaitsForTheLastSubscriptionOfAnItem() {
		app().run((context) -> {
			KiwoomRealtime realtime = context.getBean(KiwoomRealtime.class);
			RealtimeSubscription first = realtime.subscribe("0B", List.of("005930"), new Ticks());
			RealtimeSubscription second = realtime.subscribe("0B", List.of("005930"), new Ticks());
			awaitOpen(context);
			await().atMost(WAIT).until(() -> this.socket.registered("0B").size() == 1);
			first.close();
			assertThat(this.socket.registered("0B")).containsExactly("005930");
			second.close();
			await().atMost(WAIT).until(() -> this.socket.registered("0B").isEmpty());
			assertThat(this.socket.regFrames()).hasSize(2).last().asString().contains("REMOVE");
		});
	}

	@Test
	void droppedSocketReconnectsWithTheSameTokenRegistersAgainAndReportsTheGap() {
		app().run((context) -> {
			Ticks ticks = new Ticks();
			context.getBean(KiwoomRealtime.class).subscribe("0B", List.of("005930"), ticks);
			awaitOpen(context);
			await().atMost(WAIT).until(() -> !ticks.events.isEmpty());
			this.socket.drop();
			await().atMost(WAIT).until(() -> !ticks.gaps.isEmpty());
			awaitOpen(context);
			assertThat(issued()).isOne();
			assertThat(this.socket.loginCount()).isEqualTo(2);
			assertThat(this.socket.loggedInTokens())
				.containsOnly(context.getBean(AccessTokenProvider.class).getAccessToken().value());
			assertThat(this.socket.registered("0B")).containsExactly("005930");
			RealtimeGap gap = ticks.gaps.get(0);
			assertThat(gap.since()).isBefore(gap.until());
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(Events.of(KiwoomRealtimeEvent.Disconnected.class)).hasSize(1);
				assertThat(Events.of(KiwoomRealtimeEvent.Gap.class)).hasSize(1);
			});
			int before = ticks.events.size();
			await().atMost(WAIT).until(() -> ticks.events.size() > before);
		});
	}

	@Test
	void killedTokenIsRenewedOnceAndTheSessionLogsInWithTheNewOne() {
		app().run((context) -> {
			Ticks ticks = new Ticks();
			context.getBean(KiwoomRealtime.class).subscribe("0B", List.of("005930"), ticks);
			awaitOpen(context);
			String first = context.getBean(AccessTokenProvider.class).getAccessToken().value();
			this.kiwoom.invalidate(first);
			await().atMost(WAIT).until(() -> issued() == 2 && this.socket.loginCount() >= 3);
			awaitOpen(context);
			String second = context.getBean(AccessTokenProvider.class).getAccessToken().value();
			assertThat(second).isNotEqualTo(first);
			List<String> tokens = this.socket.loggedInTokens();
			assertThat(tokens.get(tokens.size() - 1)).isEqualTo(second);
			assertThat(tokens).containsOnly(first, second);
			assertThat(issued()).isEqualTo(2);
			assertThat(this.socket.registered("0B")).containsExactly("005930");
			int before = ticks.events.size();
			await().atMost(WAIT).until(() -> ticks.events.size() > before);
		});
	}

	@Test
	void tokenRenewedByRestIsUsedOnTheNextConnection() {
		// A cut the client's TCP stack misses is caught by the watchdog
		app().withPropertyValues("kiwoom.realtime.idle-timeout=1s").run((context) -> {
			context.getBean(KiwoomRealtime.class).subscribe("0B", List.of("005930"), new Ticks());
			awaitOpen(context);
			// The open session outlives its token here: the next connection must use the
			// new one
			this.socket.setOnTokenDeath(TokenDeathPolicy.KEEP);
			AccessTokenProvider provider = context.getBean(AccessTokenProvider.class);
			AccessToken first = provider.getAccessToken();
			AccessToken renewed = provider.renewRejected(first);
			this.socket.drop();
			await().atMost(WAIT).until(() -> this.socket.loginCount() >= 2);
			awaitOpen(context);
			List<String> tokens = this.socket.loggedInTokens();
			assertThat(tokens.get(0)).isEqualTo(first.value());
			assertThat(tokens.subList(1, tokens.size())).isNotEmpty().containsOnly(renewed.value());
		});
	}

	@Test
	void kickByAnotherSessionIssuesNoTokenAndWaitsInsteadOfTakingTheSocketBack() {
		app().run((context) -> {
			context.getBean(KiwoomRealtime.class).subscribe("0B", List.of("005930"), new Ticks());
			awaitOpen(context);
			this.socket.kick();
			RealtimeSession session = context.getBean(RealtimeSession.class);
			await().atMost(WAIT).until(() -> session.state() == RealtimeState.KICKED);
			await().during(Duration.ofMillis(800)).atMost(WAIT).until(() -> this.socket.loginCount() == 1);
			assertThat(issued()).isOne();
			assertThat(session.state()).isEqualTo(RealtimeState.KICKED);
			assertThat(Events.of(KiwoomRealtimeEvent.Kicked.class)).hasSize(1);
			assertThat(session.status().lastError()).contains("kicked");
		});
	}

	@Test
	void healthShowsTheSessionUnderThePair() {
		app().run((context) -> {
			KiwoomHealthIndicator indicator = context.getBean(KiwoomHealthIndicator.class);
			assertThat(indicator.health().getDetails()).doesNotContainKey("realtime");
			context.getBean(KiwoomRealtime.class).subscribe("0B", List.of("005930"), new Ticks());
			awaitOpen(context);
			await().atMost(WAIT).until(() -> realtime(indicator.health()).get("lastFrameAt") != null);
			Health health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(realtime(health)).containsEntry("state", "OPEN").containsEntry("subscriptions", 1);
			assertThat(health.toString())
				.doesNotContain(context.getBean(AccessTokenProvider.class).getAccessToken().value());
			this.socket.kick();
			await().atMost(WAIT).until(() -> "KICKED".equals(realtime(indicator.health()).get("state")));
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void refusedKeysStopTheSessionAndTakeThePairDown() {
		app().run((context) -> {
			this.socket.refuseNextLogins(1, 8030);
			context.getBean(KiwoomRealtime.class).subscribe("0B", List.of("005930"), new Ticks());
			RealtimeSession session = context.getBean(RealtimeSession.class);
			await().atMost(WAIT).until(() -> session.state() == RealtimeState.FAILED);
			// Events are published just after the state moved, outside the session's lock
			await().atMost(WAIT).until(() -> !Events.of(KiwoomRealtimeEvent.Failed.class).isEmpty());
			Health health = context.getBean(KiwoomHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) realtime(health).get("lastError")).contains("8030");
			assertThat(Events.of(KiwoomRealtimeEvent.Failed.class)).singleElement()
				.satisfies((event) -> assertThat(event.getMessage()).contains("kiwoom.host"));
			await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> this.socket.loginCount() == 1);
			assertThat(issued()).isOne();
		});
	}

	@Test
	void secondRefusalInARowWaitsForTheBackOffInsteadOfLooping() {
		app().run((context) -> {
			this.socket.refuseNextLogins(2, 8005);
			context.getBean(KiwoomRealtime.class).subscribe("0B", List.of("005930"), new Ticks());
			awaitOpen(context);
			assertThat(this.socket.loginCount()).isEqualTo(3);
			List<String> tokens = this.socket.loggedInTokens();
			assertThat(tokens.get(2)).isEqualTo(context.getBean(AccessTokenProvider.class).getAccessToken().value());
			assertThat(issued()).isEqualTo(3);
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> realtime(Health health) {
		Object details = health.getDetails().get("realtime");
		return (details != null) ? (Map<String, Object>) details : Map.of();
	}

	@Test
	void slowListenerDoesNotHoldUpPingsNorOtherListeners() {
		app().withPropertyValues("kiwoom.realtime.queue-capacity=4").run((context) -> {
			CountDownLatch release = new CountDownLatch(1);
			KiwoomRealtime realtime = context.getBean(KiwoomRealtime.class);
			RealtimeSubscription slow = realtime.subscribe("0B", List.of("005930"), (event) -> {
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			Ticks fast = new Ticks();
			realtime.subscribe("0B", List.of("005930"), fast);
			awaitOpen(context);
			await().atMost(WAIT).until(() -> fast.events.size() >= 10);
			this.socket.ping();
			await().atMost(WAIT).until(() -> this.socket.pongCount() == 1);
			await().atMost(WAIT).until(() -> slow.dropped() > 0);
			assertThat(Events.of(KiwoomRealtimeEvent.Dropped.class)).isNotEmpty();
			release.countDown();
		});
	}

	@Test
	void silenceBeyondTheIdleTimeoutReplacesTheSocket() {
		app().withPropertyValues("kiwoom.realtime.idle-timeout=300ms", "kiwoom.realtime.login-timeout=500ms")
			.run((context) -> {
				Ticks ticks = new Ticks();
				context.getBean(KiwoomRealtime.class).subscribe("0B", List.of("005930"), ticks);
				awaitOpen(context);
				this.socket.silence(true);
				await().atMost(WAIT)
					.until(() -> Events.of(KiwoomRealtimeEvent.Disconnected.class)
						.stream()
						.anyMatch((event) -> event.getReason().equals("idle")));
				this.socket.silence(false);
				await().atMost(WAIT).until(() -> !ticks.gaps.isEmpty());
				assertThat(issued()).isOne();
			});
	}

	@Test
	void shutdownClosesTheSocketBeforeTheTokenIsRevoked() {
		List<Integer> openAtRevoke = new CopyOnWriteArrayList<>();
		List<RealtimeState> stateAtRevoke = new CopyOnWriteArrayList<>();
		RealtimeSession[] session = new RealtimeSession[1];
		app().withBean("revokeWatcher", BeanPostProcessor.class, () -> new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof TokenRevoker revoker) {
					return (TokenRevoker) (token) -> {
						stateAtRevoke.add(session[0].state());
						openAtRevoke.add(this.openSessions());
						revoker.revoke(token);
					};
				}
				return bean;
			}

			/**
			 * The client returns from closing once it has the server's close frame; the
			 * server forgets the session when the TCP connection is gone, a moment later.
			 * A socket still open would stay counted.
			 */
			private int openSessions() {
				RealtimeSimulator socket = KiwoomRealtimeSessionTests.this.socket;
				try {
					await().atMost(Duration.ofMillis(500)).until(() -> socket.openSessions() == 0);
				}
				catch (org.awaitility.core.ConditionTimeoutException ex) {
					// Reported by the assertion below
				}
				return socket.openSessions();
			}

		}).run((context) -> {
			context.getBean(KiwoomRealtime.class).subscribe("0B", List.of("005930"), new Ticks());
			awaitOpen(context);
			session[0] = context.getBean(RealtimeSession.class);
			assertThat(this.socket.openSessions()).isOne();
		});
		assertThat(stateAtRevoke).containsExactly(RealtimeState.STOPPED);
		assertThat(openAtRevoke).containsExactly(0);
		assertThat(this.kiwoom.requests("/oauth2/revoke")).hasSize(1);
	}

	private int issued() {
		return this.kiwoom.issuedCount() - this.issuedBefore;
	}

	private void awaitOpen(org.springframework.context.ApplicationContext context) {
		RealtimeSession session = context.getBean(RealtimeSession.class);
		await().atMost(WAIT).until(() -> session.state() == RealtimeState.OPEN);
	}

	static final class Ticks implements RealtimeListener {

		final List<RealtimeEvent> events = new CopyOnWriteArrayList<>();

		final List<RealtimeGap> gaps = new CopyOnWriteArrayList<>();

		@Override
		public void onEvent(RealtimeEvent event) {
			this.events.add(event);
		}

		@Override
		public void onGap(RealtimeGap gap) {
			this.gaps.add(gap);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Events {

		static final List<KiwoomRealtimeEvent> received = new CopyOnWriteArrayList<>();

		@Bean
		ApplicationListener<KiwoomRealtimeEvent> realtimeEvents() {
			return received::add;
		}

		static <T extends KiwoomRealtimeEvent> List<T> of(Class<T> type) {
			return received.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

}
