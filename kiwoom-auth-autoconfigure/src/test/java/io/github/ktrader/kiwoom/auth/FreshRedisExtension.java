package io.github.ktrader.kiwoom.auth;

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
 * Base of the Redis tests' fixtures, registered from a {@code static} field: one real
 * {@code redis-server} per test class that each test finds running and empty, with the
 * test's resources opened on it; after the test Redis is running again (a test may have
 * stopped it) when those resources, which leave through Redis, close.
 *
 * @param <T> the resources a test works with
 */
public abstract class FreshRedisExtension<T extends AutoCloseable>
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private final RedisServerExtension redisServer = new RedisServerExtension();

	private @Nullable T resources;

	/**
	 * Return the class's server.
	 * @return the running server
	 */
	public final RedisServer server() {
		return this.redisServer.server();
	}

	/**
	 * Return the running test's resources.
	 * @return the resources opened before the test
	 */
	protected final T resources() {
		T resources = this.resources;
		Assert.state(resources != null, "The resources are opened before each test");
		return resources;
	}

	/**
	 * Open a test's resources on a running, empty server.
	 * @param server the server
	 * @return the resources, closed after the test
	 */
	protected abstract T open(RedisServer server);

	@Override
	public final void beforeAll(ExtensionContext context) {
		this.redisServer.beforeAll(context);
	}

	@Override
	public final void beforeEach(ExtensionContext context) {
		RedisServer server = server();
		server.start();
		server.flushAll();
		this.resources = open(server);
	}

	@Override
	public final void afterEach(ExtensionContext context) throws Exception {
		server().start();
		T resources = this.resources;
		this.resources = null;
		if (resources != null) {
			resources.close();
		}
	}

	@Override
	public final void afterAll(ExtensionContext context) {
		this.redisServer.afterAll(context);
	}

}
