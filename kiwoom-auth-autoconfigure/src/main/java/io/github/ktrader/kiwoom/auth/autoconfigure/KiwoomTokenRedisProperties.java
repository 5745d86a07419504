package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Duration;

/**
 * Cluster-mode properties ({@code kiwoom.token.redis.*}), used when the token store is
 * redis.
 *
 * @since 0.1.0
 */
public class KiwoomTokenRedisProperties {

	/**
	 * First part of every Redis key and channel name of the shared token.
	 */
	private String keyPrefix = "kiwoom:auth";

	/**
	 * How long an instance counts as alive without a heartbeat, and how long an instance
	 * that died while issuing can hold the issue lock.
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
