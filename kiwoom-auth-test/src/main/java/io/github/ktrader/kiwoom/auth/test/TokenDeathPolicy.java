package io.github.ktrader.kiwoom.auth.test;

/**
 * What the real-time socket does with an open session whose token stops being valid:
 * revoked (au10002), replaced by a new token that kills it
 * ({@link ReissueBehavior#FRESH_KILLS_OLD}), invalidated, or expired on the
 * {@link SimulatorClock}.
 * <p>
 * Nobody has published what Kiwoom does, so a client must be correct under both.
 *
 * @since 0.1.0
 * @see RealtimeSimulator#setOnTokenDeath(TokenDeathPolicy)
 */
public enum TokenDeathPolicy {

	/**
	 * The session stays open and keeps receiving frames.
	 */
	KEEP,

	/**
	 * The server closes the session with a close frame.
	 */
	CLOSE

}
