package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Configuration properties of a key pair's real-time socket (실시간시세), under
 * {@code kiwoom.realtime} and {@code kiwoom.accounts.<name>.realtime}.
 *
 * @since 0.1.0
 */
public class KiwoomRealtimeProperties {

	/**
	 * Address of the real-time socket. Derived from kiwoom.host for Kiwoom's hosts
	 * (wss://api.kiwoom.com:10000/api/dostk/websocket, or mockapi); any other host must
	 * set it. Plain ws:// only to this machine.
	 */
	private @Nullable String url;

	/**
	 * Longest wait for Kiwoom's answer to LOGIN before the socket is replaced.
	 */
	private Duration loginTimeout = Duration.ofSeconds(10);

	/**
	 * Longest silence (no frame, not even a PING) before the socket is replaced.
	 */
	private Duration idleTimeout = Duration.ofSeconds(60);

	/**
	 * Wait before connecting again after another session on the same app key took the
	 * socket (SYSTEM R10001).
	 */
	private Duration kickedBackoff = Duration.ofMinutes(5);

	/**
	 * Events each subscription holds for a listener that falls behind; beyond it the
	 * oldest are dropped.
	 */
	private int queueCapacity = 4096;

	/**
	 * Longest wait for the socket to close at shutdown, before the token is revoked.
	 */
	private Duration closeTimeout = Duration.ofSeconds(2);

	private final Reconnect reconnect = new Reconnect();

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public Duration getLoginTimeout() {
		return this.loginTimeout;
	}

	public void setLoginTimeout(Duration loginTimeout) {
		this.loginTimeout = loginTimeout;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public Duration getKickedBackoff() {
		return this.kickedBackoff;
	}

	public void setKickedBackoff(Duration kickedBackoff) {
		this.kickedBackoff = kickedBackoff;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public Duration getCloseTimeout() {
		return this.closeTimeout;
	}

	public void setCloseTimeout(Duration closeTimeout) {
		this.closeTimeout = closeTimeout;
	}

	public Reconnect getReconnect() {
		return this.reconnect;
	}

	@Override
	public String toString() {
		return "Realtime[url=" + this.url + ", loginTimeout=" + this.loginTimeout + ", idleTimeout=" + this.idleTimeout
				+ ", kickedBackoff=" + this.kickedBackoff + ", queueCapacity=" + this.queueCapacity + ", closeTimeout="
				+ this.closeTimeout + ", reconnect=" + this.reconnect + "]";
	}

	/**
	 * Back-off between attempts to connect again: exponential, with jitter, capped.
	 */
	public static class Reconnect {

		/**
		 * Wait before the first attempt after the socket went away.
		 */
		private Duration initialInterval = Duration.ofSeconds(1);

		/**
		 * Factor applied to the wait after each failed attempt.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest wait between attempts.
		 */
		private Duration maxInterval = Duration.ofSeconds(60);

		/**
		 * Most random time added to or taken from each wait, so that processes do not
		 * reconnect at the same moment.
		 */
		private Duration jitter = Duration.ofMillis(500);

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

		public Duration getJitter() {
			return this.jitter;
		}

		public void setJitter(Duration jitter) {
			this.jitter = jitter;
		}

		@Override
		public String toString() {
			return "Reconnect[initialInterval=" + this.initialInterval + ", multiplier=" + this.multiplier
					+ ", maxInterval=" + this.maxInterval + ", jitter=" + this.jitter + "]";
		}

	}

}
