package io.github.ktrader.kiwoom.auth.test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Issues access tokens and decides whether a token is still valid.
 * <p>
 * A token is valid while it is known, has not been revoked or invalidated, and the clock
 * is before its expiry. Expiry is kept to the second, as {@code expires_dt} shows it.
 * What a re-issue does while a token is valid follows the current
 * {@link ReissueBehavior}. All methods are thread-safe.
 */
final class TokenRegistry {

	private static final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	private final Map<String, IssuedToken> tokens = new LinkedHashMap<>();

	private final Set<String> invalidated = new HashSet<>();

	private final Set<String> revoked = new LinkedHashSet<>();

	/**
	 * Which public IP the client reaches Kiwoom through now: each token is tied to the
	 * one it was issued to.
	 */
	private int egress;

	private Duration lifetime;

	private ReissueBehavior reissueBehavior;

	TokenRegistry(Clock clock, Duration lifetime, ReissueBehavior reissueBehavior) {
		this.clock = clock;
		this.lifetime = lifetime;
		this.reissueBehavior = reissueBehavior;
	}

	synchronized void lifetime(Duration lifetime) {
		this.lifetime = lifetime;
	}

	synchronized void reissueBehavior(ReissueBehavior reissueBehavior) {
		this.reissueBehavior = reissueBehavior;
	}

	/**
	 * Answers an issue request according to the re-issue behaviour.
	 * @return the token to hand out, new or current
	 */
	synchronized IssuedToken issue() {
		IssuedToken current = newestValid();
		if (current != null && current.egress() == this.egress && this.reissueBehavior == ReissueBehavior.SAME_TOKEN) {
			return current;
		}
		if (current != null && this.reissueBehavior == ReissueBehavior.FRESH_KILLS_OLD) {
			this.invalidated.addAll(this.tokens.keySet());
		}
		Instant expiresAt = this.clock.instant().plus(this.lifetime).truncatedTo(ChronoUnit.SECONDS);
		IssuedToken token = new IssuedToken(newTokenValue(), expiresAt, this.egress);
		this.tokens.put(token.value(), token);
		return token;
	}

	synchronized boolean isValid(String token) {
		IssuedToken issued = this.tokens.get(token);
		return issued != null && isValid(issued);
	}

	/**
	 * Revokes a valid token.
	 * @param token the token value
	 * @return whether the token was valid and is now revoked
	 */
	synchronized boolean revoke(String token) {
		if (!isValid(token)) {
			return false;
		}
		this.invalidated.add(token);
		this.revoked.add(token);
		return true;
	}

	synchronized void invalidate(String token) {
		Assert.notNull(token, "Token must not be null");
		this.invalidated.add(token);
	}

	/**
	 * Returns whether a valid token was issued to another public IP than the one the
	 * client uses now (Kiwoom's 8010).
	 */
	synchronized boolean isFromOtherIp(String token) {
		IssuedToken issued = this.tokens.get(token);
		return issued != null && issued.egress() != this.egress;
	}

	synchronized void moveEgressIp() {
		this.egress++;
	}

	synchronized void invalidateAll() {
		this.invalidated.addAll(this.tokens.keySet());
	}

	synchronized Set<String> revoked() {
		return Set.copyOf(this.revoked);
	}

	private @Nullable IssuedToken newestValid() {
		List<IssuedToken> issued = new ArrayList<>(this.tokens.values());
		for (int i = issued.size() - 1; i >= 0; i--) {
			if (isValid(issued.get(i))) {
				return issued.get(i);
			}
		}
		return null;
	}

	private boolean isValid(IssuedToken token) {
		return !this.invalidated.contains(token.value()) && this.clock.instant().isBefore(token.expiresAt());
	}

	private String newTokenValue() {
		byte[] bytes = new byte[48];
		this.random.nextBytes(bytes);
		return encoder.encodeToString(bytes);
	}

	/**
	 * Token handed out by au10001.
	 *
	 * @param value the token, 64 URL-safe characters
	 * @param expiresAt the instant it stops working
	 * @param egress the public IP it was issued to
	 */
	record IssuedToken(String value, Instant expiresAt, int egress) {

		@Override
		public String toString() {
			return "IssuedToken[value=" + this.value.substring(0, 4) + "****, expiresAt=" + this.expiresAt + "]";
		}

	}

}
