package io.github.ktrader.kiwoom.auth.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomTokenExpiryMeterBinder}.
 */
class KiwoomTokenExpiryMeterBinderTests {

	private static final Instant NOW = Instant.now();

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CachingAccessTokenProvider provider;

	KiwoomTokenExpiryMeterBinderTests() {
		this.scheduler.setDaemon(true);
		this.scheduler.initialize();
		this.provider = new CachingAccessTokenProvider(
				() -> new AccessToken("gauge-token-0123456789", NOW.plus(Duration.ofHours(2))), this.scheduler,
				Clock.systemUTC(), Duration.ofMinutes(10), Duration.ZERO);
	}

	@AfterEach
	void shutdown() {
		this.provider.close();
		this.scheduler.shutdown();
	}

	@Test
	void isNaNWhileNoTokenIsCachedThenSecondsUntilExpiry() {
		new KiwoomTokenExpiryMeterBinder(this.provider, Clock.fixed(NOW, ZoneOffset.UTC)).bindTo(this.registry);
		assertThat(this.registry.get(KiwoomTokenExpiryMeterBinder.EXPIRES_IN).gauge().value()).isNaN();
		this.provider.getAccessToken();
		assertThat(this.registry.get(KiwoomTokenExpiryMeterBinder.EXPIRES_IN).gauge().value()).isEqualTo(7200);
		this.provider.close();
		assertThat(this.registry.get(KiwoomTokenExpiryMeterBinder.EXPIRES_IN).gauge().value()).isNaN();
	}

	@Test
	void isZeroForACachedTokenPastItsExpiry() {
		new KiwoomTokenExpiryMeterBinder(this.provider, Clock.fixed(NOW.plus(Duration.ofHours(3)), ZoneOffset.UTC))
			.bindTo(this.registry);
		this.provider.getAccessToken();
		assertThat(this.registry.get(KiwoomTokenExpiryMeterBinder.EXPIRES_IN).gauge().value()).isZero();
		assertThat(this.registry.get(KiwoomTokenExpiryMeterBinder.EXPIRES_IN).gauge().getId().getBaseUnit())
			.isEqualTo("seconds");
	}

}
