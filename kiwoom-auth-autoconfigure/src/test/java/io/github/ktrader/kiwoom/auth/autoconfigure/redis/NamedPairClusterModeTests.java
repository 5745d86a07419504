package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import java.time.Duration;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.client.KiwoomAccounts;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster mode for a named key pair: each pair shares its own token across instances,
 * under its own host and app key, through a real {@code redis-server}.
 */
class NamedPairClusterModeTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	private RedisServer redis;

	private KiwoomSimulator real;

	private KiwoomSimulator mock;

	private ClusterNodes nodes;

	@BeforeEach
	void setUp() {
		this.redis = redisServer.server();
		this.redis.start();
		this.redis.flushAll();
		this.real = KiwoomSimulator.builder().reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD).start();
		this.mock = KiwoomSimulator.builder()
			.appkey("MockAppkey" + System.nanoTime())
			.secretkey("MockSecretkey" + System.nanoTime())
			.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD)
			.start();
		this.nodes = new ClusterNodes(this.real, this.redis, Duration.ofSeconds(3));
	}

	@AfterEach
	void tearDown() {
		this.nodes.close();
		this.real.close();
		this.mock.close();
	}

	@Test
	void eachPairSharesItsOwnTokenAcrossInstancesAndTheLastOneOutRevokesIt() {
		String[] mockPair = { "kiwoom.accounts.mock.host=" + this.mock.url(),
				"kiwoom.accounts.mock.appkey=" + this.mock.appkey(),
				"kiwoom.accounts.mock.secretkey=" + this.mock.secretkey() };
		int first = this.nodes.start(mockPair);
		int second = this.nodes.start(mockPair);
		for (int node : new int[] { first, second, first, second }) {
			assertThat(this.nodes.quote(node)).isEqualTo("삼성전자");
			assertThat(mockQuote(node)).isEqualTo("삼성전자");
		}
		assertThat(this.real.issuedCount()).as("default pair: one token for the cluster").isEqualTo(1);
		assertThat(this.mock.issuedCount()).as("mock pair: one token for the cluster").isEqualTo(1);
		this.nodes.stop(first);
		assertThat(this.mock.revokedTokens()).as("a member remains").isEmpty();
		assertThat(this.real.revokedTokens()).isEmpty();
		this.nodes.stop(second);
		assertThat(this.mock.revokedTokens()).as("last one out revokes the mock pair's token").hasSize(1);
		assertThat(this.real.revokedTokens()).as("and the default pair's").hasSize(1);
	}

	private Object mockQuote(int node) {
		Map<?, ?> info = this.nodes.context(node)
			.getBean(KiwoomAccounts.class)
			.get("mock")
			.client()
			.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
		return info.get("stk_nm");
	}

}
