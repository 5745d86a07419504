package io.github.ktrader.kiwoom.auth.realtime;

/**
 * Receives the real-time events of one subscription.
 * <p>
 * Called on a thread of the session's listener pool, one event at a time and in order for
 * each subscription, never on the socket's reader thread: a slow listener delays only its
 * own subscription, whose queue drops its oldest events when full. What a listener throws
 * is logged and does not end the subscription.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RealtimeListener {

	/**
	 * Called for each real-time entry of the subscription's type and items.
	 * @param event the event
	 */
	void onEvent(RealtimeEvent event);

	/**
	 * Called after a reconnect, once the subscription is registered again, with the time
	 * during which nothing could be received. The default does nothing.
	 * @param gap the time without events
	 */
	default void onGap(RealtimeGap gap) {
	}

}
