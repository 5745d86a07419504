package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ktrader.kiwoom.auth.TokenRevoker;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.realtime.KiwoomRealtimeAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.realtime.KiwoomRealtimeClusterAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.redis.KiwoomRedisStoreAutoConfiguration;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtimeEvent;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeEvent;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeGap;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeListener;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSubscription;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.RealtimeSimulator;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.RedisClientInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real-time socket in cluster mode, end to end: whole application contexts on one
 * appkey, a real {@code redis-server} and the simulator's socket, which keeps one session
 * per appkey and kicks the older one with {@code R10001}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClusterRealtimeTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	private static final Duration LEASE = Duration.ofSeconds(2);

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final AtomicInteger kicks = new AtomicInteger();

	private static final List<Integer> openAtRevoke = new CopyOnWriteArrayList<>();

	private static volatile RealtimeSimulator current;

	private final String keyPrefix = "rt:" + System.nanoTime();

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private RedisServer redis;

	private KiwoomSimulator kiwoom;

	private RealtimeSimulator socket;

	private final AtomicInteger maxOpenSessions = new AtomicInteger();

	private final AtomicBoolean sampling = new AtomicBoolean(true);

	private Thread sampler;

	@BeforeEach
	void setUp() {
		this.redis = redisServer.server();
		this.redis.start();
		this.redis.flushAll();
		this.kiwoom = KiwoomSimulator.builder()
			.appkey("RealtimeAppkey" + System.nanoTime())
			.secretkey("RealtimeSecretkey" + System.nanoTime())
			.start();
		this.socket = this.kiwoom.realtime();
		this.socket.setTickInterval(Duration.ofMillis(50));
		kicks.set(0);
		openAtRevoke.clear();
		current = this.socket;
		this.sampler = new Thread(() -> {
			while (this.sampling.get()) {
				this.maxOpenSessions.accumulateAndGet(this.socket.openSessions(), Math::max);
				try {
					Thread.sleep(10);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		this.sampler.setDaemon(true);
		this.sampler.start();
	}

	@AfterEach
	void tearDown() throws InterruptedException {
		this.sampling.set(false);
		this.sampler.join();
		this.redis.start();
		this.nodes.forEach(ConfigurableApplicationContext::close);
		this.kiwoom.close();
	}

	@Test
	void threeMembersShareOneSocketThatRegistersTheirUnionOnceAndEachGetsItsOwnItems() {
		ConfigurableApplicationContext first = start();
		ConfigurableApplicationContext second = start();
		ConfigurableApplicationContext third = start();
		Recorder firstTicks = new Recorder();
		Recorder secondTicks = new Recorder();
		Recorder thirdFills = new Recorder();
		realtime(first).subscribe("0B", List.of("005930", "000660"), firstTicks);
		realtime(second).subscribe("0B", List.of("000660", "035420"), secondTicks);
		realtime(third).subscribe("00", List.of(), thirdFills);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.socket.registered("0B")).containsExactlyInAnyOrder("005930", "000660",
					"035420"));
		await().atMost(WAIT).until(() -> this.socket.registered("00").contains(""));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(firstTicks.items()).contains("005930", "000660").doesNotContain("035420"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(secondTicks.items()).contains("000660", "035420").doesNotContain("005930"));
		this.socket.push("00", "", Map.of("9203", "0012345", "913", "체결"));
		await().atMost(WAIT).until(() -> thirdFills.orders().contains("0012345"));
		assertThat(firstTicks.orders()).isEmpty();
		// One REG per (type, item), one socket, one token, no member kicked another
		for (String item : List.of("005930", "000660", "035420")) {
			assertThat(this.socket.regFrames()
				.stream()
				.filter((frame) -> frame.contains("\"REG\""))
				.filter((frame) -> frame.contains("\"" + item + "\""))).hasSize(1);
		}
		assertThat(this.socket.connectionCount()).isOne();
		assertThat(this.maxOpenSessions).hasValueLessThanOrEqualTo(1);
		assertThat(kicks).hasValue(0);
		assertThat(this.kiwoom.issuedCount()).isOne();
		long holders = this.nodes.stream().filter((node) -> status(node).role().equals("holder")).count();
		assertThat(holders).isOne();
		assertThat(status(first).union()).isEqualTo(4);
		Map<String, Object> health = first.getBean("kiwoomRealtimeClusterHealthIndicator", HealthIndicator.class)
			.health()
			.getDetails();
		assertThat(health).containsEntry("union", 4).containsEntry("subscriptions", 1).containsKey("holder");
		assertThat(health.get("role")).isIn("holder", "standby");
	}

	@Test
	void whenTheHolderDiesAnotherTakesOverWithinTheLeaseAndEveryMemberHearsOfTheGap() {
		ConfigurableApplicationContext first = start();
		Recorder firstTicks = new Recorder();
		realtime(first).subscribe("0B", List.of("005930"), firstTicks);
		await().atMost(WAIT).until(() -> firstTicks.items().contains("005930"));
		ConfigurableApplicationContext second = start();
		Recorder secondTicks = new Recorder();
		realtime(second).subscribe("0B", List.of("005930"), secondTicks);
		await().atMost(WAIT).until(() -> secondTicks.items().contains("005930"));
		assertThat(status(first).role()).isEqualTo("holder");
		assertThat(status(second).role()).isEqualTo("standby");
		int loginsBefore = this.socket.loginCount();
		long crashedAt = System.nanoTime();
		((ClusterRealtime) realtime(first)).crash();
		int before = secondTicks.size();
		await().atMost(LEASE.plusSeconds(5)).until(() -> secondTicks.size() > before + 3);
		Duration takeover = Duration.ofNanos(System.nanoTime() - crashedAt);
		assertThat(takeover).isLessThan(LEASE.plusSeconds(3));
		assertThat(status(second).role()).isEqualTo("holder");
		await().atMost(WAIT).until(() -> !secondTicks.gaps().isEmpty());
		assertThat(this.socket.loginCount()).isEqualTo(loginsBefore + 1);
		assertThat(this.kiwoom.issuedCount()).isOne();
		assertThat(this.maxOpenSessions).hasValueLessThanOrEqualTo(1);
		assertThat(kicks).hasValue(0);
	}

	@Test
	void aHolderCutOffFromRedisClosesItsSocketWithinTheLeaseAndTheClusterComesBackWithRedis() {
		ConfigurableApplicationContext first = start();
		ConfigurableApplicationContext second = start();
		Recorder firstTicks = new Recorder();
		Recorder secondTicks = new Recorder();
		realtime(first).subscribe("0B", List.of("005930"), firstTicks);
		realtime(second).subscribe("0B", List.of("000660"), secondTicks);
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(this.socket.registered("0B")).containsExactlyInAnyOrder("005930", "000660"));
		long stoppedAt = System.nanoTime();
		this.redis.stop();
		await().atMost(LEASE).until(() -> this.socket.openSessions() == 0);
		assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(LEASE);
		// Redis comes back empty: the members write their subscriptions again, one takes
		// the lease
		this.redis.start();
		int firstBefore = firstTicks.size();
		int secondBefore = secondTicks.size();
		await().atMost(WAIT).until(() -> firstTicks.size() > firstBefore + 3 && secondTicks.size() > secondBefore + 3);
		await().atMost(WAIT).until(() -> !firstTicks.gaps().isEmpty() && !secondTicks.gaps().isEmpty());
		assertThat(this.socket.registered("0B")).containsExactlyInAnyOrder("005930", "000660");
		assertThat(this.maxOpenSessions).hasValueLessThanOrEqualTo(1);
		assertThat(kicks).hasValue(0);
		assertThat(this.kiwoom.issuedCount()).isOne();
	}

	@Test
	void aMemberThatLeavesHasItsItemsRemovedAndALeavingHolderHandsOver() {
		ConfigurableApplicationContext first = start();
		Recorder firstTicks = new Recorder();
		realtime(first).subscribe("0B", List.of("005930"), firstTicks);
		await().atMost(WAIT).until(() -> this.socket.registered("0B").contains("005930"));
		ConfigurableApplicationContext second = start();
		Recorder secondTicks = new Recorder();
		RealtimeSubscription watching = realtime(second).subscribe("0B", List.of("000660"), secondTicks);
		await().atMost(WAIT).until(() -> secondTicks.items().contains("000660"));
		watching.close();
		await().atMost(WAIT).until(() -> !this.socket.registered("0B").contains("000660"));
		assertThat(this.socket.regFrames()).anyMatch((frame) -> frame.contains("REMOVE") && frame.contains("000660"));
		realtime(second).subscribe("0B", List.of("000660"), secondTicks);
		await().atMost(WAIT).until(() -> this.socket.registered("0B").contains("000660"));
		// The holder leaves: the socket closes, the other member takes the lease at once
		first.close();
		this.nodes.remove(first);
		int before = secondTicks.size();
		await().atMost(WAIT).until(() -> secondTicks.size() > before + 3);
		assertThat(this.socket.registered("0B")).containsExactly("000660");
		assertThat(status(second).role()).isEqualTo("holder");
		assertThat(this.kiwoom.requests("/oauth2/revoke")).isEmpty();
		// The last one out closes the socket, then revokes the token
		second.close();
		this.nodes.remove(second);
		assertThat(openAtRevoke).containsExactly(0);
		assertThat(this.kiwoom.requests("/oauth2/revoke")).hasSize(1);
		assertThat(this.maxOpenSessions).hasValueLessThanOrEqualTo(1);
		assertThat(kicks).hasValue(0);
	}

	@Test
	void accountPushesReachEverySubscribedMemberAcrossABriefDisconnectFromRedis() throws InterruptedException {
		ConfigurableApplicationContext first = start();
		Recorder firstFills = new Recorder();
		realtime(first).subscribe("00", List.of(), firstFills);
		await().atMost(WAIT).until(() -> this.socket.registered("00").contains(""));
		ConfigurableApplicationContext second = start("spring.data.redis.client-name=standby");
		Recorder secondFills = new Recorder();
		realtime(second).subscribe("00", List.of(), secondFills);
		this.socket.push("00", "", Map.of("9203", "0000001", "913", "접수"));
		await().atMost(WAIT).until(() -> secondFills.orders().contains("0000001"));
		assertThat(status(second).role()).isEqualTo("standby");
		// Cut the standby's connections to Redis again and again while orders are pushed
		StringRedisTemplate admin = first.getBean(StringRedisTemplate.class);
		int killed = 0;
		for (int i = 2; i <= 21; i++) {
			killed += killClients(admin, "standby");
			this.socket.push("00", "", Map.of("9203", String.format("%07d", i), "913", "체결"));
			Thread.sleep(20);
		}
		assertThat(killed).isPositive();
		List<String> expected = new ArrayList<>();
		for (int i = 1; i <= 21; i++) {
			expected.add(String.format("%07d", i));
		}
		await().atMost(WAIT).untilAsserted(() -> assertThat(secondFills.orders()).containsAll(expected));
		await().atMost(WAIT).untilAsserted(() -> assertThat(firstFills.orders()).containsAll(expected));
		assertThat(secondFills.orders()).doesNotHaveDuplicates();
		assertThat(kicks).hasValue(0);
	}

	private static int killClients(StringRedisTemplate admin, String name) {
		AtomicInteger killed = new AtomicInteger();
		admin.execute((RedisCallback<Object>) (connection) -> {
			for (RedisClientInfo client : connection.serverCommands().getClientList()) {
				String address = client.getAddressPort();
				if (name.equals(client.getName()) && address != null) {
					int colon = address.lastIndexOf(':');
					try {
						connection.serverCommands()
							.killClient(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
						killed.incrementAndGet();
					}
					catch (RuntimeException ex) {
						// Gone already
					}
				}
			}
			return null;
		});
		return killed.get();
	}

	private ConfigurableApplicationContext start(String... extra) {
		List<String> properties = new ArrayList<>(List.of("spring.main.banner-mode=off",
				"spring.main.log-startup-info=false", "kiwoom.host=" + this.kiwoom.url(),
				"kiwoom.appkey=" + this.kiwoom.appkey(), "kiwoom.secretkey=" + this.kiwoom.secretkey(),
				"kiwoom.read-timeout=2s", "kiwoom.connect-timeout=1s", "kiwoom.token.revoke-timeout=1s",
				"kiwoom.token.store=redis", "kiwoom.token.redis.key-prefix=" + this.keyPrefix,
				"kiwoom.token.redis.lease=" + LEASE.toMillis() + "ms",
				"kiwoom.realtime.url=" + this.kiwoom.realtimeUrl(), "kiwoom.realtime.close-timeout=1s",
				"spring.data.redis.host=" + this.redis.host(), "spring.data.redis.port=" + this.redis.port(),
				"spring.data.redis.timeout=500ms"));
		properties.addAll(List.of(extra));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
		this.nodes.add(context);
		return context;
	}

	private static KiwoomRealtime realtime(ConfigurableApplicationContext context) {
		KiwoomRealtime realtime = context.getBean(KiwoomRealtime.class);
		assertThat(realtime).isInstanceOf(ClusterRealtime.class);
		return realtime;
	}

	private static ClusterRealtimeStatus status(ConfigurableApplicationContext context) {
		return ((ClusterRealtime) realtime(context)).clusterStatus();
	}

	/**
	 * Records what a listener receives.
	 */
	static final class Recorder implements RealtimeListener {

		private final List<RealtimeEvent> events = new CopyOnWriteArrayList<>();

		private final List<RealtimeGap> gaps = new CopyOnWriteArrayList<>();

		@Override
		public void onEvent(RealtimeEvent event) {
			this.events.add(event);
		}

		@Override
		public void onGap(RealtimeGap gap) {
			this.gaps.add(gap);
		}

		int size() {
			return this.events.size();
		}

		List<RealtimeEvent> events() {
			return this.events;
		}

		Set<String> items() {
			return Set.copyOf(this.events.stream().map(RealtimeEvent::item).toList());
		}

		List<String> orders() {
			return this.events.stream().flatMap((event) -> event.orderNumber().stream()).toList();
		}

		List<RealtimeGap> gaps() {
			return this.gaps;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
			JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class, KiwoomRedisStoreAutoConfiguration.class,
			KiwoomRealtimeClusterAutoConfiguration.class, KiwoomRealtimeAutoConfiguration.class })
	static class Application {

		@Bean
		ApplicationListener<KiwoomRealtimeEvent.Kicked> kickCounter() {
			return (event) -> kicks.incrementAndGet();
		}

		@Bean
		static BeanPostProcessor revokeWatcher() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof TokenRevoker revoker) {
						return (TokenRevoker) (token) -> {
							openAtRevoke.add(current.openSessions());
							revoker.revoke(token);
						};
					}
					return bean;
				}

			};
		}

	}

}
