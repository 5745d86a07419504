package io.github.ktrader.kiwoom.auth.health;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenState;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.SharedTokenStore;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * {@link HealthIndicator} that reports where the Kiwoom access token stands, read from
 * {@link CachingAccessTokenProvider#state()} without calling Kiwoom.
 * <p>
 * The status is {@code DOWN} when no token can be had (the last issue failed and none is
 * cached) and after a fatal error (wrong keys, keys of the other environment, an
 * unregistered IP) even while a token is still cached, since no retry will fix those. It
 * is {@code OUT_OF_SERVICE} once the provider was closed with the context: an orderly
 * shutdown, not a fault. Otherwise it is {@code UP}, including before the first call,
 * since tokens are issued lazily, and while a renewal is failing for a reason that a
 * retry may fix. Details show the state, the host, the token masked, its expiry in Korean
 * time, the last failure, when the next au10001 may be sent during a cool-down
 * ({@code nextAttemptAt}) and how many tokens in a row died young
 * ({@code youngRejections}, with the likely cause); in cluster mode, the shared token
 * store's state ({@code store}, {@code storeStatus}, {@code storeLastError}); never a key
 * or a whole token.
 *
 * @since 0.1.0
 */
public final class KiwoomHealthIndicator implements HealthIndicator {

	private final Supplier<AccessTokenState> state;

	private final String host;

	private final Supplier<Optional<SharedTokenStore.Health>> storeHealth;

	private volatile @Nullable KiwoomRateLimiter rateLimiter;

	/**
	 * Create an indicator.
	 * @param tokenProvider the provider whose state is reported
	 * @param host the Kiwoom host, {@code kiwoom.host}
	 */
	public KiwoomHealthIndicator(CachingAccessTokenProvider tokenProvider, String host) {
		this(stateOf(tokenProvider), host, tokenProvider::sharedStoreHealth);
	}

	KiwoomHealthIndicator(Supplier<AccessTokenState> state, String host) {
		this(state, host, Optional::empty);
	}

	KiwoomHealthIndicator(Supplier<AccessTokenState> state, String host,
			Supplier<Optional<SharedTokenStore.Health>> storeHealth) {
		Assert.hasText(host, "Host must not be empty");
		this.state = state;
		this.host = host;
		this.storeHealth = storeHealth;
	}

	/**
	 * Report the allowances Kiwoom stated lower than the configured ones
	 * ({@code learnedAllowances}).
	 * @param rateLimiter the pair's pacing, or {@code null}
	 */
	public void setRateLimiter(@Nullable KiwoomRateLimiter rateLimiter) {
		this.rateLimiter = rateLimiter;
	}

	private static Supplier<AccessTokenState> stateOf(CachingAccessTokenProvider tokenProvider) {
		Assert.notNull(tokenProvider, "TokenProvider must not be null");
		return tokenProvider::state;
	}

	@Override
	public Health health() {
		AccessTokenState state = this.state.get();
		Health.Builder builder = Health.status(status(state))
			.withDetail("state", state.status().name())
			.withDetail("host", this.host);
		KiwoomRateLimiter rateLimiter = this.rateLimiter;
		if (rateLimiter != null && !rateLimiter.learnedAllowances().isEmpty()) {
			Map<String, String> learned = new TreeMap<>();
			rateLimiter.learnedAllowances().forEach((apiId, allowance) -> learned.put(apiId, allowance.rate() + "/s"));
			builder.withDetail("learnedAllowances", learned);
		}
		AccessToken token = state.token();
		if (token != null) {
			builder.withDetail("token", token.masked())
				.withDetail("expiresAt",
						token.expiresAt().atZone(AccessToken.KIWOOM_ZONE).toOffsetDateTime().toString());
		}
		RuntimeException failure = state.lastFailure();
		if (failure != null) {
			KiwoomErrorKind kind = state.lastFailureKind();
			builder.withDetail("lastFailureKind", (kind != null) ? kind.name() : failure.getClass().getSimpleName());
			builder.withDetail("lastFailure", String.valueOf(failure.getMessage()));
			Instant failedAt = state.lastFailureAt();
			if (failedAt != null) {
				builder.withDetail("lastFailureAt",
						failedAt.atZone(AccessToken.KIWOOM_ZONE).toOffsetDateTime().toString());
			}
		}
		Instant nextAttempt = state.nextAttemptAt();
		if (nextAttempt != null) {
			builder.withDetail("nextAttemptAt",
					nextAttempt.atZone(AccessToken.KIWOOM_ZONE).toOffsetDateTime().toString());
		}
		if (state.youngRejections() > 0) {
			builder.withDetail("youngRejections", state.youngRejections());
			builder.withDetail("likelyCause", "another process uses the same kiwoom.appkey; "
					+ "give it its own key or use cluster mode (kiwoom.token.store=redis)");
		}
		this.storeHealth.get().ifPresent((store) -> addStore(builder, store));
		return builder.build();
	}

	/**
	 * Cluster mode: the store being down is not the application's outage, since callers
	 * keep the cached token, so it shows in the details only.
	 */
	private static void addStore(Health.Builder builder, SharedTokenStore.Health store) {
		builder.withDetail("store", "redis").withDetail("storeStatus", store.status().name());
		if (store.lastError() != null) {
			builder.withDetail("storeLastError", store.lastError());
			Instant at = store.lastErrorAt();
			if (at != null) {
				builder.withDetail("storeLastErrorAt",
						at.atZone(AccessToken.KIWOOM_ZONE).toOffsetDateTime().toString());
			}
		}
	}

	/**
	 * Return the health status for a provider state.
	 * @param state the provider's state
	 * @return the status
	 */
	static Status status(AccessTokenState state) {
		return switch (state.status()) {
			case CLOSED -> Status.OUT_OF_SERVICE;
			case FAILED -> Status.DOWN;
			default -> isFatal(state.lastFailureKind()) ? Status.DOWN : Status.UP;
		};
	}

	private static boolean isFatal(@Nullable KiwoomErrorKind kind) {
		return kind != null && kind.isFatal() && kind != KiwoomErrorKind.CLOSED;
	}

	@Override
	public String toString() {
		return "KiwoomHealthIndicator[" + this.host + "]";
	}

}
