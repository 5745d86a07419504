package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthProperties;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Turns a key pair's properties into the settings of its real-time session: the address
 * (set, or derived from Kiwoom's own hosts), checked like {@code kiwoom.host}, and the
 * timings, each failure naming its key.
 */
final class RealtimeSettingsFactory {

	/**
	 * Frames up to 1 MiB: a {@code 0D} entry carries about 160 FIDs, and a frame may hold
	 * several entries.
	 */
	static final int MAX_FRAME_SIZE = 1024 * 1024;

	private static final String PATH = "/api/dostk/websocket";

	private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127(\\.\\d{1,3}){3}");

	private static final Duration MAX_DURATION = Duration.ofDays(1);

	private RealtimeSettingsFactory() {
	}

	/**
	 * Build the settings of a pair.
	 * @param account the pair's name
	 * @param prefix the prefix of its keys, {@code kiwoom} or
	 * {@code kiwoom.accounts.<name>}
	 * @param properties its properties
	 * @return the settings
	 */
	static RealtimeSettings create(String account, String prefix, KiwoomAuthProperties properties) {
		KiwoomRealtimeProperties realtime = properties.getRealtime();
		String key = prefix + ".realtime.";
		URI url = (realtime.getUrl() != null) ? checked(key + "url", realtime.getUrl()) : derived(properties.baseUrl());
		positive(key + "login-timeout", realtime.getLoginTimeout());
		positive(key + "idle-timeout", realtime.getIdleTimeout());
		positive(key + "kicked-backoff", realtime.getKickedBackoff());
		positive(key + "close-timeout", realtime.getCloseTimeout());
		if (realtime.getQueueCapacity() <= 0) {
			throw new InvalidConfigurationPropertyValueException(key + "queue-capacity", realtime.getQueueCapacity(),
					"It must be positive.");
		}
		return new RealtimeSettings(account, url, key + "url", properties.baseUrl(), properties.getConnectTimeout(),
				realtime.getLoginTimeout(), realtime.getIdleTimeout(), realtime.getKickedBackoff(),
				backOff(key + "reconnect.", realtime.getReconnect()), realtime.getQueueCapacity(), MAX_FRAME_SIZE,
				realtime.getCloseTimeout());
	}

	/**
	 * Kiwoom's hosts have known socket addresses; any other host (a proxy, a simulator)
	 * has none until it is set.
	 * @param baseUrl the REST host
	 * @return the socket's address, or {@code null}
	 */
	static @Nullable URI derived(String baseUrl) {
		try {
			URI rest = new URI(baseUrl);
			String host = (rest.getHost() != null) ? rest.getHost().toLowerCase(Locale.ROOT) : "";
			if ("https".equalsIgnoreCase(rest.getScheme())
					&& (host.equals("api.kiwoom.com") || host.equals("mockapi.kiwoom.com"))) {
				return URI.create("wss://" + host + ":10000" + PATH);
			}
			return null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static URI checked(String key, String value) {
		URI uri;
		try {
			uri = new URI(value.strip());
		}
		catch (URISyntaxException ex) {
			throw new InvalidConfigurationPropertyValueException(key, value,
					"It is not a valid URL (" + ex.getReason() + ").");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("wss") && !scheme.equals("ws")) {
			throw new InvalidConfigurationPropertyValueException(key, value,
					"It must be a wss:// URL, such as wss://api.kiwoom.com:10000" + PATH + ".");
		}
		if (uri.getHost() == null) {
			throw new InvalidConfigurationPropertyValueException(key, value, "It must name a host.");
		}
		if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
			throw new InvalidConfigurationPropertyValueException(key, value,
					"It must not contain user info or a fragment.");
		}
		if (scheme.equals("ws") && !isLoopback(uri.getHost())) {
			throw new InvalidConfigurationPropertyValueException(key, value,
					"Plain ws:// would send the token in clear text; it is accepted only for this machine "
							+ "(localhost, 127.0.0.0/8, [::1]), such as a simulator in tests. Use wss://.");
		}
		return uri;
	}

	private static boolean isLoopback(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		return name.equals("localhost") || LOOPBACK_IPV4.matcher(name).matches() || name.equals("[::1]");
	}

	private static ExponentialBackOff backOff(String key, KiwoomRealtimeProperties.Reconnect reconnect) {
		positive(key + "initial-interval", reconnect.getInitialInterval());
		positive(key + "max-interval", reconnect.getMaxInterval());
		if (reconnect.getMultiplier() < 1.0) {
			throw new InvalidConfigurationPropertyValueException(key + "multiplier", reconnect.getMultiplier(),
					"It must be 1 or more.");
		}
		Duration jitter = reconnect.getJitter();
		if (jitter == null || jitter.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(key + "jitter", jitter,
					"It must be zero or positive.");
		}
		ExponentialBackOff backOff = new ExponentialBackOff(reconnect.getInitialInterval().toMillis(),
				reconnect.getMultiplier());
		backOff.setMaxInterval(reconnect.getMaxInterval().toMillis());
		// Spring's jitter may not exceed the initial interval
		backOff.setJitter(Math.min(jitter.toMillis(), reconnect.getInitialInterval().toMillis()));
		return backOff;
	}

	private static void positive(String key, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero() || value.compareTo(MAX_DURATION) > 0) {
			throw new InvalidConfigurationPropertyValueException(key, value,
					"It must be a positive duration of at most a day, such as 10s.");
		}
	}

}
