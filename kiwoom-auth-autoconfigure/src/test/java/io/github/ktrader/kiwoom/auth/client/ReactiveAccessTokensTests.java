package io.github.ktrader.kiwoom.auth.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReactiveAccessTokens}.
 */
class ReactiveAccessTokensTests {

	private final Scheduler eventLoop = Schedulers.newParallel("test-event-loop", 2);

	@AfterEach
	void dispose() {
		this.eventLoop.dispose();
	}

	@Test
	void issueRunsOffTheEventLoopAndIsSharedByConcurrentSubscribers() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		BlockingProvider provider = new BlockingProvider(release);
		ReactiveAccessTokens tokens = new ReactiveAccessTokens(provider, Schedulers.boundedElastic());
		CountDownLatch subscribed = new CountDownLatch(8);
		Mono<List<AccessToken>> all = Flux.range(0, 8)
			.flatMap((i) -> tokens.token().doOnSubscribe((s) -> subscribed.countDown()).subscribeOn(this.eventLoop))
			.collectList()
			.cache();
		all.subscribe();
		// Every subscriber has joined while the one issue is still blocked
		assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(provider.entered.await(5, TimeUnit.SECONDS)).isTrue();
		release.countDown();
		List<AccessToken> received = all.block(Duration.ofSeconds(5));
		assertThat(received).hasSize(8).allSatisfy((token) -> assertThat(token.value()).isEqualTo("token-1"));
		assertThat(provider.calls).hasValue(1);
		assertThat(provider.threads).singleElement().asString().startsWith("boundedElastic-");
	}

	@Test
	void failureIsSharedByThoseWaitingAndNotCached() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		BlockingProvider provider = new BlockingProvider(release);
		provider.failNext = true;
		ReactiveAccessTokens tokens = new ReactiveAccessTokens(provider, Schedulers.boundedElastic());
		CountDownLatch subscribed = new CountDownLatch(3);
		Mono<List<String>> outcomes = Flux.range(0, 3)
			.flatMap((i) -> tokens.token()
				.doOnSubscribe((s) -> subscribed.countDown())
				.map(AccessToken::value)
				.onErrorResume((ex) -> Mono.just("failed")))
			.collectList()
			.cache();
		outcomes.subscribe();
		assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(provider.entered.await(5, TimeUnit.SECONDS)).isTrue();
		release.countDown();
		assertThat(outcomes.block(Duration.ofSeconds(5))).containsExactly("failed", "failed", "failed");
		assertThat(tokens.token().block(Duration.ofSeconds(5)).value()).isEqualTo("token-2");
		assertThat(provider.calls).hasValue(2);
	}

	@Test
	void callerThatRetriesOnTheFailureGetsANewIssueNotTheSameFailure() {
		BlockingProvider provider = new BlockingProvider(new CountDownLatch(0));
		provider.failNext = true;
		ReactiveAccessTokens tokens = new ReactiveAccessTokens(provider, Schedulers.boundedElastic());
		// The retry subscribes while the failure is being delivered: the failed call must
		// be gone by then, or the retry gets the same failure back without a new issue
		String value = tokens.token()
			.onErrorResume((ex) -> tokens.token())
			.map(AccessToken::value)
			.block(Duration.ofSeconds(5));
		assertThat(value).isEqualTo("token-2");
		assertThat(provider.calls).hasValue(2);
	}

	@Test
	void cachedTokenIsUsedWithoutSwitchingThreads() {
		CachingAccessTokenProvider provider = new CachingAccessTokenProvider(
				() -> new AccessToken("cached", Instant.now().plus(Duration.ofHours(1))),
				new SimpleAsyncTaskScheduler(), java.time.Clock.systemUTC(), Duration.ofMinutes(10), Duration.ZERO);
		try {
			provider.getAccessToken();
			// A scheduler that refuses work proves the cached token needs none
			ReactiveAccessTokens tokens = new ReactiveAccessTokens(provider, Schedulers.fromExecutor((task) -> {
				throw new RejectedExecutionException("scheduler used");
			}));
			assertThat(tokens.token().block(Duration.ofSeconds(1)).value()).isEqualTo("cached");
		}
		finally {
			provider.close();
		}
	}

	/**
	 * Provider that blocks in au10001 until released, as a real issue does.
	 */
	static final class BlockingProvider implements AccessTokenProvider {

		private final CountDownLatch release;

		final CountDownLatch entered = new CountDownLatch(1);

		final AtomicInteger calls = new AtomicInteger();

		final List<String> threads = new CopyOnWriteArrayList<>();

		volatile boolean failNext;

		BlockingProvider(CountDownLatch release) {
			this.release = release;
		}

		@Override
		public AccessToken getAccessToken() {
			int call = this.calls.incrementAndGet();
			this.threads.add(Thread.currentThread().getName());
			this.entered.countDown();
			try {
				this.release.await(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (this.failNext) {
				this.failNext = false;
				throw new IllegalStateException("issue failed");
			}
			return new AccessToken("token-" + call, Instant.now().plus(Duration.ofHours(1)));
		}

	}

}
