package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Members of one cluster that must share one token: when they spell the host differently,
 * and when the cluster's egress IP moves once (a NAT gateway failover) while both have
 * calls in flight on the shared token (one re-issue, no call lost).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterIpMoveTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	private static final int THREADS = 6;

	private KiwoomSimulator kiwoom;

	private ClusterNodes nodes;

	private final ExecutorService executor = Executors.newFixedThreadPool(2 * THREADS);

	@BeforeEach
	void setUp() {
		RedisServer redis = redisServer.server();
		redis.start();
		redis.flushAll();
		this.kiwoom = KiwoomSimulator.builder()
			.appkey("ClusterAppkey" + System.nanoTime())
			.secretkey("ClusterSecretkey" + System.nanoTime())
			.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD)
			.start();
		this.kiwoom.faults().rejectOverlappingIssue(true);
		this.nodes = new ClusterNodes(this.kiwoom, redis, Duration.ofSeconds(3));
	}

	@AfterEach
	void tearDown() {
		this.executor.shutdownNow();
		this.nodes.close();
		this.kiwoom.close();
	}

	@Test
	void membersThatSpellTheHostDifferentlyShareOneToken() {
		String host = this.kiwoom.url().replace("127.0.0.1", "localhost");
		int first = this.nodes.start("kiwoom.host=" + host);
		int second = this.nodes.start("kiwoom.host=" + host.toUpperCase(Locale.ROOT) + "/");
		assertThat(this.nodes.quote(first)).isEqualTo("삼성전자");
		assertThat(this.nodes.quote(second)).isEqualTo("삼성전자");
		assertThat(this.nodes.quote(first)).isEqualTo("삼성전자");
		assertThat(this.kiwoom.requests("/oauth2/token")).as("one token for the cluster").hasSize(1);
		assertThat(this.nodes.token(second)).isEqualTo(this.nodes.token(first));
		StringRedisTemplate redis = this.nodes.context(first).getBean(StringRedisTemplate.class);
		assertThat(redis.keys(this.nodes.keyPrefix() + ":*:token")).as("one namespace").hasSize(1);
	}

	@Test
	void egressIpMoveWithCallsInFlightOnBothMembersCostsOneReissue() {
		int first = this.nodes.start();
		int second = this.nodes.start();
		assertThat(this.nodes.quote(first)).isEqualTo("삼성전자");
		assertThat(this.nodes.quote(second)).isEqualTo("삼성전자");
		assertThat(this.kiwoom.requests("/oauth2/token")).as("one token for the cluster").hasSize(1);
		AccessToken shared = this.nodes.token(first).orElseThrow();
		assertThat(this.nodes.token(second)).contains(shared);
		this.kiwoom.faults().next(Endpoint.DATA, 2 * THREADS).delay(Duration.ofMillis(500));
		List<CompletableFuture<Object>> calls = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			calls.add(CompletableFuture.supplyAsync(() -> this.nodes.quote(first), this.executor));
			calls.add(CompletableFuture.supplyAsync(() -> this.nodes.quote(second), this.executor));
		}
		await().until(() -> this.kiwoom.requests("/api/dostk/stkinfo").size() == 2 + 2 * THREADS);
		this.kiwoom.moveEgressIp();
		assertThat(calls).as("no call lost").allSatisfy((call) -> assertThat(call.join()).isEqualTo("삼성전자"));
		assertThat(this.kiwoom.requests("/oauth2/token")).as("one re-issue for the cluster").hasSize(2);
		assertThat(this.nodes.token(first)).isEqualTo(this.nodes.token(second));
	}

}
