package io.github.ktrader.kiwoom.auth.realtime;

import java.time.Duration;
import java.time.Instant;

/**
 * A time during which a subscription received nothing because the socket was down: what
 * happened then is fetched over REST.
 *
 * @param since the time of the last frame before the socket went down
 * @param until the time the session was logged in and registered again
 * @since 0.1.0
 */
public record RealtimeGap(Instant since, Instant until) {

	/**
	 * Return how long the gap lasted.
	 * @return the length of the gap
	 */
	public Duration duration() {
		return Duration.between(this.since, this.until);
	}

}
