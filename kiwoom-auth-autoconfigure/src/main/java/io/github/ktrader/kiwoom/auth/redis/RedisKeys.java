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

	String members() {
		return this.base + ":members";
	}

	String channel() {
		return this.base + ":events";
	}

	@Override
	public String toString() {
		return this.base;
	}

}
