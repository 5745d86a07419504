package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.ktrader.kiwoom.auth.Secrets;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Checks one key pair and its settings at startup, throwing
 * {@link InvalidConfigurationPropertyValueException} named after the offending key under
 * the pair's prefix ({@code kiwoom} for the default pair), so that Boot's failure report
 * names it. Never puts a key's value in a message.
 */
final class KiwoomPropertiesValidator {

	/**
	 * Longest renew-before and renew-jitter: a Kiwoom token lives about a day.
	 */
	static final Duration MAX_RENEWAL = Duration.ofDays(1);

	/**
	 * Longest connect, read and revoke timeout: longer would only hide a dead Kiwoom.
	 */
	static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

	/**
	 * Shortest Redis lease: heartbeats go every third of it.
	 */
	static final Duration MIN_LEASE = Duration.ofMillis(100);

	static final DataSize MAX_RESPONSE_SIZE = DataSize.ofMegabytes(256);

	/**
	 * Boot's binder leaves a placeholder it cannot resolve in the value as it is.
	 */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]*)[^}]*}?");

	private static final Pattern LOOPBACK_IPV4 = Pattern
		.compile("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");

	private static final String HOSTS = "Use https://api.kiwoom.com for real trading (실전투자) or "
			+ "https://mockapi.kiwoom.com for mock trading (모의투자).";

	private static final String SITE = "Kiwoom's REST API site (키움 REST API, https://openapi.kiwoom.com)";

	private final String prefix;

	private final PropertyResolver environment;

	/**
	 * Create a validator.
	 * @param prefix the prefix of the pair's keys, such as {@code kiwoom} or
	 * {@code kiwoom.accounts.mock}
	 * @param environment where the raw values are looked up, to tell a blank value from
	 * an absent one
	 */
	KiwoomPropertiesValidator(String prefix, PropertyResolver environment) {
		Assert.hasText(prefix, "Prefix must not be empty");
		Assert.notNull(environment, "Environment must not be null");
		this.prefix = prefix;
		this.environment = environment;
	}

	/**
	 * Check every property of the pair: keys, host, durations and sizes.
	 * @param properties the bound properties
	 */
	void validate(KiwoomAuthProperties properties) {
		validateSettings(properties);
		validateKeys(properties.getAppkey(), properties.getSecretkey());
	}

	/**
	 * Check the app key and the secret key.
	 * @param appkey the app key as bound
	 * @param secretkey the secret key as bound
	 */
	void validateKeys(@Nullable String appkey, @Nullable String secretkey) {
		validateKey("appkey", appkey, "app key (앱키)");
		validateKey("secretkey", secretkey, "secret key (시크릿키)");
	}

	/**
	 * Check the host, the durations and the answer size.
	 * @param properties the bound properties
	 */
	void validateSettings(KiwoomAuthProperties properties) {
		rejectBlank("connect-timeout", "read-timeout", "max-response-size", "token.revoke-timeout",
				"token.renew-before", "token.renew-jitter", "token.failure-cooldown",
				"token.transient-failure-cooldown", "token.young-token-age", "token.rejection-storm-interval",
				"token.ip-mismatch-window", "token.redis.lease");
		validateHost(properties.getHost());
		requireBetween("connect-timeout", properties.getConnectTimeout(), MAX_TIMEOUT);
		requireBetween("read-timeout", properties.getReadTimeout(), MAX_TIMEOUT);
		validateMaxResponseSize(properties.getMaxResponseSize());
		KiwoomTokenProperties token = properties.getToken();
		requireBetween("token.revoke-timeout", token.getRevokeTimeout(), MAX_TIMEOUT);
		requireBetween("token.renew-before", token.getRenewBefore(), MAX_RENEWAL);
		Duration jitter = token.getRenewJitter();
		if (jitter == null || jitter.isNegative()) {
			throw invalid("token.renew-jitter", jitter, "It must be zero or positive.");
		}
		requireAtMost("token.renew-jitter", jitter, MAX_RENEWAL);
		requireNotNegative("token.failure-cooldown", token.getFailureCooldown(), MAX_RENEWAL);
		requireNotNegative("token.transient-failure-cooldown", token.getTransientFailureCooldown(), MAX_RENEWAL);
		requireNotNegative("token.young-token-age", token.getYoungTokenAge(), MAX_RENEWAL);
		requireNotNegative("token.rejection-storm-interval", token.getRejectionStormInterval(), MAX_RENEWAL);
		requireBetween("token.ip-mismatch-window", token.getIpMismatchWindow(), MAX_RENEWAL);
		validateRedis(token.getRedis());
	}

	private void validateRedis(KiwoomTokenRedisProperties redis) {
		String keyPrefix = redis.getKeyPrefix();
		if (!StringUtils.hasText(keyPrefix) || keyPrefix.chars().anyMatch(Character::isWhitespace)) {
			throw invalid("token.redis.key-prefix", keyPrefix,
					"It must be set, without whitespace, such as kiwoom:auth.");
		}
		Duration lease = redis.getLease();
		if (lease == null || lease.compareTo(MIN_LEASE) < 0) {
			throw invalid("token.redis.lease", lease, "It must be at least 100ms; heartbeats go every third of it.");
		}
		requireAtMost("token.redis.lease", lease, MAX_TIMEOUT);
	}

	private void requireNotNegative(String name, @Nullable Duration value, Duration max) {
		if (value == null || value.isNegative()) {
			throw invalid(name, value, "It must be zero or positive.");
		}
		requireAtMost(name, value, max);
	}

	/**
	 * Boot binds a blank value as "not set", which would silently keep the default.
	 */
	private void rejectBlank(String... names) {
		for (String name : names) {
			String raw = this.environment.getProperty(key(name));
			if (raw != null && raw.isBlank()) {
				throw invalid(name, raw, "It is blank. Remove the line to keep the default, or give a "
						+ (name.endsWith("-size") ? "positive size such as 4MB." : "duration such as 5s."));
			}
		}
	}

	private void validateHost(@Nullable String host) {
		String placeholder = placeholder(host);
		if (placeholder != null) {
			throw invalid("host", placeholder, unresolved(placeholder) + " " + HOSTS);
		}
		String reason = hostProblem(host);
		if (reason != null) {
			throw invalid("host", host, reason + " " + HOSTS);
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
			if ("http".equals(scheme) && !isLoopback(uri.getHost())) {
				return "Plain http would send the keys and tokens in clear text; it is accepted only for this "
						+ "machine (localhost, 127.0.0.0/8, [::1]), such as a simulator in tests.";
			}
			return null;
		}
		catch (URISyntaxException ex) {
			return "It is not a valid URL (" + ex.getReason() + ").";
		}
	}

	/**
	 * Judged on the name alone, never by a DNS lookup that could be answered otherwise
	 * later.
	 */
	static boolean isLoopback(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		return name.equals("localhost") || LOOPBACK_IPV4.matcher(name).matches() || name.equals("[::1]")
				|| name.equals("[0:0:0:0:0:0:0:1]");
	}

	private void validateKey(String name, @Nullable String value, String term) {
		if (!StringUtils.hasText(value)) {
			throw invalid(name, value, "It must be set to the " + term + " issued on " + SITE + ".");
		}
		String placeholder = placeholder(value);
		if (placeholder != null) {
			throw invalid(name, placeholder, unresolved(placeholder));
		}
		for (int i = 0; i < value.length(); i++) {
			char ch = value.charAt(i);
			if (ch == '"' || ch == '\'' || ch == '`') {
				throw invalid(name, Secrets.mask(value), "It contains a quote at index " + i + "; Kiwoom's " + term
						+ " never does. Remove the quotes around the value.");
			}
			if (ch <= ' ' || ch > '~') {
				throw invalid(name, Secrets.mask(value),
						"It contains whitespace or a character that is not printable ASCII at index " + i
								+ "; Kiwoom's " + term + " never does. Check for stray spaces or quotes.");
			}
		}
	}

	/**
	 * Return the first placeholder left in a value, never the rest of the value.
	 */
	private static @Nullable String placeholder(@Nullable String value) {
		if (value == null) {
			return null;
		}
		Matcher matcher = PLACEHOLDER.matcher(value);
		return matcher.find() ? matcher.group() : null;
	}

	private static String unresolved(String placeholder) {
		Matcher matcher = PLACEHOLDER.matcher(placeholder);
		String variable = (matcher.matches() && !matcher.group(1).isBlank()) ? matcher.group(1).trim() : placeholder;
		return "It holds the placeholder " + placeholder + ", which nothing resolved: " + variable
				+ " is set neither as an environment variable nor as a property.";
	}

	private void requireBetween(String name, @Nullable Duration value, Duration max) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw invalid(name, value, "It must be positive.");
		}
		requireAtMost(name, value, max);
	}

	private void requireAtMost(String name, Duration value, Duration max) {
		if (value.compareTo(max) > 0) {
			throw invalid(name, value, "It must be at most " + format(max) + ".");
		}
	}

	private void validateMaxResponseSize(@Nullable DataSize value) {
		if (value == null || value.isNegative() || value.toBytes() == 0) {
			throw invalid("max-response-size", value, "It must be positive.");
		}
		if (value.compareTo(MAX_RESPONSE_SIZE) > 0) {
			throw invalid("max-response-size", value, "It must be at most 256MB.");
		}
	}

	private static String format(Duration duration) {
		return (duration.toDays() > 0) ? duration.toDays() + "d" : duration.toMinutes() + "m";
	}

	private InvalidConfigurationPropertyValueException invalid(String name, @Nullable Object value, String reason) {
		return new InvalidConfigurationPropertyValueException(key(name), value, reason);
	}

	private String key(String name) {
		return this.prefix + "." + name;
	}

}
