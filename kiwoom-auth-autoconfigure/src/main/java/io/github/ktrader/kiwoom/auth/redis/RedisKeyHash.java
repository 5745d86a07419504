package io.github.ktrader.kiwoom.auth.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.util.Assert;

/**
 * The part of every Redis key name that stands for one (host, appkey): the first 128 bits
 * of SHA-256 over both, in hex, so that no name reveals the appkey.
 *
 * @since 0.1.0
 */
public final class RedisKeyHash {

	private RedisKeyHash() {
	}

	/**
	 * Return the hash of a host and an appkey.
	 * @param host the Kiwoom host, as in {@code kiwoom.host}
	 * @param appkey the appkey
	 * @return 32 hex digits
	 */
	public static String of(String host, String appkey) {
		Assert.hasText(host, "Host must not be empty");
		Assert.hasText(appkey, "Appkey must not be empty");
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((host + "\n" + appkey).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

}
