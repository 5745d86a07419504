package io.github.ktrader.kiwoom.auth.realtime;

import org.springframework.context.ApplicationEvent;

/**
 * Something that happened to a key pair's real-time session, published as a Spring
 * application event. Never carries the token.
 *
 * @since 0.1.0
 */
public abstract class KiwoomRealtimeEvent extends ApplicationEvent {

	private final String account;

	/**
	 * Create an event.
	 * @param source the session
	 * @param account the key pair's name
	 */
	protected KiwoomRealtimeEvent(Object source, String account) {
		super(source);
		this.account = account;
	}

	/**
	 * Return the key pair's name: {@code default} or its name under
	 * {@code kiwoom.accounts}.
	 * @return the pair's name
	 */
	public String getAccount() {
		return this.account;
	}

	/**
	 * The session logged in and registered every subscription.
	 *
	 * @since 0.1.0
	 */
	public static class Connected extends KiwoomRealtimeEvent {

		private final boolean reconnect;

		/**
		 * Create an event.
		 * @param source the session
		 * @param account the key pair's name
		 * @param reconnect whether it had been logged in before
		 */
		public Connected(Object source, String account, boolean reconnect) {
			super(source, account);
			this.reconnect = reconnect;
		}

		/**
		 * Return whether the session had been logged in before.
		 * @return {@code true} for a reconnect
		 */
		public boolean isReconnect() {
			return this.reconnect;
		}

	}

	/**
	 * A logged-in socket went away.
	 *
	 * @since 0.1.0
	 */
	public static class Disconnected extends KiwoomRealtimeEvent {

		private final String reason;

		private final String detail;

		/**
		 * Create an event.
		 * @param source the session
		 * @param account the key pair's name
		 * @param reason why: {@code closed}, {@code idle}, {@code system} or
		 * {@code kicked}
		 * @param detail what happened
		 */
		public Disconnected(Object source, String account, String reason, String detail) {
			super(source, account);
			this.reason = reason;
			this.detail = detail;
		}

		/**
		 * Return why the socket went away.
		 * @return {@code closed}, {@code idle}, {@code system} or {@code kicked}
		 */
		public String getReason() {
			return this.reason;
		}

		/**
		 * Return what happened, for people.
		 * @return the detail
		 */
		public String getDetail() {
			return this.detail;
		}

	}

	/**
	 * Nothing was received for a while: fetch what happened then over REST.
	 *
	 * @since 0.1.0
	 */
	public static class Gap extends KiwoomRealtimeEvent {

		private final RealtimeGap gap;

		/**
		 * Create an event.
		 * @param source the session
		 * @param account the key pair's name
		 * @param gap the time without events
		 */
		public Gap(Object source, String account, RealtimeGap gap) {
			super(source, account);
			this.gap = gap;
		}

		/**
		 * Return the time without events.
		 * @return the gap
		 */
		public RealtimeGap getGap() {
			return this.gap;
		}

	}

	/**
	 * Another session on the same app key took the socket (SYSTEM {@code R10001}).
	 *
	 * @since 0.1.0
	 */
	public static class Kicked extends KiwoomRealtimeEvent {

		private final String message;

		/**
		 * Create an event.
		 * @param source the session
		 * @param account the key pair's name
		 * @param message Kiwoom's message
		 */
		public Kicked(Object source, String account, String message) {
			super(source, account);
			this.message = message;
		}

		/**
		 * Return Kiwoom's message.
		 * @return the message
		 */
		public String getMessage() {
			return this.message;
		}

	}

	/**
	 * The session stopped for good: the configuration must be fixed.
	 *
	 * @since 0.1.0
	 */
	public static class Failed extends KiwoomRealtimeEvent {

		private final String message;

		/**
		 * Create an event.
		 * @param source the session
		 * @param account the key pair's name
		 * @param message what to fix
		 */
		public Failed(Object source, String account, String message) {
			super(source, account);
			this.message = message;
		}

		/**
		 * Return what to fix.
		 * @return the message
		 */
		public String getMessage() {
			return this.message;
		}

	}

	/**
	 * A subscription's listener fell behind and its oldest event was dropped.
	 *
	 * @since 0.1.0
	 */
	public static class Dropped extends KiwoomRealtimeEvent {

		private final String type;

		/**
		 * Create an event.
		 * @param source the session
		 * @param account the key pair's name
		 * @param type the subscription's type
		 */
		public Dropped(Object source, String account, String type) {
			super(source, account);
			this.type = type;
		}

		/**
		 * Return the subscription's type.
		 * @return the type
		 */
		public String getType() {
			return this.type;
		}

	}

}
