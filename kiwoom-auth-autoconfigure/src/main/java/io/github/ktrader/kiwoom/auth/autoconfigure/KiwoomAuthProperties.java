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

	@NestedConfigurationProperty
	private final KiwoomTokenProperties token = new KiwoomTokenProperties();

	@NestedConfigurationProperty
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

	public KiwoomTokenProperties getToken() {
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

}
