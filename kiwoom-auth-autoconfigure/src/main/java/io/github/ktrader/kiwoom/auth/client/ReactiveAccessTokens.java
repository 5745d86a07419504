package io.github.ktrader.kiwoom.auth.client;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Hands out tokens to reactive pipelines without blocking the calling thread.
 * <p>
 * A token the provider has cached is returned at once. Otherwise the provider, which may
 * block while au10001 runs, is called on the given scheduler (bounded elastic in
 * production), and every subscriber that arrives meanwhile shares that one call and its
 * outcome, success or failure. The same holds for renewing a rejected token. Thread-safe.
 */
final class ReactiveAccessTokens {

	private static final Object ISSUE = new Object();

	private final AccessTokenProvider provider;

	private final Scheduler scheduler;

	private final Map<Object, Mono<AccessToken>> inFlight = new ConcurrentHashMap<>();

	ReactiveAccessTokens(AccessTokenProvider provider, Scheduler scheduler) {
		this.provider = provider;
		this.scheduler = scheduler;
	}

	Mono<AccessToken> token() {
		return Mono.defer(() -> {
			AccessToken cached = cached();
			return (cached != null) ? Mono.just(cached) : shared(ISSUE, this.provider::getAccessToken);
		});
	}

	Mono<AccessToken> renewRejected(AccessToken rejected, KiwoomStatus status) {
		return Mono.defer(() -> shared(rejected, () -> this.provider.renewRejected(rejected, status)));
	}

	private @Nullable AccessToken cached() {
		if (this.provider instanceof CachingAccessTokenProvider caching) {
			return caching.currentToken().orElse(null);
		}
		return null;
	}

	private Mono<AccessToken> shared(Object key, Callable<AccessToken> call) {
		return this.inFlight.computeIfAbsent(key, (k) -> Mono.fromCallable(call)
			.subscribeOn(this.scheduler)
			// Removed before the outcome reaches anyone, so that a failure is shared only
			// by
			// those who waited for it: a caller that retries on it issues anew
			.doOnTerminate(() -> this.inFlight.remove(k))
			.cache());
	}

}
