package io.github.ktrader.kiwoom.auth.event;

import java.time.Duration;
import java.time.Instant;

import io.github.ktrader.kiwoom.auth.AccessToken;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.util.Assert;

/**
 * Base class of the events published about Kiwoom access tokens. Exposes the token only
 * masked ({@code abcd****}), so an event can be logged or stored for audit safely.
 * <p>
 * Events are published on the thread that did the work: a caller, the renewal thread, or
 * the shutdown thread. Listeners should return quickly (or be {@code @Async}).
 *
 * @since 0.1.0
 */
public abstract class KiwoomTokenEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final String account;

	private final @Nullable String maskedToken;

	private final @Nullable Instant expiresAt;

	private final Duration elapsed;

	/**
	 * Create a new event.
	 * @param source the object that published the event
	 * @param token the token the event is about, or {@code null} if there is none
	 * @param elapsed how long the Kiwoom call took, or {@link Duration#ZERO}
	 */
	protected KiwoomTokenEvent(Object source, @Nullable AccessToken token, Duration elapsed) {
		super(source);
		Assert.notNull(elapsed, "Elapsed must not be null");
		this.account = (source instanceof KiwoomTokenEventPublisher publisher) ? publisher.getAccount()
				: KiwoomTokenEventPublisher.DEFAULT_ACCOUNT;
		this.maskedToken = (token != null) ? token.masked() : null;
		this.expiresAt = (token != null) ? token.expiresAt() : null;
		this.elapsed = elapsed;
	}

	/**
	 * Return the name of the key pair the token belongs to: {@code default} for the
	 * {@code kiwoom.*} pair, or the name under {@code kiwoom.accounts}.
	 * @return the pair's name
	 * @since 0.1.0
	 */
	public String getAccount() {
		return this.account;
	}

	/**
	 * Return the token masked, such as {@code abcd****}.
	 * @return the masked token, or {@code null} if the event is about a failure to get
	 * one
	 */
	public @Nullable String getMaskedToken() {
		return this.maskedToken;
	}

	/**
	 * Return the instant the token expires.
	 * @return the expiry, or {@code null} if the event is about a failure to get a token
	 */
	public @Nullable Instant getExpiresAt() {
		return this.expiresAt;
	}

	/**
	 * Return how long the Kiwoom call took, retries included.
	 * @return the duration, {@link Duration#ZERO} when no call was made
	 */
	public Duration getElapsed() {
		return this.elapsed;
	}

	/**
	 * Describe what is specific to the event, for {@link #toString()}.
	 * @return extra details such as {@code ", reason=FIRST_USE"}, or an empty string
	 */
	protected String details() {
		return "";
	}

	@Override
	public String toString() {
		StringBuilder description = new StringBuilder(getClass().getSimpleName()).append('[');
		if (!KiwoomTokenEventPublisher.DEFAULT_ACCOUNT.equals(this.account)) {
			description.append("account=").append(this.account).append(", ");
		}
		if (this.maskedToken != null && this.expiresAt != null) {
			description.append("token=")
				.append(this.maskedToken)
				.append(", expiresAt=")
				.append(this.expiresAt.atZone(AccessToken.KIWOOM_ZONE).toOffsetDateTime())
				.append(", ");
		}
		return description.append("elapsed=").append(this.elapsed).append(details()).append(']').toString();
	}

}
