package io.github.ktrader.kiwoom.auth.redis;

import org.springframework.util.Assert;

/**
 * Names of the Redis keys and the channel of one (host, appkey):
 * {@code <prefix>:<hash>:…} where the hash is the first 128 bits of SHA-256 over host and
 * appkey, so that no name reveals the appkey.
 */
final class RedisKeys {

	private final String hash;

	private final String base;

	RedisKeys(String keyPrefix, String host, String appkey) {
		Assert.hasText(keyPrefix, "KeyPrefix must not be empty");
		this.hash = RedisKeyHash.of(host, appkey);
		this.base = keyPrefix + ":" + this.hash;
	}

	/**
	 * Return the hash that stands for host and appkey; it is also the cipher's associated
	 * data.
	 */
	String hash() {
		return this.hash;
	}

	String token() {
		return this.base + ":token";
	}

	String lock() {
		return this.base + ":lock";
	}

	/**
	 * The cool-down mark of a failed au10001 sequence: the failure's kind, expiring with
	 * the cool-down.
	 */
	String failed() {
		return this.base + ":failed";
	}

	/**
	 * The counter of epochs: the order in which tokens were issued.
	 */
	String epoch() {
		return this.base + ":epoch";
	}

	/**
	 * Set for a lease after a token was put back into a Redis that lost its data: the
	 * member set may still miss members.
	 */
	String rebuilt() {
		return this.base + ":rebuilt";
	}

	String members() {
		return this.base + ":members";
	}

	/**
	 * Return the key of a shared rate bucket: an API id, or {@code *} for the key-wide
	 * one.
	 */
	String rate(String bucket) {
		return this.base + ":rate:" + bucket;
	}

	/**
	 * Return the key of the allowance Kiwoom stated for a shared rate bucket, which every
	 * instance paces at.
	 */
	String learned(String bucket) {
		return this.base + ":rate-learned:" + bucket;
	}

	String channel() {
		return this.base + ":events";
	}

	@Override
	public String toString() {
		return this.base;
	}

}
