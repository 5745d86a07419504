package io.github.ktrader.kiwoom.auth.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
		Assert.hasText(host, "Host must not be empty");
		Assert.hasText(appkey, "Appkey must not be empty");
		this.hash = HexFormat.of().formatHex(sha256(host + "\n" + appkey), 0, 16);
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

	/**
	 * Return the key of a shared rate bucket: an API id, or {@code *} for the key-wide
	 * one.
	 */
	String rate(String bucket) {
		return this.base + ":rate:" + bucket;
	}

	String channel() {
		return this.base + ":events";
	}

	@Override
	public String toString() {
		return this.base;
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

}
