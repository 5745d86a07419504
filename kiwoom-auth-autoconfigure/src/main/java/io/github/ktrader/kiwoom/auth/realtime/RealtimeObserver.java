package io.github.ktrader.kiwoom.auth.realtime;

import java.time.Instant;

/**
 * Callback for what happens to one key pair's real-time session, used for events, metrics
 * and logs; every method has an empty default. Called on the session's threads outside
 * its lock: implementations return quickly and do not throw. Nothing passed here holds
 * the token.
 *
 * @since 0.1.0
 */
public interface RealtimeObserver {

	/**
	 * Observer that does nothing.
	 */
	RealtimeObserver NONE = new RealtimeObserver() {
	};

	/**
	 * Called when the session moves from one state to another.
	 * @param from the previous state
	 * @param to the new state
	 */
	default void stateChanged(RealtimeState from, RealtimeState to) {
	}

	/**
	 * Called when Kiwoom answered LOGIN.
	 * @param outcome {@code ok}, {@code token_rejected}, {@code refused} or
	 * {@code fatal}, or {@code timeout} when it did not answer in time
	 */
	default void login(String outcome) {
	}

	/**
	 * Called when the session is logged in and every subscription is registered.
	 * @param reconnect whether it had been logged in before
	 */
	default void connected(boolean reconnect) {
	}

	/**
	 * Called when a logged-in socket went away.
	 * @param reason why, such as {@code closed}, {@code idle}, {@code system}
	 * @param detail what happened, for people
	 */
	default void disconnected(String reason, String detail) {
	}

	/**
	 * Called before a new attempt to connect is scheduled.
	 * @param reason why the session reconnects
	 */
	default void reconnecting(String reason) {
	}

	/**
	 * Called after a reconnect, once the subscriptions are registered again.
	 * @param since the last frame before the socket went down
	 * @param until now
	 */
	default void gap(Instant since, Instant until) {
	}

	/**
	 * Called when another session on the same app key took the socket ({@code R10001}).
	 * @param message Kiwoom's message
	 */
	default void kicked(String message) {
	}

	/**
	 * Called when the session stops for good because the configuration must be fixed.
	 * @param message what to fix
	 */
	default void failed(String message) {
	}

	/**
	 * Called for every frame read, with its {@code trnm} or, for real-time entries, their
	 * type.
	 * @param type the frame's kind
	 */
	default void frame(String type) {
	}

	/**
	 * Called when a subscription's queue was full and its oldest event was dropped.
	 * @param type the subscription's type
	 */
	default void dropped(String type) {
	}

}
