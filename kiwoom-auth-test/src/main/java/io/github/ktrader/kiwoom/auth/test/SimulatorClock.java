package io.github.ktrader.kiwoom.auth.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.util.Assert;

/**
 * {@link Clock} that only moves when a test moves it, in the Asia/Seoul zone.
 * <p>
 * The simulator reads it to stamp and expire tokens, so a test expires a token with
 * {@link #advance(Duration)} instead of sleeping. It is safe to move from any thread.
 *
 * @since 0.1.0
 */
public final class SimulatorClock extends Clock {

	/**
	 * Kiwoom's wall-clock zone.
	 */
	static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	private final AtomicReference<Instant> now;

	/**
	 * Creates a clock that stands at the current real instant.
	 */
	public SimulatorClock() {
		this(Instant.now());
	}

	/**
	 * Creates a clock that stands at the given instant.
	 * @param start the instant the clock shows until moved
	 */
	public SimulatorClock(Instant start) {
		Assert.notNull(start, "Start must not be null");
		this.now = new AtomicReference<>(start);
	}

	/**
	 * Moves the clock by the given amount.
	 * @param amount how far to move; negative moves it back
	 */
	public void advance(Duration amount) {
		Assert.notNull(amount, "Amount must not be null");
		this.now.updateAndGet((instant) -> instant.plus(amount));
	}

	/**
	 * Sets the clock to the given instant.
	 * @param instant the instant the clock shows from now on
	 */
	public void set(Instant instant) {
		Assert.notNull(instant, "Instant must not be null");
		this.now.set(instant);
	}

	/**
	 * Returns the instant the clock stands at.
	 * @return the current simulated instant
	 */
	@Override
	public Instant instant() {
		return this.now.get();
	}

	/**
	 * Returns Asia/Seoul, the zone of Kiwoom's timestamps.
	 * @return the Asia/Seoul zone
	 */
	@Override
	public ZoneId getZone() {
		return SEOUL;
	}

	/**
	 * Returns a view of this clock in another zone; it moves together with this clock.
	 * @param zone the zone of the view
	 * @return a clock sharing this clock's instant
	 */
	@Override
	public Clock withZone(ZoneId zone) {
		Assert.notNull(zone, "Zone must not be null");
		return SEOUL.equals(zone) ? this : new ZonedView(this, zone);
	}

	@Override
	public String toString() {
		return "SimulatorClock[" + instant() + "]";
	}

	/**
	 * Same instant as the simulator clock, shown in another zone.
	 */
	private static final class ZonedView extends Clock {

		private final SimulatorClock clock;

		private final ZoneId zone;

		ZonedView(SimulatorClock clock, ZoneId zone) {
			this.clock = clock;
			this.zone = zone;
		}

		@Override
		public ZoneId getZone() {
			return this.zone;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this.clock.withZone(zone);
		}

		@Override
		public Instant instant() {
			return this.clock.instant();
		}

	}

}
