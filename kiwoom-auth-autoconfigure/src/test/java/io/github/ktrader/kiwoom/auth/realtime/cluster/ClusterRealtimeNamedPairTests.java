package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.realtime.KiwoomRealtimeAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.realtime.KiwoomRealtimeClusterAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.redis.KiwoomRedisStoreAutoConfiguration;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSession;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRealtimeTests.Recorder;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.RealtimeSimulator;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A named key pair ({@code kiwoom.accounts.mock}) in cluster mode shares one socket
 * across the cluster like the default pair, with its own holder, union and channels: two
 * instances, each with both pairs on two Kiwoom-like servers (one app key each).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClusterRealtimeNamedPairTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	private static final Duration WAIT = Duration.ofSeconds(15);

	private ClusterNodes nodes;

	private KiwoomSimulator real;

	private KiwoomSimulator mock;

	@BeforeEach
	void setUp() {
		this.nodes = new ClusterNodes(redisServer.server());
		this.real = simulator("Real");
		this.mock = simulator("Mock");
	}

	private static KiwoomSimulator simulator(String name) {
		KiwoomSimulator simulator = ClusterNodes.simulator(name);
		simulator.realtime().setTickInterval(Duration.ofMillis(50));
		return simulator;
	}

	@AfterEach
	void tearDown() {
		this.nodes.close();
		this.real.close();
		this.mock.close();
	}

	@Test
	void eachPairHasOneSocketForTheClusterAndAHolderKilledOnOnePairIsReplacedOnThatPairOnly() {
		ConfigurableApplicationContext first = start();
		ConfigurableApplicationContext second = start();
		Recorder firstReal = new Recorder();
		Recorder firstMock = new Recorder();
		Recorder secondReal = new Recorder();
		Recorder secondMock = new Recorder();
		realtime(first, null).subscribe("0B", List.of("005930"), firstReal);
		realtime(first, "mock").subscribe("0B", List.of("000660"), firstMock);
		await().atMost(WAIT)
			.until(() -> socket(this.real).registered("0B").contains("005930")
					&& socket(this.mock).registered("0B").contains("000660"));
		realtime(second, null).subscribe("0B", List.of("035420"), secondReal);
		realtime(second, "mock").subscribe("0B", List.of("068270"), secondMock);
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(firstReal.items()).containsExactly("005930");
			assertThat(firstMock.items()).containsExactly("000660");
			assertThat(secondReal.items()).containsExactly("035420");
			assertThat(secondMock.items()).containsExactly("068270");
		});
		assertThat(socket(this.real).registered("0B")).containsExactlyInAnyOrder("005930", "035420");
		assertThat(socket(this.mock).registered("0B")).containsExactlyInAnyOrder("000660", "068270");
		// One LOGIN per app key, one token per app key, nobody kicked
		assertThat(socket(this.real).loginCount()).isOne();
		assertThat(socket(this.mock).loginCount()).isOne();
		assertThat(this.real.issuedCount()).isOne();
		assertThat(this.mock.issuedCount()).isOne();
		assertThat(this.nodes.kicks()).isZero();
		assertThat(first.getBean("kiwoomRealtime.mock")).isInstanceOf(ClusterRealtime.class);
		assertThat(status(first, null).role()).isEqualTo("holder");
		assertThat(status(first, "mock").role()).isEqualTo("holder");
		assertThat(status(second, "mock").role()).isEqualTo("standby");
		Map<String, Object> health = second.getBean("kiwoomRealtimeClusterHealthIndicator", HealthIndicator.class)
			.health()
			.getDetails();
		assertThat(health).containsEntry("role", "standby");
		assertThat(health.get("accounts")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.extractingByKey("mock")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("role", "standby")
			.containsEntry("union", 2);
		// The mock pair's holder dies: the other member takes that pair's socket only
		((ClusterRealtime) realtime(first, "mock")).crash();
		int before = secondMock.size();
		await().atMost(ClusterNodes.LEASE.plusSeconds(5)).until(() -> secondMock.size() > before + 3);
		assertThat(status(second, "mock").role()).isEqualTo("holder");
		assertThat(socket(this.mock).loginCount()).isEqualTo(2);
		assertThat(status(first, null).role()).isEqualTo("holder");
		assertThat(status(second, null).role()).isEqualTo("standby");
		assertThat(socket(this.real).loginCount()).isOne();
		int realBefore = secondReal.size();
		await().atMost(WAIT).until(() -> secondReal.size() > realBefore + 3);
		assertThat(secondReal.gaps()).isEmpty();
		assertThat(this.mock.issuedCount()).isOne();
		assertThat(this.nodes.kicks()).isZero();
	}

	@Test
	void aNamedPairThatKeepsItsTokenInMemoryKeepsASocketOfItsOwn() {
		RedisServer redis = redisServer.server();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class,
					RestClientAutoConfiguration.class, JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class,
					KiwoomRedisStoreAutoConfiguration.class, KiwoomRealtimeClusterAutoConfiguration.class,
					KiwoomRealtimeAutoConfiguration.class))
			.withPropertyValues("kiwoom.host=" + this.real.url(), "kiwoom.appkey=" + this.real.appkey(),
					"kiwoom.secretkey=" + this.real.secretkey(), "kiwoom.token.store=redis",
					"kiwoom.accounts.mock.host=" + this.mock.url(), "kiwoom.accounts.mock.appkey=" + this.mock.appkey(),
					"kiwoom.accounts.mock.secretkey=" + this.mock.secretkey(),
					"kiwoom.accounts.paper.host=" + this.mock.url(), "kiwoom.accounts.paper.appkey=PaperAppkey",
					"kiwoom.accounts.paper.secretkey=PaperSecretkey", "kiwoom.accounts.paper.token.store=memory",
					"spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(KiwoomRealtime.class)).isInstanceOf(ClusterRealtime.class);
				assertThat(context.getBean("kiwoomRealtime.mock")).isInstanceOf(ClusterRealtime.class);
				assertThat(context.getBean("kiwoomRealtime.paper")).isInstanceOf(RealtimeSession.class);
				assertThat(BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(),
						KiwoomRealtime.class, "mock"))
					.isSameAs(context.getBean("kiwoomRealtime.mock"));
			});
	}

	private static RealtimeSimulator socket(KiwoomSimulator simulator) {
		return simulator.realtime();
	}

	private ConfigurableApplicationContext start() {
		return this.nodes.start(this.real, "kiwoom.accounts.mock.host=" + this.mock.url(),
				"kiwoom.accounts.mock.appkey=" + this.mock.appkey(),
				"kiwoom.accounts.mock.secretkey=" + this.mock.secretkey(),
				"kiwoom.accounts.mock.realtime.url=" + this.mock.realtimeUrl());
	}

	private static KiwoomRealtime realtime(ConfigurableApplicationContext context, String pair) {
		return (pair != null) ? context.getBean("kiwoomRealtime." + pair, KiwoomRealtime.class)
				: ClusterNodes.realtime(context);
	}

	private static ClusterRealtimeStatus status(ConfigurableApplicationContext context, String pair) {
		return ((ClusterRealtime) realtime(context, pair)).clusterStatus();
	}

}
