package io.github.ktrader.kiwoom.auth.redis;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.github.ktrader.kiwoom.auth.AccessToken;

import org.springframework.util.Assert;

/**
 * Seals a token for Redis with AES-256-GCM, and opens it again.
 * <p>
 * A master key is HMAC-SHA256(secretkey, {@code "kiwoom-auth/token/v1|" + host + "|" +
 * appkey}); the AES key is HMAC-SHA256(master, {@code "enc"}) and the token id key
 * HMAC-SHA256(master, {@code "id"}). The sealed form is
 * {@code v2:<id>:<epoch>:<expiry epoch ms>:<iv>:<ciphertext>}: {@code id} is the first
 * 128 bits of HMAC-SHA256(id key, token) in hex, so that Redis can compare tokens without
 * reading them; {@code epoch} is the token's place in the order of issue, taken in Redis
 * ({@link RedisSharedTokenStore}); the IV is 96 random bits per seal; the associated data
 * is the key hash, id, epoch and expiry, so none of the visible fields can be changed
 * without failing authentication.
 */
final class TokenCipher {

	private static final String VERSION = "v2";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SecretKeySpec encryptionKey;

	private final byte[] idKey;

	private final String keyHash;

	private final SecureRandom random = new SecureRandom();

	TokenCipher(String secretkey, String host, String appkey, String keyHash) {
		Assert.hasText(secretkey, "Secretkey must not be empty");
		Assert.hasText(keyHash, "KeyHash must not be empty");
		byte[] master = hmac(secretkey.getBytes(StandardCharsets.UTF_8), "kiwoom-auth/token/v1|" + host + "|" + appkey);
		this.encryptionKey = new SecretKeySpec(hmac(master, "enc"), "AES");
		this.idKey = hmac(master, "id");
		this.keyHash = keyHash;
	}

	/**
	 * Return the sealed form of the token with its epoch, different on every call.
	 */
	String seal(AccessToken token, long epoch) {
		String id = id(token.value());
		long expiry = token.expiresAt().toEpochMilli();
		byte[] iv = new byte[IV_BYTES];
		this.random.nextBytes(iv);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, id, epoch, expiry);
			byte[] sealed = cipher.doFinal(token.value().getBytes(StandardCharsets.UTF_8));
			return VERSION + ":" + id + ":" + epoch + ":" + expiry + ":" + ENCODER.encodeToString(iv) + ":"
					+ ENCODER.encodeToString(sealed);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	/**
	 * Return the token of a sealed form, or empty when it is malformed, was sealed with
	 * other keys, or was changed.
	 */
	Optional<AccessToken> open(String sealed) {
		return openWithEpoch(sealed).map(Opened::token);
	}

	/**
	 * Return the token of a sealed form with its epoch, or empty when it is malformed,
	 * was sealed with other keys, or was changed.
	 */
	Optional<Opened> openWithEpoch(String sealed) {
		String[] parts = sealed.split(":", -1);
		if (parts.length != 6 || !VERSION.equals(parts[0])) {
			return Optional.empty();
		}
		try {
			long epoch = Long.parseLong(parts[2]);
			long expiry = Long.parseLong(parts[3]);
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, DECODER.decode(parts[4]), parts[1], epoch, expiry);
			String value = new String(cipher.doFinal(DECODER.decode(parts[5])), StandardCharsets.UTF_8);
			if (value.isEmpty() || !id(value).equals(parts[1])) {
				return Optional.empty();
			}
			return Optional.of(new Opened(new AccessToken(value, Instant.ofEpochMilli(expiry)), epoch));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Return how every sealed form of the token starts, for compare-and-delete in Redis.
	 */
	String sealedPrefix(AccessToken token) {
		return VERSION + ":" + id(token.value()) + ":";
	}

	/**
	 * Return the id of the token, as its sealed forms show it.
	 */
	String tokenId(AccessToken token) {
		return id(token.value());
	}

	/**
	 * Return the token id shown in a sealed form, for logs; it reveals nothing without
	 * the secretkey.
	 */
	static String idOf(String sealed) {
		String[] parts = sealed.split(":", 3);
		return (parts.length == 3) ? parts[1] : "?";
	}

	private String id(String value) {
		return HexFormat.of().formatHex(hmac(this.idKey, value), 0, 16);
	}

	private Cipher cipher(int mode, byte[] iv, String id, long epoch, long expiry) throws GeneralSecurityException {
		if (iv.length != IV_BYTES) {
			throw new IllegalArgumentException("IV must be " + IV_BYTES + " bytes");
		}
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, this.encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
		cipher.updateAAD((this.keyHash + "|" + id + "|" + epoch + "|" + expiry).getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

	private static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * A token opened with its epoch.
	 */
	record Opened(AccessToken token, long epoch) {

	}

}
