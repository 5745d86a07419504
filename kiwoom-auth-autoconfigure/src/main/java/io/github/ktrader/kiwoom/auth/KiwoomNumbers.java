package io.github.ktrader.kiwoom.auth;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * Parses the numbers Kiwoom sends as strings: a sign that may mean direction rather than
 * arithmetic ({@code "+71000"}, {@code "-1,200"}), leading zeros ({@code "000123"}),
 * thousands separators, and the empty string for "no value".
 * <p>
 * The sign is kept: in Kiwoom's answers a {@code +} or {@code -} on a price says whether
 * it is above or below the previous close, so callers that want the price itself take
 * {@link Math#abs(long)}.
 *
 * @since 0.1.0
 */
public final class KiwoomNumbers {

	private KiwoomNumbers() {
	}

	/**
	 * Parse a whole number such as {@code "+71000"}, {@code "-1,200"} or
	 * {@code "000123"}.
	 * @param value the value as Kiwoom sent it
	 * @return the number, sign kept
	 * @throws KiwoomNumberFormatException if the value is empty or not a whole number
	 */
	public static long parseLong(@Nullable String value) {
		return optionalLong(value).orElseThrow(() -> new KiwoomNumberFormatException(value, "a whole number"));
	}

	/**
	 * Parse a decimal number such as {@code "+1.25"} or {@code "-0.50"}.
	 * @param value the value as Kiwoom sent it
	 * @return the number, sign kept
	 * @throws KiwoomNumberFormatException if the value is empty or not a number
	 */
	public static BigDecimal parseDecimal(@Nullable String value) {
		return optionalDecimal(value).orElseThrow(() -> new KiwoomNumberFormatException(value, "a number"));
	}

	/**
	 * Parse a whole number, or return an empty result when Kiwoom sent no value (absent,
	 * empty or blank).
	 * @param value the value as Kiwoom sent it
	 * @return the number, or empty
	 * @throws KiwoomNumberFormatException if the value is there but not a whole number
	 */
	public static OptionalLong optionalLong(@Nullable String value) {
		String digits = normalize(value);
		if (digits == null) {
			return OptionalLong.empty();
		}
		try {
			return OptionalLong.of(Long.parseLong(digits));
		}
		catch (NumberFormatException ex) {
			throw new KiwoomNumberFormatException(value, "a whole number");
		}
	}

	/**
	 * Parse a decimal number, or return an empty result when Kiwoom sent no value
	 * (absent, empty or blank).
	 * @param value the value as Kiwoom sent it
	 * @return the number, or empty
	 * @throws KiwoomNumberFormatException if the value is there but not a number
	 */
	public static Optional<BigDecimal> optionalDecimal(@Nullable String value) {
		String digits = normalize(value);
		if (digits == null) {
			return Optional.empty();
		}
		if (!digits.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
			throw new KiwoomNumberFormatException(value, "a number");
		}
		return Optional.of(new BigDecimal(digits.startsWith("+") ? digits.substring(1) : digits));
	}

	/**
	 * Strip spaces and thousands separators; {@code null} when nothing is left.
	 */
	private static @Nullable String normalize(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String digits = value.strip().replace(",", "");
		if (digits.isEmpty() || digits.equals("+") || digits.equals("-")) {
			throw new KiwoomNumberFormatException(value, "a number");
		}
		return digits;
	}

	/**
	 * Thrown when a value Kiwoom sent is not the number it should be; the message names
	 * the value.
	 *
	 * @since 0.1.0
	 */
	public static final class KiwoomNumberFormatException extends NumberFormatException {

		private final @Nullable String value;

		KiwoomNumberFormatException(@Nullable String value, String expected) {
			super("Kiwoom value " + ((value != null) ? "\"" + value + "\"" : "null") + " is not " + expected);
			this.value = value;
		}

		/**
		 * Return the value as Kiwoom sent it.
		 * @return the value
		 */
		public @Nullable String getValue() {
			return this.value;
		}

	}

}
