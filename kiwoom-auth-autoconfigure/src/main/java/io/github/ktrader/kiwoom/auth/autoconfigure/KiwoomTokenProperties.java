package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Token lifecycle properties ({@code kiwoom.token.*}).
 *
 * @since 0.1.0
 */
public class KiwoomTokenProperties {

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
	 * How long calls fail fast with the same error after au10001 failed for a reason a
	 * retry may fix: HTTP 5xx, 1700, 429, no answer.
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
	 * How soon an 8010 (a token used from another public IP) for a token issued after a
	 * previous 8010 fails calls as UNREGISTERED_IP: this application reaches Kiwoom
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
	private KiwoomAuthProperties.TokenStore store = KiwoomAuthProperties.TokenStore.MEMORY;

	@NestedConfigurationProperty
	private final KiwoomTokenRedisProperties redis = new KiwoomTokenRedisProperties();

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

	public KiwoomAuthProperties.TokenStore getStore() {
		return this.store;
	}

	public void setStore(KiwoomAuthProperties.TokenStore store) {
		this.store = store;
	}

	public KiwoomTokenRedisProperties getRedis() {
		return this.redis;
	}

	@Override
	public String toString() {
		return "Token[revokeOnShutdown=" + this.revokeOnShutdown + ", revokeTimeout=" + this.revokeTimeout
				+ ", renewBefore=" + this.renewBefore + ", renewJitter=" + this.renewJitter + ", failureCooldown="
				+ this.failureCooldown + ", transientFailureCooldown=" + this.transientFailureCooldown
				+ ", youngTokenAge=" + this.youngTokenAge + ", rejectionStormInterval=" + this.rejectionStormInterval
				+ ", ipMismatchWindow=" + this.ipMismatchWindow + ", store=" + this.store + ", redis=" + this.redis
				+ "]";
	}

}
