package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cluster mode when Kiwoom gives a new token a shorter life than the old one: the most
 * recently issued token is the cluster's, whatever its expiry.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterTokenOrderTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	private static final Duration LEASE = Duration.ofSeconds(3);

	private RedisServer redis;

	private KiwoomSimulator kiwoom;

	private ClusterNodes nodes;

	@BeforeEach
	void setUp() {
		this.redis = redisServer.server();
		this.redis.start();
		this.redis.flushAll();
		this.kiwoom = KiwoomSimulator.builder()
			.appkey("OrderAppkey" + System.nanoTime())
			.secretkey("OrderSecretkey" + System.nanoTime())
			.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD)
			.tokenLifetime(Duration.ofHours(24))
			.start();
		this.nodes = new ClusterNodes(this.kiwoom, this.redis, LEASE);
	}

	@AfterEach
	void tearDown() {
		this.nodes.close();
		this.kiwoom.close();
	}

	@Test
	void aShorterLivedNewTokenIsAdoptedByAnIdleMemberAndNeverReplacedByTheOldOne() {
		int idle = this.nodes.start();
		int busy = this.nodes.start();
		assertThat(this.nodes.quote(idle)).isEqualTo("삼성전자");
		assertThat(this.nodes.quote(busy)).isEqualTo("삼성전자");
		AccessToken old = this.nodes.token(idle).orElseThrow();
		// The next token lives 4 h instead of 24 h, and kills the old one
		this.kiwoom.tokenLifetime(Duration.ofHours(4));
		AccessToken shorter = this.nodes.provider(busy).renewRejected(old);
		assertThat(shorter.expiresAt()).isBefore(old.expiresAt());
		await().atMost(Duration.ofSeconds(2)).until(() -> this.nodes.token(idle).equals(Optional.of(shorter)));
		// A few reconcile rounds later nobody has put the old token back
		await().pollDelay(LEASE).atMost(LEASE.plusSeconds(2)).until(() -> true);
		assertThat(this.nodes.token(idle)).contains(shorter);
		assertThat(this.nodes.token(busy)).contains(shorter);
		assertThat(this.nodes.quote(idle)).isEqualTo("삼성전자");
		assertThat(this.nodes.quote(busy)).isEqualTo("삼성전자");
		assertThat(this.kiwoom.requests("/oauth2/token")).as("the first token and the shorter one").hasSize(2);
	}

}
