package io.github.ktrader.kiwoom.auth;

import java.time.Instant;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Kiwoom access token (au10001) together with the instant it expires.
 * <p>
 * {@link #toString()} shows the token masked, so an instance can be logged safely.
 *
 * @since 0.1.0
 */
public final class AccessToken {

	/**
	 * Zone in which Kiwoom writes {@code expires_dt}.
	 */
	public static final ZoneId KIWOOM_ZONE = ZoneId.of("Asia/Seoul");

	private final String value;

	private final Instant expiresAt;

	private final @Nullable Instant issuedAt;

	private final String authorization;

	/**
	 * Create a new token.
	 * @param value the token as Kiwoom issued it
	 * @param expiresAt the instant Kiwoom stops accepting it
	 */
	public AccessToken(String value, Instant expiresAt) {
		this(value, expiresAt, null);
	}

	/**
	 * Create a new token together with Kiwoom's clock at its issue.
	 * @param value the token as Kiwoom issued it
	 * @param expiresAt the instant Kiwoom stops accepting it
	 * @param issuedAt Kiwoom's clock when it answered (the {@code Date} header of
	 * au10001), or {@code null} if unknown
	 */
	public AccessToken(String value, Instant expiresAt, @Nullable Instant issuedAt) {
		Assert.hasText(value, "Value must not be empty");
		Assert.notNull(expiresAt, "ExpiresAt must not be null");
		this.value = value;
		this.expiresAt = expiresAt;
		this.issuedAt = issuedAt;
		// Made once here, so that sending the token allocates nothing per call.
		this.authorization = "Bearer " + value;
	}

	/**
	 * Return the token to send as {@code authorization: Bearer <token>}.
	 * @return the token value
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Return the value of the {@code authorization} header that carries this token:
	 * {@code Bearer <token>}, whatever {@code token_type} Kiwoom answered.
	 * @return the header value
	 */
	public String authorization() {
		return this.authorization;
	}

	/**
	 * Return the instant Kiwoom stops accepting this token.
	 * @return the expiry instant
	 */
	public Instant expiresAt() {
		return this.expiresAt;
	}

	/**
	 * Return Kiwoom's clock when it issued this token (the {@code Date} header of the
	 * au10001 answer), so that its lifetime is known whatever this machine's clock says.
	 * @return Kiwoom's time of issue, or {@code null} if unknown
	 */
	public @Nullable Instant issuedAt() {
		return this.issuedAt;
	}

	/**
	 * Return whether the token has expired at the given instant.
	 * @param now the instant to compare with
	 * @return {@code true} once {@code now} has reached the expiry
	 */
	public boolean isExpiredAt(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

	/**
	 * Return the token masked for logs, such as {@code abcd****}.
	 * @return the masked token
	 */
	public String masked() {
		return Secrets.mask(this.value);
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		return (other instanceof AccessToken that) && this.value.equals(that.value)
				&& this.expiresAt.equals(that.expiresAt);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode() * 31 + this.expiresAt.hashCode();
	}

	@Override
	public String toString() {
		return "AccessToken[" + masked() + ", expires " + this.expiresAt.atZone(KIWOOM_ZONE).toOffsetDateTime() + "]";
	}

}
