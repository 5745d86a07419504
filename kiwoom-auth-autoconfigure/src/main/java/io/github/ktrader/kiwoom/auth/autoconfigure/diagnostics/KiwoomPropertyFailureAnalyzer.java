package io.github.ktrader.kiwoom.auth.autoconfigure.diagnostics;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains an invalid {@code kiwoom.*} property: what is wrong with which key, and how to
 * set it. Never shows the value of a key (앱키, 시크릿키).
 * <p>
 * Ordered ahead of Boot's generic analyzer for the same exception, which would print the
 * value.
 */
class KiwoomPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationPropertyValueException>
		implements Ordered {

	private static final String HOSTS = "https://api.kiwoom.com for real trading (실전투자) or "
			+ "https://mockapi.kiwoom.com for mock trading (모의투자)";

	private static final String SITE = "Kiwoom's REST API site (키움 REST API, https://openapi.kiwoom.com)";

	/**
	 * The durations for which zero is valid: it turns the feature off.
	 */
	private static final String[] ZERO_ALLOWED = { ".token.renew-jitter", ".token.failure-cooldown",
			".token.transient-failure-cooldown", ".token.young-token-age", ".token.rejection-storm-interval" };

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure,
			InvalidConfigurationPropertyValueException cause) {
		String name = cause.getName();
		if (!name.startsWith("kiwoom.")) {
			return null;
		}
		String reason = (cause.getReason() != null) ? " " + cause.getReason() : "";
		String host = hostKey(name);
		return switch (name.substring(name.lastIndexOf('.') + 1)) {
			case "appkey" -> keyAnalysis(cause, "app key (앱키)", reason, host);
			case "secretkey" -> keyAnalysis(cause, "secret key (시크릿키)", reason, host);
			case "host" -> new FailureAnalysis(
					name + " is '" + withoutUserInfo(cause.getValue()) + "', which is not a Kiwoom REST API host:"
							+ reason,
					"Set " + name + " to " + HOSTS + ". The app key (앱키) and secret key (시크릿키) "
							+ "must be the pair issued for that environment.",
					cause);
			default -> otherAnalysis(cause, reason);
		};
	}

	private static FailureAnalysis keyAnalysis(InvalidConfigurationPropertyValueException cause, String term,
			String reason, String host) {
		String name = cause.getName();
		String variable = unresolvedVariable(cause.getValue());
		if (variable != null) {
			return new FailureAnalysis(name + ", the Kiwoom " + term + ", is not set:" + reason,
					"Set the environment variable " + variable + " to the " + term + " that " + SITE
							+ " issued for the environment of " + host + ", or give the placeholder a default ('" + name
							+ ": ${" + variable
							+ ":}') so that an unset variable is reported as not set. Or remove the line: the "
							+ "environment variable " + envName(name) + " binds to " + name + " by itself.",
					cause);
		}
		boolean missing = cause.getValue() == null || cause.getValue().toString().isBlank();
		String description = missing ? name + ", the Kiwoom " + term + ", is not set." + reason
				: name + ", the Kiwoom " + term + ", is not valid (value not shown)." + reason;
		String action = "Set " + name + " to the " + term + " that " + SITE + " issued for the environment of " + host
				+ ", for example with the environment variable " + envName(name) + ", which binds to " + name
				+ " by itself, or in application.yml as '" + name + ": ${" + envName(name) + ":}' "
				+ "(an unset variable is then reported as not set). Prefer environment variables or a secrets "
				+ "file to command-line arguments, which other users of the machine can read. Real trading (실전투자) "
				+ "and mock trading (모의투자) have separate key pairs.";
		return new FailureAnalysis(description, action, cause);
	}

	/**
	 * Return the variable of a placeholder that nothing resolved, such as
	 * {@code KIWOOM_APPKEY} for {@code ${KIWOOM_APPKEY}}.
	 */
	private static @Nullable String unresolvedVariable(@Nullable Object value) {
		if (!(value instanceof String text) || !text.startsWith("${")) {
			return null;
		}
		int end = text.indexOf(':');
		end = (end < 0) ? text.indexOf('}') : end;
		String variable = text.substring(2, (end < 0) ? text.length() : end).trim();
		return variable.isEmpty() ? null : variable;
	}

	private static String hostKey(String name) {
		return name.substring(0, name.lastIndexOf('.') + 1) + "host";
	}

	private static FailureAnalysis otherAnalysis(InvalidConfigurationPropertyValueException cause, String reason) {
		String name = cause.getName();
		String description = (cause.getValue() != null)
				? name + " is '" + cause.getValue() + "', which kiwoom-auth does not accept:" + reason
				: name + " is not set:" + reason;
		String action;
		if (name.endsWith("realtime.url")) {
			action = "Set " + name + " to the real-time socket address of that server, such as "
					+ "wss://host:10000/api/dostk/websocket (ws:// only to this machine), or set "
					+ hostKey(name.substring(0, name.length() - "url".length())).replace(".realtime.host", ".host")
					+ " to Kiwoom's real or mock host, whose address is derived.";
		}
		else if (isDuration(name)) {
			action = "Set " + name + durationTerm(name) + " to " + durationRange(name)
					+ ", or remove it to use the default.";
		}
		else if (name.endsWith("-size")) {
			action = "Set " + name + " to a positive size such as 4MB, or remove it to use the default.";
		}
		else {
			action = "Fix " + name + " as described above, or remove it to use the default.";
		}
		return new FailureAnalysis(description, action, cause);
	}

	/**
	 * A host with user info may carry a password; show the rest only.
	 */
	private static String withoutUserInfo(@Nullable Object host) {
		String value = String.valueOf(host);
		int at = value.lastIndexOf('@');
		int scheme = value.indexOf("//");
		return (at < 0) ? value
				: value.substring(0, (scheme >= 0 && scheme < at) ? scheme + 2 : 0) + "****" + value.substring(at);
	}

	private static boolean isDuration(String name) {
		return name.endsWith("-timeout") || name.endsWith("-before") || name.endsWith("-jitter")
				|| name.endsWith("-cooldown") || name.endsWith("-age") || name.endsWith("-interval")
				|| name.endsWith(".lease");
	}

	/**
	 * What the setting belongs to, in English with the Korean term a Korean reader knows
	 * it by.
	 */
	private static String durationTerm(String name) {
		if (name.contains(".renew-")) {
			return ", the automatic renewal (자동 갱신) setting,";
		}
		if (name.contains(".revoke-")) {
			return ", the token revoke (토큰 폐기) setting,";
		}
		if (name.contains(".redis.")) {
			return ", the cluster mode (클러스터 모드) setting,";
		}
		if (name.endsWith("-cooldown")) {
			return ", the token issue (토큰 발급) setting,";
		}
		if (name.endsWith("-age") || name.endsWith("-interval")) {
			return ", the token re-issue limit (토큰 재발급 제한) setting,";
		}
		return "";
	}

	private static String durationRange(String name) {
		if (name.endsWith(".redis.lease")) {
			return "a duration from 100ms to 5m such as 30s";
		}
		for (String suffix : ZERO_ALLOWED) {
			if (name.endsWith(suffix)) {
				return "zero (to turn it off) or a positive duration such as 5s or 10m";
			}
		}
		return "a positive duration such as 5s or 10m";
	}

	private static String envName(String name) {
		return name.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
