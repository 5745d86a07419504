package io.github.ktrader.kiwoom.auth;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Snapshot of a {@link CachingAccessTokenProvider}: where its token stands and the last
 * failure to get one.
 *
 * @param status where the token stands
 * @param token the cached token, or {@code null} if none is cached
 * @param lastFailure the last failure to issue a token since the last success, or
 * {@code null}
 * @param lastFailureAt when that failure happened, or {@code null}
 * @param nextAttemptAt the earliest time a new au10001 may be sent after a failure or
 * while tokens keep being rejected young, or {@code null} if now
 * @param youngRejections how many tokens in a row Kiwoom rejected within seconds of their
 * issue, a sign that another process uses the same app key
 * @since 0.1.0
 */
public record AccessTokenState(Status status, @Nullable AccessToken token, @Nullable RuntimeException lastFailure,
		@Nullable Instant lastFailureAt, @Nullable Instant nextAttemptAt, int youngRejections) {

	/**
	 * Create a snapshot without a cool-down or young rejections.
	 * @param status where the token stands
	 * @param token the cached token, or {@code null}
	 * @param lastFailure the last failure, or {@code null}
	 * @param lastFailureAt when that failure happened, or {@code null}
	 */
	public AccessTokenState(Status status, @Nullable AccessToken token, @Nullable RuntimeException lastFailure,
			@Nullable Instant lastFailureAt) {
		this(status, token, lastFailure, lastFailureAt, null, 0);
	}

	/**
	 * Return the kind of the last failure, or {@code null} if there was none or it was
	 * not a {@link KiwoomAuthException}.
	 * @return the failure kind
	 */
	public @Nullable KiwoomErrorKind lastFailureKind() {
		return (this.lastFailure instanceof KiwoomAuthException kiwoom) ? kiwoom.getKind() : null;
	}

	/**
	 * Where a provider's token stands.
	 */
	public enum Status {

		/**
		 * No token has been asked for yet: tokens are issued on first use.
		 */
		NOT_ISSUED,

		/**
		 * A token is cached and Kiwoom should accept it.
		 */
		VALID,

		/**
		 * A token is cached and its renewal is in flight.
		 */
		RENEWING,

		/**
		 * A token is cached but renewing it failed; it is served until it expires while
		 * the renewal is retried.
		 */
		RENEWAL_FAILING,

		/**
		 * The last token expired or was rejected; the next call issues a new one.
		 */
		EXPIRED,

		/**
		 * No token is cached and the last attempt to issue one failed.
		 */
		FAILED,

		/**
		 * The provider was closed with its application context.
		 */
		CLOSED

	}

}
