package io.github.ktrader.kiwoom.auth.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisKeys}.
 */
class RedisKeysTests {

	private static final String APPKEY = "AppKeyAbcdefghijklmnopqrstuvwxyz0123456789";

	private final RedisKeys keys = new RedisKeys("kiwoom:auth", "https://api.kiwoom.com", APPKEY);

	@Test
	void namesArePrefixHashAndRole() {
		String base = "kiwoom:auth:" + this.keys.hash();
		assertThat(this.keys.hash()).matches("[0-9a-f]{32}");
		assertThat(this.keys.token()).isEqualTo(base + ":token");
		assertThat(this.keys.lock()).isEqualTo(base + ":lock");
		assertThat(this.keys.members()).isEqualTo(base + ":members");
		assertThat(this.keys.channel()).isEqualTo(base + ":events");
		assertThat(this.keys).hasToString(base);
	}

	@Test
	void noNameContainsTheAppkeyOrAPartOfIt() {
		for (String name : new String[] { this.keys.token(), this.keys.lock(), this.keys.members(),
				this.keys.channel() }) {
			assertThat(name).doesNotContain(APPKEY).doesNotContain(APPKEY.substring(0, 8));
		}
	}

	@Test
	void hostAndAppkeyEachChangeTheHash() {
		assertThat(new RedisKeys("kiwoom:auth", "https://mockapi.kiwoom.com", APPKEY).hash())
			.isNotEqualTo(this.keys.hash());
		assertThat(new RedisKeys("kiwoom:auth", "https://api.kiwoom.com", APPKEY + "x").hash())
			.isNotEqualTo(this.keys.hash());
		assertThat(new RedisKeys("other", "https://api.kiwoom.com", APPKEY).hash()).isEqualTo(this.keys.hash());
	}

}
