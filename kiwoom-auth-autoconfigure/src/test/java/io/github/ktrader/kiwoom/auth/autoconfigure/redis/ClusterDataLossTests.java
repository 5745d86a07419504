package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.ClusterCatchUp;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
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

	/**
	 * Heartbeats and catch-ups every 40 s: none runs while a test does.
	 */
	private static final Duration LEASE = Duration.ofMinutes(2);

	@RegisterExtension
	static final ClusterExtension cluster = new ClusterExtension("DataLoss", LEASE,
			(kiwoom) -> kiwoom.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD));

	@Test
	void theMemberThatPutTheTokenBackLeavesWithoutRevokingTheTokenTheOthersUse() {
		int restorer = cluster.nodes().start();
		int survivor = cluster.nodes().start();
		AccessToken shared = tokenLoadedOnBoth(restorer, survivor);
		cluster.server().flushAll();
		putBackBy(restorer);
		cluster.nodes().stop(restorer);
		assertSurvivorKeepsToken(survivor, shared);
	}

	@Test
	void aMemberLeavingAfterAnotherPutTheTokenBackDoesNotRevokeTheTokenTheOthersUse() {
		int restorer = cluster.nodes().start();
		int leaving = cluster.nodes().start();
		AccessToken shared = tokenLoadedOnBoth(restorer, leaving);
		cluster.server().flushAll();
		putBackBy(restorer);
		cluster.nodes().stop(leaving);
		assertSurvivorKeepsToken(restorer, shared);
	}

	private AccessToken tokenLoadedOnBoth(int first, int second) {
		assertThat(cluster.nodes().quote(first)).isEqualTo("삼성전자");
		assertThat(cluster.nodes().quote(second)).isEqualTo("삼성전자");
		AccessToken shared = cluster.nodes().token(first).orElseThrow();
		assertThat(cluster.nodes().token(second)).contains(shared);
		return shared;
	}

	private void putBackBy(int node) {
		ClusterCatchUp.now(cluster.nodes().provider(node));
		StringRedisTemplate template = cluster.nodes().context(node).getBean(StringRedisTemplate.class);
		assertThat(template.keys(cluster.nodes().keyPrefix() + ":*:token")).as("the token put back").hasSize(1);
	}

	private void assertSurvivorKeepsToken(int survivor, AccessToken shared) {
		assertThat(cluster.kiwoom().requests("/oauth2/revoke")).as("no au10002 while a member still uses the token")
			.isEmpty();
		assertThat(cluster.kiwoom().isValid(shared.value())).isTrue();
		assertThat(cluster.nodes().quote(survivor)).isEqualTo("삼성전자");
		assertThat(cluster.nodes().token(survivor)).contains(shared);
		assertThat(cluster.kiwoom().requests("/oauth2/token")).as("no au10001 after the data loss").hasSize(1);
	}

}
