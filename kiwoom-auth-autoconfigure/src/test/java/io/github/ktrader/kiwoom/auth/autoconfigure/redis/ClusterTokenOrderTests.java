package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
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

	private static final Duration LEASE = Duration.ofSeconds(3);

	@RegisterExtension
	static final ClusterExtension cluster = new ClusterExtension("Order", LEASE,
			(kiwoom) -> kiwoom.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD).tokenLifetime(Duration.ofHours(24)));

	@Test
	void aShorterLivedNewTokenIsAdoptedByAnIdleMemberAndNeverReplacedByTheOldOne() {
		int idle = cluster.nodes().start();
		int busy = cluster.nodes().start();
		assertThat(cluster.nodes().quote(idle)).isEqualTo("삼성전자");
		assertThat(cluster.nodes().quote(busy)).isEqualTo("삼성전자");
		AccessToken old = cluster.nodes().token(idle).orElseThrow();
		// The next token lives 4 h instead of 24 h, and kills the old one
		cluster.kiwoom().tokenLifetime(Duration.ofHours(4));
		AccessToken shorter = cluster.nodes().provider(busy).renewRejected(old);
		assertThat(shorter.expiresAt()).isBefore(old.expiresAt());
		await().atMost(Duration.ofSeconds(2)).until(() -> cluster.nodes().token(idle).equals(Optional.of(shorter)));
		// A few reconcile rounds later nobody has put the old token back
		await().pollDelay(LEASE).atMost(LEASE.plusSeconds(2)).until(() -> true);
		assertThat(cluster.nodes().token(idle)).contains(shorter);
		assertThat(cluster.nodes().token(busy)).contains(shorter);
		assertThat(cluster.nodes().quote(idle)).isEqualTo("삼성전자");
		assertThat(cluster.nodes().quote(busy)).isEqualTo("삼성전자");
		assertThat(cluster.kiwoom().requests("/oauth2/token")).as("the first token and the shorter one").hasSize(2);
	}

}
