package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Duration;

import io.github.ktrader.kiwoom.auth.Secrets;
import io.github.ktrader.kiwoom.auth.autoconfigure.realtime.KiwoomRealtimeProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for the Kiwoom REST API's access tokens. Plain data: the
 * auto-configuration checks them when it builds its beans.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("kiwoom")
public class KiwoomAuthProperties {

	/**
	 * Kiwoom REST API host: https://api.kiwoom.com for real trading (실전투자),
	 * https://mockapi.kiwoom.com for mock trading (모의투자). Keys work only on their own
	 * host.
	 */
	private String host = "https://api.kiwoom.com";

	/**
	 * App key (앱키) issued on Kiwoom's REST API site (openapi.kiwoom.com) for the host's
	 * environment.
	 */
	private @Nullable String appkey;

	/**
	 * Secret key (시크릿키) issued together with the app key.
	 */
	private @Nullable String secretkey;

	/**
	 * Timeout for connecting to Kiwoom.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Timeout for reading Kiwoom's answer.
	 */
	private Duration readTimeout = Duration.ofSeconds(10);

	/**
	 * Largest data answer read from Kiwoom; a larger one fails the call.
	 */
	private DataSize maxResponseSize = DataSize.ofMegabytes(4);

	private final Token token = new Token();

	private final KiwoomRateLimitProperties rateLimit = new KiwoomRateLimitProperties();

	@NestedConfigurationProperty
	private final KiwoomRealtimeProperties realtime = new KiwoomRealtimeProperties();

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public @Nullable String getAppkey() {
		return this.appkey;
	}

	public void setAppkey(@Nullable String appkey) {
		this.appkey = appkey;
	}

	public @Nullable String getSecretkey() {
		return this.secretkey;
	}

