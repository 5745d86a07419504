package io.github.ktrader.kiwoom.auth.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.ratelimit.RateLimitListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.util.Assert;

/**
 * Records one key pair's pacing: {@value #WAIT}, how long each call waited for its
 * permit, and {@value #REFUSED}, the calls Kiwoom refused for their rate, both tagged
 * with {@code account} and {@code api_id}. The meters of each API id are registered once
 * and kept, so recording allocates nothing.
 *
 * @since 0.1.0
 */
public final class KiwoomRateLimitMetrics implements RateLimitListener {

	/**
	 * Timer of the wait for a permit.
	 */
	public static final String WAIT = "kiwoom.ratelimit.wait";

	/**
	 * Counter of rate refusals.
	 */
	public static final String REFUSED = "kiwoom.ratelimit.refused";

	private final MeterRegistry registry;

	private final String account;

	private final ConcurrentMap<String, Timer> waits = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Counter> refusals = new ConcurrentHashMap<>();

	/**
	 * Create the meters of one key pair.
	 * @param registry where to register them
	 * @param account the pair's name
	 */
	public KiwoomRateLimitMetrics(MeterRegistry registry, String account) {
		Assert.notNull(registry, "Registry must not be null");
		Assert.hasText(account, "Account must not be empty");
		this.registry = registry;
		this.account = account;
	}

	@Override
	public void waited(String apiId, long nanos) {
		Timer timer = this.waits.get(apiId);
		if (timer == null) {
			timer = this.waits.computeIfAbsent(apiId,
					(id) -> Timer.builder(WAIT)
						.description("Time Kiwoom calls waited for a permit of Kiwoom's allowance")
						.tags("account", this.account, "api_id", id)
						.register(this.registry));
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void refused(String apiId) {
		this.refusals
			.computeIfAbsent(apiId,
					(id) -> Counter.builder(REFUSED)
						.description("Kiwoom calls refused for their rate (1700, 1701, 1702, HTTP 429)")
						.tags("account", this.account, "api_id", id)
						.register(this.registry))
			.increment();
	}

}
