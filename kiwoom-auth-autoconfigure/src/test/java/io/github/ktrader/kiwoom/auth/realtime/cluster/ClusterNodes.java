package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.realtime.KiwoomRealtimeAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.realtime.KiwoomRealtimeClusterAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.redis.KiwoomRedisStoreAutoConfiguration;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtimeEvent;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Application contexts in cluster mode on one Redis, for the cluster real-time tests:
 * each on a Kiwoom-like server's key with a short lease, counting the real-time events
 * that the tests check.
 */
final class ClusterNodes implements AutoCloseable {

	static final Duration LEASE = Duration.ofSeconds(2);

	private final RedisServer redis;

	private final String keyPrefix = "rt:" + System.nanoTime();

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private final List<Events> events = new ArrayList<>();

	/**
	 * Members on the given Redis, started and emptied.
	 */
	ClusterNodes(RedisServer redis) {
		redis.start();
		redis.flushAll();
		this.redis = redis;
	}

	/**
	 * A Kiwoom-like server on an app key of its own.
	 */
	static KiwoomSimulator simulator(String name) {
		return KiwoomSimulator.builder()
			.appkey(name + "Appkey" + System.nanoTime())
			.secretkey(name + "Secretkey" + System.nanoTime())
			.start();
	}

	/**
	 * Start a member whose default pair is on the given server.
	 */
	ConfigurableApplicationContext start(KiwoomSimulator kiwoom, List<Class<?>> sources, String... properties) {
		List<Class<?>> all = new ArrayList<>(List.of(Application.class));
		all.addAll(sources);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(all.toArray(Class<?>[]::new))
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.main.log-startup-info=false",
					"kiwoom.host=" + kiwoom.url(), "kiwoom.appkey=" + kiwoom.appkey(),
					"kiwoom.secretkey=" + kiwoom.secretkey(), "kiwoom.realtime.url=" + kiwoom.realtimeUrl(),
					"kiwoom.read-timeout=2s", "kiwoom.connect-timeout=1s", "kiwoom.token.revoke-timeout=1s",
					"kiwoom.token.store=redis", "kiwoom.token.redis.key-prefix=" + this.keyPrefix,
					"kiwoom.token.redis.lease=" + LEASE.toMillis() + "ms", "kiwoom.realtime.close-timeout=1s",
					"spring.data.redis.host=" + this.redis.host(), "spring.data.redis.port=" + this.redis.port(),
					"spring.data.redis.timeout=500ms")
			.properties(properties)
			.run();
		this.nodes.add(context);
		this.events.add(context.getBean(Events.class));
		return context;
	}

	ConfigurableApplicationContext start(KiwoomSimulator kiwoom, String... properties) {
		return start(kiwoom, List.of(), properties);
	}

	/**
	 * How many times any member was kicked ({@code R10001}), closed members included.
	 */
	int kicks() {
		return this.events.stream().mapToInt((events) -> events.kicks.get()).sum();
	}

	static int gaps(ConfigurableApplicationContext context) {
		return context.getBean(Events.class).gaps.get();
	}

	static KiwoomRealtime realtime(ConfigurableApplicationContext context) {
		return context.getBean(KiwoomRealtime.class);
	}

	static ClusterRealtimeStatus status(ConfigurableApplicationContext context) {
		return ((ClusterRealtime) realtime(context)).clusterStatus();
	}

	static void crash(ConfigurableApplicationContext context) {
		((ClusterRealtime) realtime(context)).crash();
	}

	@Override
	public void close() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
	}

	/**
	 * Counts a member's real-time events.
	 */
	static final class Events {

		final AtomicInteger kicks = new AtomicInteger();

		final AtomicInteger gaps = new AtomicInteger();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
			JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class, KiwoomRedisStoreAutoConfiguration.class,
			KiwoomRealtimeClusterAutoConfiguration.class, KiwoomRealtimeAutoConfiguration.class })
	static class Application {

		@Bean
		Events realtimeEvents() {
			return new Events();
		}

		@Bean
		ApplicationListener<KiwoomRealtimeEvent.Kicked> kickCounter(Events events) {
			return (event) -> events.kicks.incrementAndGet();
		}

		@Bean
		ApplicationListener<KiwoomRealtimeEvent.Gap> gapCounter(Events events) {
			return (event) -> events.gaps.incrementAndGet();
		}

	}

}
