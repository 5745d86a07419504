package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import java.time.Duration;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.client.KiwoomAccounts;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.ReissueBehavior;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster mode for a named key pair: each pair shares its own token across instances,
 * under its own host and app key, through a real {@code redis-server}.
 */
class NamedPairClusterModeTests {

	@RegisterExtension
	static final ClusterExtension cluster = new ClusterExtension("Real", Duration.ofSeconds(3),
			(kiwoom) -> kiwoom.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD));

	private final KiwoomSimulator mock = ClusterExtension.simulator("Mock")
		.reissueBehavior(ReissueBehavior.FRESH_KILLS_OLD)
		.start();

	@AfterEach
	void tearDown() {
		// The members revoke on the mock server as they leave: before it closes
		cluster.nodes().close();
		this.mock.close();
	}

	@Test
	void eachPairSharesItsOwnTokenAcrossInstancesAndTheLastOneOutRevokesIt() {
		String[] mockPair = { "kiwoom.accounts.mock.host=" + this.mock.url(),
				"kiwoom.accounts.mock.appkey=" + this.mock.appkey(),
				"kiwoom.accounts.mock.secretkey=" + this.mock.secretkey() };
		int first = cluster.nodes().start(mockPair);
		int second = cluster.nodes().start(mockPair);
		for (int node : new int[] { first, second, first, second }) {
			assertThat(cluster.nodes().quote(node)).isEqualTo("삼성전자");
			assertThat(mockQuote(node)).isEqualTo("삼성전자");
		}
		assertThat(cluster.kiwoom().issuedCount()).as("default pair: one token for the cluster").isEqualTo(1);
		assertThat(this.mock.issuedCount()).as("mock pair: one token for the cluster").isEqualTo(1);
		cluster.nodes().stop(first);
		assertThat(this.mock.revokedTokens()).as("a member remains").isEmpty();
		assertThat(cluster.kiwoom().revokedTokens()).isEmpty();
		cluster.nodes().stop(second);
		assertThat(this.mock.revokedTokens()).as("last one out revokes the mock pair's token").hasSize(1);
		assertThat(cluster.kiwoom().revokedTokens()).as("and the default pair's").hasSize(1);
	}

	private Object mockQuote(int node) {
		Map<?, ?> info = cluster.nodes()
			.context(node)
			.getBean(KiwoomAccounts.class)
			.get("mock")
			.client()
			.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
		return info.get("stk_nm");
	}

}
