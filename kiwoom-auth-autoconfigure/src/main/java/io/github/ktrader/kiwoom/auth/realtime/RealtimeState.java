package io.github.ktrader.kiwoom.auth.realtime;

/**
 * Where a key pair's real-time session stands.
 *
 * @since 0.1.0
 */
public enum RealtimeState {

	/**
	 * Nothing subscribed yet: no socket was opened.
	 */
	IDLE,

	/**
	 * Opening a socket or waiting for the answer to LOGIN.
	 */
	CONNECTING,

	/**
	 * Logged in: frames flow.
	 */
	OPEN,

	/**
	 * Waiting before the next attempt to connect, after a close, an error, silence or a
	 * refused LOGIN.
	 */
	BACKING_OFF,

	/**
	 * Another session on the same app key took the socket (SYSTEM {@code R10001}):
	 * waiting {@code kiwoom.realtime.kicked-backoff} before trying again.
	 */
	KICKED,

	/**
	 * Stopped for good until the configuration is fixed: Kiwoom refused the keys, the
	 * environment or the IP address.
	 */
	FAILED,

	/**
	 * Closed with the application context.
	 */
	STOPPED

}
