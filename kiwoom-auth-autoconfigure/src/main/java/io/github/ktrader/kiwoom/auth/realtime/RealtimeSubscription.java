package io.github.ktrader.kiwoom.auth.realtime;

/**
 * One subscription to real-time events; closing it unsubscribes (REMOVE goes out when no
 * other subscription wants the same type and item).
 *
 * @since 0.1.0
 */
public interface RealtimeSubscription extends AutoCloseable {

	/**
	 * Return the real-time type, such as {@code 0B}.
	 * @return the type
	 */
	String type();

	/**
	 * Return how many events were dropped because the listener fell behind.
	 * @return the number of dropped events
	 */
	long dropped();

	/**
	 * Unsubscribe. Closing twice does nothing.
	 */
	@Override
	void close();

}
