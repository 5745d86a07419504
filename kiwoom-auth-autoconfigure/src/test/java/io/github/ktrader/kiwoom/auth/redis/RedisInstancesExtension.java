package io.github.ktrader.kiwoom.auth.redis;

import io.github.ktrader.kiwoom.auth.FreshRedisExtension;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;

/**
 * The fixture of the Redis tests that stop and restart Redis: for each test,
 * {@link RedisInstances} on a running, emptied Redis, closed after it.
 */
final class RedisInstancesExtension extends FreshRedisExtension<RedisInstances> {

	RedisInstances instances() {
		return resources();
	}

	@Override
	protected RedisInstances open(RedisServer server) {
		return new RedisInstances(server);
	}

}
