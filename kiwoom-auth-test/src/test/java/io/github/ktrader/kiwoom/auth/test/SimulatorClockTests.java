package io.github.ktrader.kiwoom.auth.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link SimulatorClock}.
 */
class SimulatorClockTests {

	private static final Instant START = Instant.parse("2024-11-06T23:37:13Z");

	@Test
	void standsStillUntilMoved() {
		SimulatorClock clock = new SimulatorClock(START);
		assertThat(clock.instant()).isEqualTo(START);
		assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
	}

	@Test
	void advanceMovesTheClock() {
		SimulatorClock clock = new SimulatorClock(START);
		clock.advance(Duration.ofHours(25));
		clock.advance(Duration.ofMinutes(-30));
		assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(1470)));
	}

	@Test
	void setMovesTheClockToAnInstant() {
		SimulatorClock clock = new SimulatorClock(START);
		Instant later = Instant.parse("2025-01-01T00:00:00Z");
		clock.set(later);
		assertThat(clock.instant()).isEqualTo(later);
	}

	@Test
	void zoneIsSeoul() {
		assertThat(new SimulatorClock(START).getZone()).isEqualTo(ZoneId.of("Asia/Seoul"));
	}

	@Test
	void defaultStartIsNow() {
		assertThat(new SimulatorClock().instant()).isCloseTo(Instant.now(), within(Duration.ofSeconds(5)));
	}

	@Test
	void withZoneGivesViewThatMovesTogether() {
		SimulatorClock clock = new SimulatorClock(START);
		Clock utc = clock.withZone(ZoneOffset.UTC);
		clock.advance(Duration.ofSeconds(5));
		assertThat(utc.getZone()).isEqualTo(ZoneOffset.UTC);
		assertThat(utc.instant()).isEqualTo(START.plusSeconds(5));
		assertThat(utc.withZone(ZoneId.of("Asia/Seoul"))).isSameAs(clock);
		assertThat(clock.withZone(ZoneId.of("Asia/Seoul"))).isSameAs(clock);
	}

}
