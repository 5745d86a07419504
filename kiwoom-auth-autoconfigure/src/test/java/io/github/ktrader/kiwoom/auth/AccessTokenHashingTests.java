package io.github.ktrader.kiwoom.auth;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how {@link AccessToken} hashes: equal tokens agree, and tokens differing in
 * value or expiry spread over different hash codes.
 */
class AccessTokenHashingTests {

	private static final Instant EXPIRY = Instant.parse("2026-11-07T08:37:13Z");

	@Test
	void equalTokensHashAlike() {
		assertThat(new AccessToken("token-0123456789", EXPIRY))
			.hasSameHashCodeAs(new AccessToken("token-0123456789", EXPIRY));
	}

	@Test
	void tokensDifferingInValueOrExpiryHashApart() {
		Set<Integer> hashes = new HashSet<>();
		for (int i = 0; i < 10; i++) {
			hashes.add(new AccessToken("token-" + i, EXPIRY).hashCode());
			hashes.add(new AccessToken("token-0", EXPIRY.plusSeconds(i + 1)).hashCode());
		}
		assertThat(hashes).hasSize(20);
	}

}
