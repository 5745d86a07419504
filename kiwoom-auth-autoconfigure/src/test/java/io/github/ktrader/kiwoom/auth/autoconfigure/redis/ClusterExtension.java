package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import java.time.Duration;
import java.util.function.UnaryOperator;

import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.util.Assert;

/**
 * The cluster tests' fixture, registered from a {@code static} field: one real
 * {@code redis-server} per test class, and for each test an emptied Redis, a simulator on
 * an app key of its own and {@link ClusterNodes} on both. After each test Redis is
 * running again (a test may have stopped it), every member is closed, then the simulator.
 */
final class ClusterExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private final RedisServerExtension redisServer = new RedisServerExtension();

	private final String name;

	private final Duration lease;

	private final UnaryOperator<KiwoomSimulator.Builder> simulator;

	private @Nullable KiwoomSimulator kiwoom;

	private @Nullable ClusterNodes nodes;

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

	RedisServer redis() {
		return this.redisServer.server();
	}

	KiwoomSimulator kiwoom() {
		KiwoomSimulator kiwoom = this.kiwoom;
		Assert.state(kiwoom != null, "The simulator starts before each test");
		return kiwoom;
	}

	ClusterNodes nodes() {
		ClusterNodes nodes = this.nodes;
		Assert.state(nodes != null, "The members' harness is made before each test");
		return nodes;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.redisServer.beforeAll(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		RedisServer redis = redis();
		redis.start();
		redis.flushAll();
		this.kiwoom = this.simulator.apply(simulator(this.name)).start();
		this.nodes = new ClusterNodes(this.kiwoom, redis, this.lease);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		// Members leave through Redis: bring it back for a test that stopped it
		redis().start();
		ClusterNodes nodes = this.nodes;
		KiwoomSimulator kiwoom = this.kiwoom;
		this.nodes = null;
		this.kiwoom = null;
		try {
			if (nodes != null) {
				nodes.close();
			}
		}
		finally {
			if (kiwoom != null) {
				kiwoom.close();
			}
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.redisServer.afterAll(context);
	}

}
