package io.github.ktrader.kiwoom.auth.realtime.cluster;

import io.github.ktrader.kiwoom.auth.redis.RedisKeyHash;

import org.springframework.util.Assert;

/**
 * Names of the Redis keys, channels and stream of one (host, appkey)'s real-time socket:
 * {@code <prefix>:<hash>:realtime:…}, the hash (the first 128 bits of SHA-256 over host
 * and appkey, as for the token) keeping the appkey out of every name.
 */
final class ClusterKeys {

	private final String base;

	ClusterKeys(String keyPrefix, String host, String appkey) {
		Assert.hasText(keyPrefix, "KeyPrefix must not be empty");
		this.base = keyPrefix + ":" + RedisKeyHash.of(host, appkey) + ":realtime";
	}

	/**
	 * The lease of the member that holds the socket; its value is that member's id.
	 */
	String lease() {
		return this.base + ":holder";
	}

	/**
	 * The members, scored by the end of their lease (Redis time).
	 */
	String members() {
		return this.base + ":members";
	}

	/**
	 * The prefix of each member's hash of subscriptions ({@code type|item}).
	 */
	String subscriptionsPrefix() {
		return this.base + ":subs:";
	}

	String subscriptions(String member) {
		return subscriptionsPrefix() + member;
	}

	/**
	 * Pub/sub channel of market data.
	 */
	String market() {
		return this.base + ":market";
	}

	/**
	 * Pub/sub channel of the cluster's own messages (holder online, gaps, changes).
	 */
	String control() {
		return this.base + ":control";
	}

	/**
	 * Stream of the account's own frames ({@code 00}, {@code 04}).
	 */
	String account() {
		return this.base + ":account";
	}

	/**
	 * The holder's answer to a member's one-shot condition request.
	 */
	String answer(String id) {
		return this.base + ":answer:" + id;
	}

	@Override
	public String toString() {
		return this.base;
	}

}
