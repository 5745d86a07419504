package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
import jakarta.annotation.PreDestroy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Cluster mode while application contexts close: a bean that calls Kiwoom from
 * {@code @PreDestroy} (cancelling open orders, say) during a rolling deploy, against the
 * simulator in the mode where a new token kills the old one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterShutdownTests {

	private static final Duration LEASE = Duration.ofSeconds(3);

	@RegisterExtension
	static final ClusterExtension cluster = new ClusterExtension("Shutdown", LEASE,
			(kiwoom) -> kiwoom.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD));

	private static final Queue<Object> answers = new ConcurrentLinkedQueue<>();

	@BeforeEach
	void setUp() {
		answers.clear();
	}

	@Test
	void callsFromPreDestroyDuringARollingDeployUseTheSharedTokenAndTheLastOneOutRevokesIt() {
		Class<?>[] cancelsOrders = { CancelOrdersOnShutdown.class };
		int old = cluster.nodes().start(cancelsOrders);
		int survivor = cluster.nodes().start(cancelsOrders);
		assertThat(cluster.nodes().quote(old)).isEqualTo("삼성전자");
		assertThat(cluster.nodes().quote(survivor)).isEqualTo("삼성전자");
		AccessToken shared = cluster.nodes().token(survivor).orElseThrow();
		cluster.nodes().stop(old);
		assertThat(answers).as("the leaving instance's shutdown call").containsExactly("삼성전자");
		assertThat(cluster.kiwoom().requests("/oauth2/token")).as("no token issued for a shutdown call").hasSize(1);
		assertThat(cluster.kiwoom().requests("/oauth2/revoke")).as("the survivor still uses the token").isEmpty();
		assertThat(cluster.kiwoom().isValid(shared.value())).isTrue();
		assertThat(cluster.nodes().quote(survivor)).isEqualTo("삼성전자");
		int replacement = cluster.nodes().start(cancelsOrders);
		assertThat(cluster.nodes().quote(replacement)).isEqualTo("삼성전자");
		cluster.nodes().stop(survivor);
		cluster.nodes().stop(replacement);
		assertThat(answers).as("every shutdown call succeeded").containsExactly("삼성전자", "삼성전자", "삼성전자");
		assertThat(cluster.kiwoom().requests("/oauth2/token")).hasSize(1);
		assertThat(cluster.kiwoom().revokedTokens()).as("the last one out revokes after its shutdown call")
			.containsExactly(shared.value());
		assertThat(cluster.kiwoom().requests("/oauth2/revoke")).hasSize(1);
	}

	@Test
	void withoutRevokeOnShutdownTheLastOneOutLeavesTheSharedTokenForTheNextStart() {
		String noRevoke = "kiwoom.token.revoke-on-shutdown=false";
		int first = cluster.nodes().start(noRevoke);
		int second = cluster.nodes().start(noRevoke);
		assertThat(cluster.nodes().quote(first)).isEqualTo("삼성전자");
		assertThat(cluster.nodes().quote(second)).isEqualTo("삼성전자");
		AccessToken shared = cluster.nodes().token(first).orElseThrow();
		cluster.nodes().stop(first);
		cluster.nodes().stop(second);
		assertThat(cluster.kiwoom().requests("/oauth2/revoke")).isEmpty();
		// A cold start of the cluster reuses the still valid token
		int next = cluster.nodes().start(noRevoke);
		assertThat(cluster.nodes().quote(next)).isEqualTo("삼성전자");
		assertThat(cluster.nodes().token(next)).contains(shared);
		assertThat(cluster.kiwoom().requests("/oauth2/token")).as("no au10001 for the cold start").hasSize(1);
	}

	@Test
	void aMemberWithAWrongSecretkeyDoesNotKeepTheLastWorkingMemberFromRevoking() {
		int working = cluster.nodes().start();
		int misconfigured = cluster.nodes().start("kiwoom.secretkey=WrongSecretkey" + System.nanoTime());
		assertThat(cluster.nodes().quote(working)).isEqualTo("삼성전자");
		AccessToken shared = cluster.nodes().token(working).orElseThrow();
		assertThatExceptionOfType(KiwoomException.class).isThrownBy(() -> cluster.nodes().quote(misconfigured))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.INVALID_CREDENTIALS));
		cluster.nodes().stop(working);
		assertThat(cluster.kiwoom().revokedTokens()).as("the last working member out revokes")
			.containsExactly(shared.value());
		cluster.nodes().stop(misconfigured);
		assertThat(cluster.kiwoom().requests("/oauth2/revoke")).hasSize(1);
	}

	@Configuration(proxyBeanMethods = false)
	static class CancelOrdersOnShutdown {

		@Bean
		OrderCanceller orderCanceller(KiwoomClient client) {
			return new OrderCanceller(client);
		}

	}

	static class OrderCanceller {

		private final KiwoomClient client;

		OrderCanceller(KiwoomClient client) {
			this.client = client;
		}

		@PreDestroy
		void cancelOpenOrders() {
			try {
				Map<?, ?> info = this.client.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"),
						Map.class);
				answers.add(info.get("stk_nm"));
			}
			catch (RuntimeException ex) {
				answers.add(ex);
			}
		}

	}

}
