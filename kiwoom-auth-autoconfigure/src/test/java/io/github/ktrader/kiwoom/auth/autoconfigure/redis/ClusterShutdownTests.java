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
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import jakarta.annotation.PreDestroy;
import org.junit.jupiter.api.AfterEach;
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

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	private static final Duration LEASE = Duration.ofSeconds(3);

	private static final Queue<Object> answers = new ConcurrentLinkedQueue<>();

	private RedisServer redis;

	private KiwoomSimulator kiwoom;

	private ClusterNodes nodes;

	@BeforeEach
	void setUp() {
		this.redis = redisServer.server();
		this.redis.start();
		this.redis.flushAll();
		this.kiwoom = KiwoomSimulator.builder()
			.appkey("ShutdownAppkey" + System.nanoTime())
			.secretkey("ShutdownSecretkey" + System.nanoTime())
			.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD)
			.start();
		this.nodes = new ClusterNodes(this.kiwoom, this.redis, LEASE);
		answers.clear();
	}

	@AfterEach
	void tearDown() {
		this.redis.start();
		this.nodes.close();
		this.kiwoom.close();
	}

	@Test
	void callsFromPreDestroyDuringARollingDeployUseTheSharedTokenAndTheLastOneOutRevokesIt() {
		Class<?>[] cancelsOrders = { CancelOrdersOnShutdown.class };
		int old = this.nodes.start(cancelsOrders);
		int survivor = this.nodes.start(cancelsOrders);
		assertThat(this.nodes.quote(old)).isEqualTo("삼성전자");
		assertThat(this.nodes.quote(survivor)).isEqualTo("삼성전자");
		AccessToken shared = this.nodes.token(survivor).orElseThrow();
		this.nodes.stop(old);
		assertThat(answers).as("the leaving instance's shutdown call").containsExactly("삼성전자");
		assertThat(this.kiwoom.requests("/oauth2/token")).as("no token issued for a shutdown call").hasSize(1);
		assertThat(this.kiwoom.requests("/oauth2/revoke")).as("the survivor still uses the token").isEmpty();
		assertThat(this.kiwoom.isValid(shared.value())).isTrue();
		assertThat(this.nodes.quote(survivor)).isEqualTo("삼성전자");
		int replacement = this.nodes.start(cancelsOrders);
		assertThat(this.nodes.quote(replacement)).isEqualTo("삼성전자");
		this.nodes.stop(survivor);
		this.nodes.stop(replacement);
		assertThat(answers).as("every shutdown call succeeded").containsExactly("삼성전자", "삼성전자", "삼성전자");
		assertThat(this.kiwoom.requests("/oauth2/token")).hasSize(1);
		assertThat(this.kiwoom.revokedTokens()).as("the last one out revokes after its shutdown call")
			.containsExactly(shared.value());
		assertThat(this.kiwoom.requests("/oauth2/revoke")).hasSize(1);
	}

	@Test
	void withoutRevokeOnShutdownTheLastOneOutLeavesTheSharedTokenForTheNextStart() {
		String noRevoke = "kiwoom.token.revoke-on-shutdown=false";
		int first = this.nodes.start(noRevoke);
		int second = this.nodes.start(noRevoke);
		assertThat(this.nodes.quote(first)).isEqualTo("삼성전자");
		assertThat(this.nodes.quote(second)).isEqualTo("삼성전자");
		AccessToken shared = this.nodes.token(first).orElseThrow();
		this.nodes.stop(first);
		this.nodes.stop(second);
		assertThat(this.kiwoom.requests("/oauth2/revoke")).isEmpty();
		// A cold start of the cluster reuses the still valid token
		int next = this.nodes.start(noRevoke);
		assertThat(this.nodes.quote(next)).isEqualTo("삼성전자");
		assertThat(this.nodes.token(next)).contains(shared);
		assertThat(this.kiwoom.requests("/oauth2/token")).as("no au10001 for the cold start").hasSize(1);
	}

	@Test
	void aMemberWithAWrongSecretkeyDoesNotKeepTheLastWorkingMemberFromRevoking() {
		int working = this.nodes.start();
		int misconfigured = this.nodes.start("kiwoom.secretkey=WrongSecretkey" + System.nanoTime());
		assertThat(this.nodes.quote(working)).isEqualTo("삼성전자");
		AccessToken shared = this.nodes.token(working).orElseThrow();
		assertThatExceptionOfType(KiwoomException.class).isThrownBy(() -> this.nodes.quote(misconfigured))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.INVALID_CREDENTIALS));
		this.nodes.stop(working);
		assertThat(this.kiwoom.revokedTokens()).as("the last working member out revokes")
			.containsExactly(shared.value());
		this.nodes.stop(misconfigured);
		assertThat(this.kiwoom.requests("/oauth2/revoke")).hasSize(1);
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
