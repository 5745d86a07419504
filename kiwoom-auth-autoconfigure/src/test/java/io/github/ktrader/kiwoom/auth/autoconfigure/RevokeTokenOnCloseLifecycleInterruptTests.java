package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link RevokeTokenOnCloseLifecycle} when the shutting-down thread is
 * interrupted: no exception, and the interrupt is kept for the caller.
 */
class RevokeTokenOnCloseLifecycleInterruptTests {

	@Test
	void keepsTheInterruptAndDoesNotThrow() {
		CachingAccessTokenProvider provider = new CachingAccessTokenProvider(
				() -> new AccessToken("token-0123456789", Instant.now().plus(Duration.ofHours(1))),
				new SimpleAsyncTaskScheduler(), Clock.systemUTC(), Duration.ofMinutes(10), Duration.ZERO);
		provider.getAccessToken();
		CountDownLatch never = new CountDownLatch(1);
		RevokeTokenOnCloseLifecycle lifecycle = new RevokeTokenOnCloseLifecycle(provider, (token) -> {
			try {
				never.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, Duration.ofSeconds(5));
		lifecycle.start();
		Thread.currentThread().interrupt();
		try {
			assertThatNoException().isThrownBy(lifecycle::stop);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
		assertThat(lifecycle.isRunning()).isFalse();
	}

}
