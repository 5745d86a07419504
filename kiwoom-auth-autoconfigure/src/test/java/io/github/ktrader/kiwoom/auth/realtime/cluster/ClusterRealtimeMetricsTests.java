package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.realtime.KiwoomRealtimeAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.realtime.KiwoomRealtimeClusterAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.redis.KiwoomRedisStoreAutoConfiguration;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRealtimeTests.Recorder;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.RealtimeSimulator;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterNodes.crash;
import static io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterNodes.gaps;
import static io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterNodes.realtime;
import static io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterNodes.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster real-time's meters and failover events count what happened: three members
 * on one socket, frames pushed one by one, then the holder killed.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClusterRealtimeMetricsTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final int FRAMES = 25;

	private ClusterNodes nodes;

	private KiwoomSimulator kiwoom;

	private RealtimeSimulator socket;

	@BeforeEach
	void setUp() {
		this.nodes = new ClusterNodes(redisServer.server());
		this.kiwoom = ClusterNodes.simulator("Metrics");
		this.socket = this.kiwoom.realtime();
		// Only the frames the test pushes
		this.socket.setTickInterval(Duration.ZERO);
	}

	@AfterEach
	void tearDown() {
		this.nodes.close();
		this.kiwoom.close();
	}

	@Test
	void framesAreCountedOnceFannedOutByTheHolderAndOnceDeliveredByEachMemberAndAFailoverIsOneEventPerMember() {
		List<ConfigurableApplicationContext> members = List.of(start(), start(), start());
		List<Recorder> ticks = List.of(new Recorder(), new Recorder(), new Recorder());
		List<Recorder> fills = List.of(new Recorder(), new Recorder(), new Recorder());
		// The third wants another item: it reads the other's ticks too, but does not
		// count them
		List<String> items = List.of("005930", "005930", "000660");
		for (int i = 0; i < members.size(); i++) {
			realtime(members.get(i)).subscribe("0B", List.of(items.get(i)), ticks.get(i));
			realtime(members.get(i)).subscribe("00", List.of(), fills.get(i));
			await().atMost(WAIT).until(() -> this.socket.registered("00").contains(""));
		}
		ConfigurableApplicationContext holder = members.get(0);
		assertThat(status(holder).role()).isEqualTo("holder");
		// Until every member reads both channels
		await().atMost(WAIT).until(() -> {
			this.socket.push("0B", "005930", Map.of("10", "+60700"));
			this.socket.push("0B", "000660", Map.of("10", "+180000"));
			this.socket.push("00", "", Map.of("9203", "0000000", "913", "접수"));
			return ticks.stream().allMatch((recorder) -> recorder.size() > 0)
					&& fills.stream().allMatch((recorder) -> recorder.size() > 0);
		});
		// Until what the warm-up sent has arrived: no meter moves for a while
		AtomicReference<List<Counts>> last = new AtomicReference<>(List.of());
		await().atMost(WAIT)
			.pollInterval(Duration.ofMillis(300))
			.until(() -> last.getAndSet(members.stream().map(Counts::of).toList())
				.equals(members.stream().map(Counts::of).toList()));
		List<Counts> before = members.stream().map(Counts::of).toList();
		for (int i = 1; i <= FRAMES; i++) {
			this.socket.push("0B", "005930", Map.of("10", "+" + (60000 + i)));
			this.socket.push("00", "", Map.of("9203", String.format("%07d", i), "913", "체결"));
		}
		for (int i = 0; i < members.size(); i++) {
			Counts start = before.get(i);
			ConfigurableApplicationContext member = members.get(i);
			boolean wantsTicks = items.get(i).equals("005930");
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(Counts.of(member).minus(start))
					.isEqualTo(new Counts((member == holder) ? FRAMES : 0, (member == holder) ? FRAMES : 0,
							wantsTicks ? FRAMES : 0, FRAMES, wantsTicks ? 2 * FRAMES : FRAMES)));
		}
		assertThat(holderGauge(holder)).isOne();
		assertThat(holderGauge(members.get(1))).isZero();
		assertThat(members).allSatisfy((member) -> assertThat(gaps(member)).isZero());
		// The holder dies: each member left hears of the failover once
		crash(holder);
		List<ConfigurableApplicationContext> left = members.subList(1, 3);
		await().atMost(ClusterNodes.LEASE.plusSeconds(5))
			.until(() -> left.stream().anyMatch((member) -> status(member).role().equals("holder")));
		int seen = ticks.get(1).size();
		await().atMost(WAIT).until(() -> {
			this.socket.push("0B", "005930", Map.of("10", "+61000"));
			return ticks.get(1).size() > seen + 4 && left.stream().allMatch((member) -> gaps(member) > 0);
		});
		assertThat(left).allSatisfy((member) -> assertThat(gaps(member)).isOne());
		assertThat(left.stream().mapToDouble(this::holderGauge).sum()).isOne();
		assertThat(this.nodes.kicks()).isZero();
	}

	@Test
	void theMetersExistInAnApplicationWhoseRegistryBootConfigures() {
		RedisServer redis = redisServer.server();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class,
					RestClientAutoConfiguration.class, JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class,
					KiwoomRedisStoreAutoConfiguration.class, KiwoomRealtimeClusterAutoConfiguration.class,
					KiwoomRealtimeAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues("kiwoom.host=" + this.kiwoom.url(), "kiwoom.appkey=" + this.kiwoom.appkey(),
					"kiwoom.secretkey=" + this.kiwoom.secretkey(), "kiwoom.realtime.url=" + this.kiwoom.realtimeUrl(),
					"kiwoom.token.store=redis", "spring.data.redis.host=" + redis.host(),
					"spring.data.redis.port=" + redis.port())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("kiwoom.realtime.cluster.holder").tag("account", "default").gauge())
					.isNotNull();
				assertThat(registry.find("kiwoom.realtime.cluster.delivered").counters()).hasSize(2);
			});
	}

	private ConfigurableApplicationContext start() {
		return this.nodes.start(this.kiwoom, List.of(Meters.class));
	}

	private double holderGauge(ConfigurableApplicationContext member) {
		return member.getBean(MeterRegistry.class).get("kiwoom.realtime.cluster.holder").gauge().value();
	}

	/**
	 * A member's meters: fanned out and delivered by channel, and how many lags it timed.
	 */
	record Counts(double fannedOutMarket, double fannedOutAccount, double deliveredMarket, double deliveredAccount,
			long lags) {

		static Counts of(ConfigurableApplicationContext member) {
			MeterRegistry registry = member.getBean(MeterRegistry.class);
			return new Counts(count(registry, "fanned-out", "market"), count(registry, "fanned-out", "account"),
					count(registry, "delivered", "market"), count(registry, "delivered", "account"),
					registry.get("kiwoom.realtime.cluster.lag").tag("account", "default").timer().count());
		}

		private static double count(MeterRegistry registry, String name, String channel) {
			return registry.get("kiwoom.realtime.cluster." + name)
				.tag("account", "default")
				.tag("channel", channel)
				.counter()
				.count();
		}

		Counts minus(Counts other) {
			return new Counts(this.fannedOutMarket - other.fannedOutMarket,
					this.fannedOutAccount - other.fannedOutAccount, this.deliveredMarket - other.deliveredMarket,
					this.deliveredAccount - other.deliveredAccount, this.lags - other.lags);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Meters {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
