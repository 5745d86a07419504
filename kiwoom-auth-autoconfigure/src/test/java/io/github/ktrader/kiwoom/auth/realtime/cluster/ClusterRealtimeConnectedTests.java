package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.realtime.KiwoomRealtimeAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.realtime.KiwoomRealtimeClusterAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.redis.KiwoomRedisStoreAutoConfiguration;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtimeEvent;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeListener;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A member that does not hold the cluster's socket hears that the socket is logged in, as
 * it would if it held it: an application that waits for
 * {@link KiwoomRealtimeEvent.Connected} before it trusts its subscriptions (as the
 * sample's {@code --sample.realtime} does) works the same on every member.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterRealtimeConnectedTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final KiwoomSimulator kiwoom = KiwoomSimulator.start();

	private final String keyPrefix = "rt-connected:" + System.nanoTime();

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	@AfterEach
	void tearDown() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
		this.kiwoom.close();
	}

	@Test
	void aMemberThatJoinsWhileAnotherHoldsTheSocketHearsItIsConnected() {
		ConfigurableApplicationContext holder = start();
		List<KiwoomRealtimeEvent> holderEvents = events(holder);
		realtime(holder).subscribe("0B", List.of("005930"), ignored());
		await().atMost(WAIT).until(() -> this.kiwoom.realtime().loginCount() == 1);
		ConfigurableApplicationContext standby = start();
		List<KiwoomRealtimeEvent> standbyEvents = events(standby);
		AtomicInteger standbyTicks = new AtomicInteger();
		realtime(standby).subscribe("0B", List.of("005930"), (event) -> standbyTicks.incrementAndGet());
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(standbyEvents).filteredOn(KiwoomRealtimeEvent.Connected.class::isInstance)
				.isNotEmpty());
		// Ten ticks of 200 ms: three beats of the standby, each of which sees the holder
		// again
		int seen = standbyTicks.get();
		await().atMost(WAIT).until(() -> standbyTicks.get() >= seen + 10);
		assertThat(standbyEvents).filteredOn(KiwoomRealtimeEvent.Connected.class::isInstance)
			.hasSize(1)
			.allSatisfy((event) -> assertThat(event.getAccount()).isEqualTo("default"));
		assertThat(((ClusterRealtime) realtime(standby)).clusterStatus().role()).isEqualTo("standby");
		// The holder hears it from its own session, once
		assertThat(holderEvents).filteredOn(KiwoomRealtimeEvent.Connected.class::isInstance).hasSize(1);
		assertThat(this.kiwoom.realtime().loginCount()).isOne();
	}

	private ConfigurableApplicationContext start() {
		RedisServer redis = redisServer.server();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.main.log-startup-info=false",
					"kiwoom.host=" + this.kiwoom.url(), "kiwoom.appkey=" + this.kiwoom.appkey(),
					"kiwoom.secretkey=" + this.kiwoom.secretkey(), "kiwoom.token.revoke-timeout=1s",
					"kiwoom.token.store=redis", "kiwoom.token.redis.key-prefix=" + this.keyPrefix,
					"kiwoom.token.redis.lease=2s", "kiwoom.realtime.url=" + this.kiwoom.realtimeUrl(),
					"kiwoom.realtime.close-timeout=1s", "spring.data.redis.host=" + redis.host(),
					"spring.data.redis.port=" + redis.port())
			.run();
		this.nodes.add(context);
		return context;
	}

	private static List<KiwoomRealtimeEvent> events(ConfigurableApplicationContext context) {
		List<KiwoomRealtimeEvent> events = new CopyOnWriteArrayList<>();
		context.addApplicationListener((event) -> {
			if (event instanceof KiwoomRealtimeEvent realtime) {
				events.add(realtime);
			}
		});
		return events;
	}

	private static KiwoomRealtime realtime(ConfigurableApplicationContext context) {
		return context.getBean(KiwoomRealtime.class);
	}

	private static RealtimeListener ignored() {
		return (event) -> {
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
			JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class, KiwoomRedisStoreAutoConfiguration.class,
			KiwoomRealtimeClusterAutoConfiguration.class, KiwoomRealtimeAutoConfiguration.class })
	static class Application {

	}

}
