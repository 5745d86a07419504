package io.github.ktrader.kiwoom.auth;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AccessToken}.
 */
class AccessTokenTests {

	private static final String VALUE = "TOKEN-SECRET-abcdefghijklmnopqrstuvwxyz";

	private static final Instant EXPIRY = Instant.parse("2024-11-06T23:37:13Z");

	@Test
	void accessorsReturnWhatWasGiven() {
		AccessToken token = new AccessToken(VALUE, EXPIRY);
		assertThat(token.value()).isEqualTo(VALUE);
		assertThat(token.expiresAt()).isEqualTo(EXPIRY);
	}

	@Test
	void toStringMasksTokenAndShowsKoreanExpiry() {
		AccessToken token = new AccessToken(VALUE, EXPIRY);
		assertThat(token.toString()).isEqualTo("AccessToken[TOKE****, expires 2024-11-07T08:37:13+09:00]")
			.doesNotContain(VALUE)
			.doesNotContain("SECRET");
	}

	@Test
	void toStringMasksShortTokenCompletely() {
		assertThat(new AccessToken("short", EXPIRY).toString()).startsWith("AccessToken[****,").doesNotContain("short");
	}

	@Test
	void maskedShowsFirstFourCharacters() {
		assertThat(new AccessToken(VALUE, EXPIRY).masked()).isEqualTo("TOKE****");
	}

	@Test
	void equalsAndHashCodeUseValueAndExpiry() {
		AccessToken token = new AccessToken(VALUE, EXPIRY);
		AccessToken same = new AccessToken(new String(VALUE), Instant.ofEpochSecond(EXPIRY.getEpochSecond()));
		assertThat(token).isEqualTo(token).isEqualTo(same).hasSameHashCodeAs(same);
		assertThat(token).isNotEqualTo(new AccessToken(VALUE + "x", EXPIRY));
		assertThat(token).isNotEqualTo(new AccessToken(VALUE, EXPIRY.plusSeconds(1)));
		assertThat(token).isNotEqualTo(null);
		assertThat(token).isNotEqualTo(VALUE);
	}

	@Test
	void isExpiredAtBoundary() {
		AccessToken token = new AccessToken(VALUE, EXPIRY);
		assertThat(token.isExpiredAt(EXPIRY.minusSeconds(3600))).isFalse();
		assertThat(token.isExpiredAt(EXPIRY.minusNanos(1))).isFalse();
		assertThat(token.isExpiredAt(EXPIRY)).isTrue();
		assertThat(token.isExpiredAt(EXPIRY.plusNanos(1))).isTrue();
	}

	@Test
	void kiwoomZoneIsSeoul() {
		assertThat(AccessToken.KIWOOM_ZONE.getId()).isEqualTo("Asia/Seoul");
	}

	@Test
	void createWithEmptyValueFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AccessToken("", EXPIRY))
			.withMessage("Value must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> new AccessToken(" ", EXPIRY))
			.withMessage("Value must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> new AccessToken(null, EXPIRY))
			.withMessage("Value must not be empty");
	}

	@Test
	void createWithNullExpiryFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AccessToken(VALUE, null))
			.withMessage("ExpiresAt must not be null");
	}

}
