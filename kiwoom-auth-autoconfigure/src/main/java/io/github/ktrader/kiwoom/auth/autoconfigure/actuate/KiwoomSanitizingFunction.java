package io.github.ktrader.kiwoom.auth.autoconfigure.actuate;

import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * {@link SanitizingFunction} that masks, in any relaxed form ({@code KIWOOM_APPKEY},
 * {@code kiwoom.secret-key}):
 * <ul>
 * <li>every {@code kiwoom.*} key ending in {@code appkey}, {@code secretkey} or
 * {@code token}, named key pairs ({@code kiwoom.accounts.mock.appkey}) included;</li>
 * <li>any value that contains one of the live secrets, such as {@code my.key:
 * ${kiwoom.appkey}} or a URL with the token in it;</li>
 * <li>the usual carriers of whole command lines and JSON documents
 * ({@code sun.java.command}, {@code SPRING_APPLICATION_JSON}, {@code JAVA_TOOL_OPTIONS},
 * {@code JDK_JAVA_OPTIONS}) whenever they name a Kiwoom key.</li>
 * </ul>
 * Needed because with {@code show-values: always} actuator masks nothing by key name.
 */
final class KiwoomSanitizingFunction implements SanitizingFunction {

	/**
	 * Keys, in the uniform form of {@link #uniform(String)}, whose value holds a command
	 * line or a JSON document that may set {@code kiwoom.*} keys.
	 */
	private static final Set<String> CARRIERS = Set.of("sun.java.command", "spring.application.json",
			"java.tool.options", "jdk.java.options");

	private final Supplier<Stream<@Nullable String>> secrets;

	/**
	 * Create a function.
	 * @param secrets the values to mask wherever they appear: keys and the current token,
	 * looked up each time
	 */
	KiwoomSanitizingFunction(Supplier<Stream<@Nullable String>> secrets) {
		this.secrets = secrets;
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		if (data.getValue() == null) {
			return data;
		}
		return (isSecretKey(data.getKey()) || containsSecret(data.getValue())
				|| isCarrierNamingAKey(data.getKey(), data.getValue())) ? data.withSanitizedValue() : data;
	}

	static boolean isSecretKey(String key) {
		String uniform = uniform(key);
		if (!uniform.startsWith("kiwoom.")) {
			return false;
		}
		String name = uniform.substring(uniform.lastIndexOf('.') + 1);
		return name.equals("appkey") || name.equals("secretkey") || name.endsWith("token");
	}

	private boolean containsSecret(Object value) {
		if (!(value instanceof CharSequence sequence)) {
			return false;
		}
		String candidate = sequence.toString();
		return !candidate.isBlank() && this.secrets.get()
			.anyMatch((secret) -> secret != null && !secret.isBlank() && candidate.contains(secret.trim()));
	}

	/**
	 * A carrier may set keys that no live secret matches, such as those of another key
	 * pair: mask it as soon as it names one.
	 */
	private static boolean isCarrierNamingAKey(String key, Object value) {
		if (!CARRIERS.contains(uniform(key)) || !(value instanceof CharSequence sequence)) {
			return false;
		}
		String text = uniform(sequence.toString());
		return text.contains("kiwoom") && (text.contains("appkey") || text.contains("secretkey"));
	}

	private static String uniform(String text) {
		return text.toLowerCase(Locale.ROOT).replace('_', '.').replace("-", "");
	}

}