	public void setSecretkey(@Nullable String secretkey) {
		this.secretkey = secretkey;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public DataSize getMaxResponseSize() {
		return this.maxResponseSize;
	}

	public void setMaxResponseSize(DataSize maxResponseSize) {
		this.maxResponseSize = maxResponseSize;
	}

	public Token getToken() {
		return this.token;
	}

	public KiwoomRateLimitProperties getRateLimit() {
		return this.rateLimit;
	}

	/**
	 * Return the real-time socket settings.
	 * @return the settings
	 */
	public KiwoomRealtimeProperties getRealtime() {
		return this.realtime;
	}

	/**
	 * Return the host in one spelling (scheme and host lower case, default port and
	 * trailing slash dropped): the pair's identity, with its appkey, for every token.
	 * @return the base URL for every Kiwoom call
	 */
	public String baseUrl() {
		return KiwoomHost.normalize(this.host);
	}

	@Override
	public String toString() {
		return "KiwoomAuthProperties[host=" + this.host + ", appkey=" + Secrets.mask(this.appkey)
				+ ", secretkey=****, connectTimeout=" + this.connectTimeout + ", readTimeout=" + this.readTimeout
				+ ", maxResponseSize=" + this.maxResponseSize + ", token=" + this.token + ", realtime=" + this.realtime
				+ "]";
	}

	/**
	 * Token lifecycle properties.
	 */
	public static class Token {

		/**
		 * Whether to revoke the token this application issued when its context closes, as
		 * Kiwoom advises.
		 */
		private boolean revokeOnShutdown = true;

		/**
		 * Longest time shutdown waits for the revoke call to Kiwoom.
		 */
		private Duration revokeTimeout = Duration.ofSeconds(5);

		/**
		 * How long before the token's expiry (expires_dt) a new token is fetched in the
		 * background.
		 */
		private Duration renewBefore = Duration.ofMinutes(10);

		/**
		 * Most random time added to renew-before, so that processes sharing a key do not
		 * renew at the same moment.
		 */
		private Duration renewJitter = Duration.ofSeconds(30);

		/**
		 * How long calls fail fast with the same error, without contacting Kiwoom, after
		 * au10001 failed for a reason no retry fixes: wrong keys, keys of the other
		 * environment, an unregistered IP.
		 */
		private Duration failureCooldown = Duration.ofSeconds(60);

		/**
		 * How long calls fail fast with the same error after au10001 failed for a reason
		 * a retry may fix: HTTP 5xx, 1700, 429, no answer.
		 */
		private Duration transientFailureCooldown = Duration.ofSeconds(5);

		/**
		 * Age below which a token that Kiwoom rejects counts as dying young, the mark of
		 * another process issuing tokens for the same app key.
		 */
		private Duration youngTokenAge = Duration.ofSeconds(2);

		/**
		 * Shortest time between re-issues once three tokens in a row died young; calls
		 * meanwhile fail with KEY_SHARED.
		 */
		private Duration rejectionStormInterval = Duration.ofSeconds(30);

		/**
		 * How soon an 8010 (a token used from another public IP) for a token issued after
		 * a previous 8010 fails calls as UNREGISTERED_IP: this application reaches Kiwoom
		 * through more than one public IP. Later, it counts as the egress IP moving once
		 * more: the token is re-issued and the calls retried.
		 */
		private Duration ipMismatchWindow = Duration.ofMinutes(10);

		public Duration getIpMismatchWindow() {
			return this.ipMismatchWindow;
		}

		public void setIpMismatchWindow(Duration ipMismatchWindow) {
			this.ipMismatchWindow = ipMismatchWindow;
		}

		public Duration getFailureCooldown() {
			return this.failureCooldown;
		}

		public void setFailureCooldown(Duration failureCooldown) {
			this.failureCooldown = failureCooldown;
		}

		public Duration getTransientFailureCooldown() {
			return this.transientFailureCooldown;
		}

		public void setTransientFailureCooldown(Duration transientFailureCooldown) {
			this.transientFailureCooldown = transientFailureCooldown;
		}

		public Duration getYoungTokenAge() {
			return this.youngTokenAge;
		}

		public void setYoungTokenAge(Duration youngTokenAge) {
			this.youngTokenAge = youngTokenAge;
		}

		public Duration getRejectionStormInterval() {
			return this.rejectionStormInterval;
		}

		public void setRejectionStormInterval(Duration rejectionStormInterval) {
			this.rejectionStormInterval = rejectionStormInterval;
		}

		/**
		 * Where the token is kept: memory for one instance on its own, redis to share one
		 * token among all instances on the same appkey (cluster mode).
		 */
		private TokenStore store = TokenStore.MEMORY;

		private final Redis redis = new Redis();

		public boolean isRevokeOnShutdown() {
			return this.revokeOnShutdown;
		}

		public void setRevokeOnShutdown(boolean revokeOnShutdown) {
			this.revokeOnShutdown = revokeOnShutdown;
		}

		public Duration getRevokeTimeout() {
			return this.revokeTimeout;
		}

		public void setRevokeTimeout(Duration revokeTimeout) {
			this.revokeTimeout = revokeTimeout;
		}

		public Duration getRenewBefore() {
			return this.renewBefore;
		}

		public void setRenewBefore(Duration renewBefore) {
			this.renewBefore = renewBefore;
		}

		public Duration getRenewJitter() {
			return this.renewJitter;
		}

		public void setRenewJitter(Duration renewJitter) {
			this.renewJitter = renewJitter;
		}

		public TokenStore getStore() {
			return this.store;
		}

		public void setStore(TokenStore store) {
			this.store = store;
		}

		public Redis getRedis() {
			return this.redis;
		}

		@Override
		public String toString() {
			return "Token[revokeOnShutdown=" + this.revokeOnShutdown + ", revokeTimeout=" + this.revokeTimeout
					+ ", renewBefore=" + this.renewBefore + ", renewJitter=" + this.renewJitter + ", failureCooldown="
					+ this.failureCooldown + ", transientFailureCooldown=" + this.transientFailureCooldown
					+ ", youngTokenAge=" + this.youngTokenAge + ", rejectionStormInterval="
					+ this.rejectionStormInterval + ", ipMismatchWindow=" + this.ipMismatchWindow + ", store="
					+ this.store + ", redis=" + this.redis + "]";
		}

	}

	/**
	 * Where the access token is kept.
	 */
	public enum TokenStore {

		/**
		 * In this instance's memory only.
		 */
		MEMORY,

		/**
		 * In Redis, shared by every instance on the same host and appkey.
		 */
		REDIS

	}

	/**
	 * Cluster-mode properties, used when the token store is redis.
	 */
	public static class Redis {

		/**
		 * First part of every Redis key and channel name of the shared token.
		 */
		private String keyPrefix = "kiwoom:auth";

		/**
		 * How long an instance counts as alive without a heartbeat, and how long an
		 * instance that died while issuing can hold the issue lock.
		 */
		private Duration lease = Duration.ofSeconds(30);

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getLease() {
			return this.lease;
		}

		public void setLease(Duration lease) {
			this.lease = lease;
		}

		@Override
		public String toString() {
			return "Redis[keyPrefix=" + this.keyPrefix + ", lease=" + this.lease + "]";
		}

	}

}
