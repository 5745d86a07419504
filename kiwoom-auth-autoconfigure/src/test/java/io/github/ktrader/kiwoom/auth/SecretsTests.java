package io.github.ktrader.kiwoom.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Secrets}.
 */
class SecretsTests {

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "a", "abcd", "abcde", "short-key", "abcdefghijk" })
	void maskHidesNullEmptyAndShortSecretsCompletely(String secret) {
		assertThat(Secrets.mask(secret)).isEqualTo("****");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abcdefghijkl", "abcdefghijklmnopqrstuvwxyz0123456789",
			"abcd-SECRET-1234567890-SECRET-abcdefghijklmnopqrstuvwxyz-0123456789-0123456789" })
	void maskShowsFirstFourCharactersOfLongSecrets(String secret) {
		assertThat(Secrets.mask(secret)).isEqualTo("abcd****");
	}

	@Test
	void maskNeverReturnsTheSecret() {
		String secret = "APPKEY-SECRET-1234567890";
		assertThat(Secrets.mask(secret)).isEqualTo("APPK****").doesNotContain("SECRET", "1234567890");
	}

	@Test
	void maskKeepsNonAsciiCharacters() {
		assertThat(Secrets.mask("키움증권토큰값이길게이어집니다")).isEqualTo("키움증권****");
	}

}
