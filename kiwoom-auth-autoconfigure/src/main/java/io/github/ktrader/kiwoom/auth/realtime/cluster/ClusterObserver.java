package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Duration;

/**
 * Callback for the cluster's fan-out, used for meters; every method has an empty default.
 * Called on the member's threads: implementations return quickly and do not throw.
 *
 * @since 0.1.0
 */
public interface ClusterObserver {

	/**
	 * Observer that does nothing.
	 */
	ClusterObserver NONE = new ClusterObserver() {
	};

	/**
	 * Called when the holder published an entry to Redis.
	 * @param channel {@code market} (pub/sub) or {@code account} (the stream: {@code 00},
	 * {@code 04} and condition hits {@code 02})
	 */
	default void fannedOut(String channel) {
	}

	/**
	 * Called when a member read an entry from Redis that one of its subscriptions wants.
	 * @param channel {@code market} or {@code account}
	 * @param lag from the holder reading it off the socket to now (clocks of two
	 * machines)
	 */
	default void delivered(String channel, Duration lag) {
	}

	/**
	 * Called when this member became the holder or stood down.
	 * @param holder whether it now holds the socket
	 * @param reason why
	 */
	default void roleChanged(boolean holder, String reason) {
	}

}
