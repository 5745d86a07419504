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
		assertThat(this.cipher.open(this.cipher.seal(TOKEN))).contains(TOKEN);
	}

	@Test
	void sealedFormShowsNeitherTokenNorKeys() {
		String sealed = this.cipher.seal(TOKEN);
		assertThat(sealed).startsWith("v1:")
			.doesNotContain(TOKEN.value())
			.doesNotContain(TOKEN.value().substring(0, 16))
			.doesNotContain(APPKEY)
			.doesNotContain(SECRETKEY);
	}

	@Test
	void everySealUsesAFreshIv() {
		String first = this.cipher.seal(TOKEN);
		String second = this.cipher.seal(TOKEN);
		assertThat(first).isNotEqualTo(second);
		assertThat(first.split(":")[3]).isNotEqualTo(second.split(":")[3]);
		assertThat(this.cipher.open(second)).contains(TOKEN);
	}

	@Test
	void otherSecretkeyCannotOpen() {
		TokenCipher other = new TokenCipher("OtherSecretAbcdefghijklmnopqrstuvwxyz0123", HOST, APPKEY,
				this.keys.hash());
		assertThat(other.open(this.cipher.seal(TOKEN))).isEmpty();
	}

	@Test
	void otherHostCannotOpen() {
		TokenCipher other = new TokenCipher(SECRETKEY, "https://mockapi.kiwoom.com", APPKEY, this.keys.hash());
		assertThat(other.open(this.cipher.seal(TOKEN))).isEmpty();
	}

	@Test
	void changedCiphertextFailsAuthentication() {
		String[] parts = this.cipher.seal(TOKEN).split(":");
		char[] data = parts[4].toCharArray();
		data[3] = (data[3] == 'A') ? 'B' : 'A';
		parts[4] = new String(data);
		assertThat(this.cipher.open(String.join(":", parts))).isEmpty();
	}

	@Test
	void changedExpiryFailsAuthentication() {
		String[] parts = this.cipher.seal(TOKEN).split(":");
		parts[2] = Long.toString(Long.parseLong(parts[2]) + 3_600_000);
		assertThat(this.cipher.open(String.join(":", parts))).isEmpty();
	}

	@Test
	void changedIdFailsAuthentication() {
		String[] parts = this.cipher.seal(TOKEN).split(":");
		parts[1] = this.cipher.sealedPrefix(new AccessToken("SomeOtherTokenValue0123456789", TOKEN.expiresAt()))
			.split(":")[1];
		assertThat(this.cipher.open(String.join(":", parts))).isEmpty();
	}

	@Test
	void otherKeyHashFailsAuthentication() {
		TokenCipher other = new TokenCipher(SECRETKEY, HOST, APPKEY, "0123456789abcdef0123456789abcdef");
		assertThat(other.open(this.cipher.seal(TOKEN))).isEmpty();
	}

	@Test
	void malformedFormsReadAsAbsent() {
		assertThat(this.cipher.open("")).isEmpty();
		assertThat(this.cipher.open("v1:a:b:c")).isEmpty();
		assertThat(this.cipher.open("v2:" + this.cipher.seal(TOKEN).substring(3))).isEmpty();
		assertThat(this.cipher.open("v1:id:notanumber:AAAA:AAAA")).isEmpty();
		assertThat(this.cipher.open("v1:id:1:%%%:AAAA")).isEmpty();
		assertThat(this.cipher.open("v1:id:1:AAAA:AAAA")).isEmpty();
	}

	@Test
	void sealedPrefixMatchesEverySealOfTheSameTokenOnly() {
		String prefix = this.cipher.sealedPrefix(TOKEN);
		assertThat(this.cipher.seal(TOKEN)).startsWith(prefix);
		assertThat(this.cipher.seal(new AccessToken(TOKEN.value() + "x", TOKEN.expiresAt()))).doesNotStartWith(prefix);
		assertThat(TokenCipher.idOf(this.cipher.seal(TOKEN))).isEqualTo(prefix.split(":")[1]);
	}

}
