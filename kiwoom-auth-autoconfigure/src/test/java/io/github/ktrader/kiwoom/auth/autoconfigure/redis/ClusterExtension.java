package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import java.time.Duration;
import java.util.function.UnaryOperator;

import io.github.ktrader.kiwoom.auth.FreshRedisExtension;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;

/**
 * The cluster tests' fixture: for each test, on a running, emptied Redis, a simulator on
 * an app key of its own and {@link ClusterNodes} on both. After each test every member is
 * closed, then the simulator.
 */
final class ClusterExtension extends FreshRedisExtension<ClusterExtension.Cluster> {

	private final String name;

	private final Duration lease;

	private final UnaryOperator<KiwoomSimulator.Builder> simulator;

	/**
	 * A fixture whose simulator's keys start with the given name, its members on the
	 * given lease, the simulator built as {@code simulator} says.
	 */
	ClusterExtension(String name, Duration lease, UnaryOperator<KiwoomSimulator.Builder> simulator) {
		this.name = name;
		this.lease = lease;
		this.simulator = simulator;
	}

	ClusterExtension(String name, Duration lease) {
		this(name, lease, UnaryOperator.identity());
	}

	/**
	 * A simulator builder on an app key of its own, for a test's other servers.
	 */
	static KiwoomSimulator.Builder simulator(String name) {
		return KiwoomSimulator.builder()
			.appkey(name + "Appkey" + System.nanoTime())
			.secretkey(name + "Secretkey" + System.nanoTime());
	}

	KiwoomSimulator kiwoom() {
		return resources().kiwoom();
	}

	ClusterNodes nodes() {
		return resources().nodes();
	}

	@Override
	protected Cluster open(RedisServer server) {
		KiwoomSimulator kiwoom = this.simulator.apply(simulator(this.name)).start();
		return new Cluster(kiwoom, new ClusterNodes(kiwoom, server, this.lease));
	}

	/**
	 * A test's simulator and members.
	 */
	record Cluster(KiwoomSimulator kiwoom, ClusterNodes nodes) implements AutoCloseable {

		@Override
		public void close() {
			try {
				this.nodes.close();
			}
			finally {
				this.kiwoom.close();
			}
		}

	}

}
