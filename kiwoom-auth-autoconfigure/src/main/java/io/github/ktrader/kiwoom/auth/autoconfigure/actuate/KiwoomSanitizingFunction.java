package io.github.ktrader.kiwoom.auth.autoconfigure.actuate;

import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * {@link SanitizingFunction} that masks {@code kiwoom.appkey}, {@code kiwoom.secretkey}
 * and any {@code kiwoom.*} key ending in {@code token}, in any relaxed form
 * ({@code KIWOOM_APPKEY}, {@code kiwoom.secret-key}), plus any property whose value is
 * one of the live secrets (for example {@code my.key: ${kiwoom.appkey}}).
 * <p>
 * Needed because with {@code show-values: always} actuator masks nothing by key name.
 */
final class KiwoomSanitizingFunction implements SanitizingFunction {

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
		return (isSecretKey(data.getKey()) || isSecretValue(data.getValue())) ? data.withSanitizedValue() : data;
	}

	static boolean isSecretKey(String key) {
		String uniform = key.toLowerCase(Locale.ROOT).replace('_', '.').replace("-", "");
		if (!uniform.startsWith("kiwoom.")) {
			return false;
		}
		return uniform.equals("kiwoom.appkey") || uniform.equals("kiwoom.secretkey") || uniform.endsWith("token");
	}

	private boolean isSecretValue(Object value) {
		if (!(value instanceof CharSequence sequence)) {
			return false;
		}
		String candidate = sequence.toString().trim();
		return !candidate.isEmpty() && this.secrets.get().anyMatch(candidate::equals);
	}

}
