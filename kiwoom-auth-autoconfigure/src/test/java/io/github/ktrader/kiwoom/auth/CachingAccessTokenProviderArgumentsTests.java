package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for the arguments {@link CachingAccessTokenProvider} refuses.
 */
class CachingAccessTokenProviderArgumentsTests {

	private final TokenIssuer issuer = () -> new AccessToken("token-0123456789", Instant.now().plusSeconds(3600));

	private final TaskScheduler scheduler = new SimpleAsyncTaskScheduler();

	private final Clock clock = Clock.systemUTC();

	private final Duration renewBefore = Duration.ofMinutes(10);

	private final Duration jitter = Duration.ofSeconds(30);

	@Test
	void refusesAMissingIssuer() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new CachingAccessTokenProvider(null, this.scheduler, this.clock, this.renewBefore, this.jitter))
			.withMessage("Issuer must not be null");
	}

	@Test
	void refusesAMissingScheduler() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new CachingAccessTokenProvider(this.issuer, null, this.clock, this.renewBefore, this.jitter))
			.withMessage("Scheduler must not be null");
	}

	@Test
	void refusesAMissingClock() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new CachingAccessTokenProvider(this.issuer, this.scheduler, null, this.renewBefore, this.jitter))
			.withMessage("Clock must not be null");
	}

	@Test
	void refusesANegativeRenewBefore() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CachingAccessTokenProvider(this.issuer, this.scheduler, this.clock,
					Duration.ofSeconds(-1), this.jitter))
			.withMessage("RenewBefore must not be negative");
	}

	@Test
	void refusesANegativeJitter() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CachingAccessTokenProvider(this.issuer, this.scheduler, this.clock, this.renewBefore,
					Duration.ofMillis(-1)))
			.withMessage("RenewJitter must not be negative");
	}

	@Test
	void acceptsZeroRenewBeforeAndZeroJitter() {
		assertThatNoException().isThrownBy(() -> new CachingAccessTokenProvider(this.issuer, this.scheduler, this.clock,
				Duration.ZERO, Duration.ZERO, new FixedBackOff()));
	}

	@Test
	void refusesAMissingBackOff() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CachingAccessTokenProvider(this.issuer, this.scheduler, this.clock, this.renewBefore,
					this.jitter, null))
			.withMessage("RenewalBackOff must not be null");
	}

	@Test
	void refusesAMissingListener() {
		CachingAccessTokenProvider provider = new CachingAccessTokenProvider(this.issuer, this.scheduler, this.clock,
				this.renewBefore, this.jitter);
		assertThatIllegalArgumentException().isThrownBy(() -> provider.setListener(null))
			.withMessage("Listener must not be null");
	}

}
