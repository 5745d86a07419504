package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.ClusterCatchUp;
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

/**
 * Cluster mode after Redis lost its data (FLUSHALL, or a restart without persistence): a
 * member puts the token it holds back, and a member closing before the others' heartbeats
 * have re-registered them must not take itself for the last one out. The lease is long
 * enough that no heartbeat and no scheduled catch-up runs within a test; the catch-up
 * that puts the token back is run by hand, so the window is always open.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterDataLossTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	/**
	 * Heartbeats and catch-ups every 40 s: none runs while a test does.
	 */
	private static final Duration LEASE = Duration.ofMinutes(2);

	private RedisServer redis;

	private KiwoomSimulator kiwoom;

	private ClusterNodes nodes;

	@BeforeEach
	void setUp() {
		this.redis = redisServer.server();
		this.redis.start();
		this.redis.flushAll();
		this.kiwoom = KiwoomSimulator.builder()
			.appkey("DataLossAppkey" + System.nanoTime())
			.secretkey("DataLossSecretkey" + System.nanoTime())
			.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD)
			.start();
		this.nodes = new ClusterNodes(this.kiwoom, this.redis, LEASE);
	}

	@AfterEach
	void tearDown() {
		this.nodes.close();
		this.kiwoom.close();
	}

	@Test
	void theMemberThatPutTheTokenBackLeavesWithoutRevokingTheTokenTheOthersUse() {
		int restorer = this.nodes.start();
		int survivor = this.nodes.start();
		AccessToken shared = tokenLoadedOnBoth(restorer, survivor);
		this.redis.flushAll();
		putBackBy(restorer);
		this.nodes.stop(restorer);
		assertSurvivorKeepsToken(survivor, shared);
	}

	@Test
	void aMemberLeavingAfterAnotherPutTheTokenBackDoesNotRevokeTheTokenTheOthersUse() {
		int restorer = this.nodes.start();
		int leaving = this.nodes.start();
		AccessToken shared = tokenLoadedOnBoth(restorer, leaving);
		this.redis.flushAll();
		putBackBy(restorer);
		this.nodes.stop(leaving);
		assertSurvivorKeepsToken(restorer, shared);
	}

	private AccessToken tokenLoadedOnBoth(int first, int second) {
		assertThat(this.nodes.quote(first)).isEqualTo("삼성전자");
		assertThat(this.nodes.quote(second)).isEqualTo("삼성전자");
		AccessToken shared = this.nodes.token(first).orElseThrow();
		assertThat(this.nodes.token(second)).contains(shared);
		return shared;
	}

	private void putBackBy(int node) {
		ClusterCatchUp.now(this.nodes.provider(node));
		StringRedisTemplate template = this.nodes.context(node).getBean(StringRedisTemplate.class);
		assertThat(template.keys(this.nodes.keyPrefix() + ":*:token")).as("the token put back").hasSize(1);
	}

	private void assertSurvivorKeepsToken(int survivor, AccessToken shared) {
		assertThat(this.kiwoom.requests("/oauth2/revoke")).as("no au10002 while a member still uses the token")
			.isEmpty();
		assertThat(this.kiwoom.isValid(shared.value())).isTrue();
		assertThat(this.nodes.quote(survivor)).isEqualTo("삼성전자");
		assertThat(this.nodes.token(survivor)).contains(shared);
		assertThat(this.kiwoom.requests("/oauth2/token")).as("no au10001 after the data loss").hasSize(1);
	}

}
