package io.github.ktrader.kiwoom.auth.redis;

import java.time.Instant;

import io.github.ktrader.kiwoom.auth.AccessToken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenCipher}.
 */
class TokenCipherTests {

	static final String HOST = "https://api.kiwoom.com";

	static final String APPKEY = "AppKeyAbcdefghijklmnopqrstuvwxyz0123456789";

	static final String SECRETKEY = "SecretKeyAbcdefghijklmnopqrstuvwxyz012345";

	static final AccessToken TOKEN = new AccessToken("TokenValueWQJCwyqInphKnR3bSRtB9NE1lv_2t0FTTm0lqNN7Yy",
			Instant.parse("2026-12-01T12:00:00Z"));

	private final RedisKeys keys = new RedisKeys("kiwoom:auth", HOST, APPKEY);

	private final TokenCipher cipher = new TokenCipher(SECRETKEY, HOST, APPKEY, this.keys.hash());

	@Test
	void opensWhatItSealed() {
		assertThat(this.cipher.open(this.cipher.seal(TOKEN, 1))).contains(TOKEN);
	}

	@Test
	void sealedFormShowsNeitherTokenNorKeys() {
		String sealed = this.cipher.seal(TOKEN, 1);
		assertThat(sealed).startsWith("v2:")
			.doesNotContain(TOKEN.value())
			.doesNotContain(TOKEN.value().substring(0, 16))
			.doesNotContain(APPKEY)
			.doesNotContain(SECRETKEY);
	}

	@Test
	void everySealUsesAFreshIv() {
		String first = this.cipher.seal(TOKEN, 1);
		String second = this.cipher.seal(TOKEN, 1);
		assertThat(first).isNotEqualTo(second);
		assertThat(first.split(":")[4]).isNotEqualTo(second.split(":")[4]);
		assertThat(this.cipher.open(second)).contains(TOKEN);
	}

	@Test
	void otherSecretkeyCannotOpen() {
		TokenCipher other = new TokenCipher("OtherSecretAbcdefghijklmnopqrstuvwxyz0123", HOST, APPKEY,
				this.keys.hash());
		assertThat(other.open(this.cipher.seal(TOKEN, 1))).isEmpty();
	}

	@Test
	void otherHostCannotOpen() {
		TokenCipher other = new TokenCipher(SECRETKEY, "https://mockapi.kiwoom.com", APPKEY, this.keys.hash());
		assertThat(other.open(this.cipher.seal(TOKEN, 1))).isEmpty();
	}

	@Test
	void changedCiphertextFailsAuthentication() {
		String[] parts = this.cipher.seal(TOKEN, 1).split(":");
		char[] data = parts[5].toCharArray();
		data[3] = (data[3] == 'A') ? 'B' : 'A';
		parts[5] = new String(data);
		assertThat(this.cipher.open(String.join(":", parts))).isEmpty();
	}

	@Test
	void changedExpiryFailsAuthentication() {
		String[] parts = this.cipher.seal(TOKEN, 1).split(":");
		parts[3] = Long.toString(Long.parseLong(parts[3]) + 3_600_000);
		assertThat(this.cipher.open(String.join(":", parts))).isEmpty();
	}

	@Test
	void changedEpochFailsAuthentication() {
		String[] parts = this.cipher.seal(TOKEN, 1).split(":");
		parts[2] = "2";
		assertThat(this.cipher.open(String.join(":", parts))).isEmpty();
		assertThat(this.cipher.openWithEpoch(this.cipher.seal(TOKEN, 7))).hasValueSatisfying((opened) -> {
			assertThat(opened.token()).isEqualTo(TOKEN);
			assertThat(opened.epoch()).isEqualTo(7);
		});
	}

	@Test
	void changedIdFailsAuthentication() {
		String[] parts = this.cipher.seal(TOKEN, 1).split(":");
		parts[1] = this.cipher.sealedPrefix(new AccessToken("SomeOtherTokenValue0123456789", TOKEN.expiresAt()))
			.split(":")[1];
		assertThat(this.cipher.open(String.join(":", parts))).isEmpty();
	}

	@Test
	void otherKeyHashFailsAuthentication() {
		TokenCipher other = new TokenCipher(SECRETKEY, HOST, APPKEY, "0123456789abcdef0123456789abcdef");
		assertThat(other.open(this.cipher.seal(TOKEN, 1))).isEmpty();
	}

	@Test
	void malformedFormsReadAsAbsent() {
		assertThat(this.cipher.open("")).isEmpty();
		assertThat(this.cipher.open("v1:a:b:c")).isEmpty();
		assertThat(this.cipher.open("v1:" + this.cipher.seal(TOKEN, 1).substring(3))).isEmpty();
		assertThat(this.cipher.open("v2:id:1:notanumber:AAAA:AAAA")).isEmpty();
		assertThat(this.cipher.open("v1:id:notanumber:AAAA:AAAA")).isEmpty();
		assertThat(this.cipher.open("v1:id:1:%%%:AAAA")).isEmpty();
		assertThat(this.cipher.open("v1:id:1:AAAA:AAAA")).isEmpty();
	}

	@Test
	void sealedPrefixMatchesEverySealOfTheSameTokenOnly() {
		String prefix = this.cipher.sealedPrefix(TOKEN);
		assertThat(this.cipher.seal(TOKEN, 1)).startsWith(prefix);
		assertThat(this.cipher.seal(new AccessToken(TOKEN.value() + "x", TOKEN.expiresAt()), 1))
			.doesNotStartWith(prefix);
		assertThat(TokenCipher.idOf(this.cipher.seal(TOKEN, 1))).isEqualTo(prefix.split(":")[1]);
	}

}
