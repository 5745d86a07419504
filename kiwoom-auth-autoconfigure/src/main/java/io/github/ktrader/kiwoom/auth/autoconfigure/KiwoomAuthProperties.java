package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.ktrader.kiwoom.auth.Secrets;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Configuration properties for the Kiwoom REST API's access tokens.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("kiwoom")
public class KiwoomAuthProperties implements InitializingBean, EnvironmentAware {

	private static final List<String> DURATION_KEYS = List.of("kiwoom.connect-timeout", "kiwoom.read-timeout",
			"kiwoom.token.revoke-timeout", "kiwoom.token.renew-before", "kiwoom.token.renew-jitter",
			"kiwoom.token.redis.lease");

	/**
	 * Kiwoom REST API host: https://api.kiwoom.com for real trading,
	 * https://mockapi.kiwoom.com for mock trading (모의투자). Keys work only on their own
	 * host.
	 */
	private String host = "https://api.kiwoom.com";

	/**
	 * App key (앱키) issued by Kiwoom's developer center for the host's environment.
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

	private final Token token = new Token();

	private @Nullable Environment environment;

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

	public Token getToken() {
		return this.token;
	}

	/**
	 * Return the host without a trailing slash.
	 * @return the base URL for every Kiwoom call
	 */
	public String baseUrl() {
		String trimmed = this.host.trim();
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void afterPropertiesSet() {
		rejectBlankDurations();
		validateHost();
		validateKey("kiwoom.appkey", this.appkey, "앱키");
		validateKey("kiwoom.secretkey", this.secretkey, "시크릿키");
		requirePositive("kiwoom.connect-timeout", this.connectTimeout);
		requirePositive("kiwoom.read-timeout", this.readTimeout);
		requirePositive("kiwoom.token.revoke-timeout", this.token.revokeTimeout);
		requirePositive("kiwoom.token.renew-before", this.token.renewBefore);
		if (this.token.renewJitter == null || this.token.renewJitter.isNegative()) {
			throw new InvalidConfigurationPropertyValueException("kiwoom.token.renew-jitter", this.token.renewJitter,
					"It must be zero or positive.");
		}
		this.token.redis.validate();
	}

	/**
	 * Boot binds a blank duration as "not set", which would silently keep the default.
	 */
	private void rejectBlankDurations() {
		if (this.environment == null) {
			return;
		}
		for (String name : DURATION_KEYS) {
			String raw = this.environment.getProperty(name);
			if (raw != null && raw.isBlank()) {
				throw new InvalidConfigurationPropertyValueException(name, raw,
						"It is blank. Remove the line to keep the default, or give a positive duration such as 5s.");
			}
		}
	}

	private void validateHost() {
		String reason = hostProblem(this.host);
		if (reason != null) {
			throw new InvalidConfigurationPropertyValueException("kiwoom.host", this.host,
					reason + " Use https://api.kiwoom.com for real trading or "
							+ "https://mockapi.kiwoom.com for mock trading (모의투자).");
		}
	}

	private static @Nullable String hostProblem(@Nullable String host) {
		if (!StringUtils.hasText(host)) {
			return "It must be set.";
		}
		try {
			URI uri = new URI(host.trim());
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
			if (!"https".equals(scheme) && !"http".equals(scheme)) {
				return "It must be an absolute http or https URL.";
			}
			if (uri.getHost() == null) {
				return "It must name a host.";
			}
			if (uri.getPort() == 0 || uri.getPort() > 65535) {
				return "Its port must be between 1 and 65535.";
			}
			if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
				return "It must not contain user info, a query or a fragment.";
			}
			return null;
		}
		catch (URISyntaxException ex) {
			return "It is not a valid URL (" + ex.getReason() + ").";
		}
	}

	private static void validateKey(String name, @Nullable String value, String koreanTerm) {
		if (!StringUtils.hasText(value)) {
			throw new InvalidConfigurationPropertyValueException(name, value,
					"It must be set to the " + koreanTerm + " issued by Kiwoom's developer center.");
		}
		for (int i = 0; i < value.length(); i++) {
			char ch = value.charAt(i);
			if (ch == '"' || ch == '\'' || ch == '`') {
				throw new InvalidConfigurationPropertyValueException(name, Secrets.mask(value),
						"It contains a quote at index " + i + "; Kiwoom's " + koreanTerm
								+ " never does. Remove the quotes around the value.");
			}
			if (ch <= ' ' || ch > '~') {
				throw new InvalidConfigurationPropertyValueException(name, Secrets.mask(value),
						"It contains whitespace or a character that is not printable ASCII at index " + i
								+ "; Kiwoom's " + koreanTerm + " never does. Check for stray spaces or quotes.");
			}
		}
	}

	private static void requirePositive(String name, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(name, value, "It must be positive.");
		}
	}

	@Override
	public String toString() {
		return "KiwoomAuthProperties[host=" + this.host + ", appkey=" + Secrets.mask(this.appkey)
				+ ", secretkey=****, connectTimeout=" + this.connectTimeout + ", readTimeout=" + this.readTimeout
				+ ", token=" + this.token + "]";
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
					+ ", renewBefore=" + this.renewBefore + ", renewJitter=" + this.renewJitter + ", store="
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

		void validate() {
			if (!StringUtils.hasText(this.keyPrefix) || this.keyPrefix.chars().anyMatch(Character::isWhitespace)) {
				throw new InvalidConfigurationPropertyValueException("kiwoom.token.redis.key-prefix", this.keyPrefix,
						"It must be set, without whitespace, such as kiwoom:auth.");
			}
			if (this.lease == null || this.lease.compareTo(Duration.ofMillis(100)) < 0) {
				throw new InvalidConfigurationPropertyValueException("kiwoom.token.redis.lease", this.lease,
						"It must be at least 100ms; heartbeats go every third of it.");
			}
		}

		@Override
		public String toString() {
			return "Redis[keyPrefix=" + this.keyPrefix + ", lease=" + this.lease + "]";
		}

	}

}
