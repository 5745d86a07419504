package io.github.ktrader.kiwoom.auth.metrics;

import java.time.Clock;
import java.time.Duration;

import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * {@link MeterBinder} for the gauge {@value #EXPIRES_IN}: seconds until the cached Kiwoom
 * access token expires, read from the provider when the gauge is sampled.
 * <p>
 * The gauge is {@code NaN} while no token is cached (before first use, after expiry or
 * rejection, once closed), so that an alert such as "expires within 5 minutes" does not
 * fire for an application that has not needed a token yet; it is {@code 0} for a cached
 * token past its expiry.
 *
 * @since 0.1.0
 */
public final class KiwoomTokenExpiryMeterBinder implements MeterBinder {

	/**
	 * Name of the gauge.
	 */
	public static final String EXPIRES_IN = "kiwoom.auth.token.expires.in";

	private final CachingAccessTokenProvider tokenProvider;

	private final Clock clock;

	private final String account;

	/**
	 * Create a binder.
	 * @param tokenProvider the provider whose token is watched
	 * @param clock the clock to compare the expiry with
	 */
	public KiwoomTokenExpiryMeterBinder(CachingAccessTokenProvider tokenProvider, Clock clock) {
		this(tokenProvider, clock, "default");
	}

	/**
	 * Create a binder for the token of one key pair, tagged {@code account} with its
	 * name.
	 * @param tokenProvider the provider whose token is watched
	 * @param clock the clock to compare the expiry with
	 * @param account the pair's name: {@code default}, or its name under
	 * {@code kiwoom.accounts}
	 */
	public KiwoomTokenExpiryMeterBinder(CachingAccessTokenProvider tokenProvider, Clock clock, String account) {
		Assert.notNull(tokenProvider, "TokenProvider must not be null");
		Assert.notNull(clock, "Clock must not be null");
		Assert.hasText(account, "Account must not be empty");
		this.tokenProvider = tokenProvider;
		this.clock = clock;
		this.account = account;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(EXPIRES_IN, this, KiwoomTokenExpiryMeterBinder::secondsUntilExpiry)
			.description("Seconds until the cached Kiwoom access token expires")
			.baseUnit("seconds")
			.tag(KiwoomAuthMetrics.ACCOUNT, this.account)
			.strongReference(true)
			.register(registry);
	}

	double secondsUntilExpiry() {
		return this.tokenProvider.currentToken()
			.map((token) -> Math.max(0, Duration.between(this.clock.instant(), token.expiresAt()).toMillis() / 1000.0))
			.orElse(Double.NaN);
	}

}
