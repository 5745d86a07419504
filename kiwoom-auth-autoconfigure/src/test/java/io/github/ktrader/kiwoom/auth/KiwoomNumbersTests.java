package io.github.ktrader.kiwoom.auth;

import java.math.BigDecimal;

import io.github.ktrader.kiwoom.auth.KiwoomNumbers.KiwoomNumberFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KiwoomNumbers}.
 */
class KiwoomNumbersTests {

	@Test
	void parsesSignedPricesKeepingTheSign() {
		assertThat(KiwoomNumbers.parseLong("+71000")).isEqualTo(71000L);
		assertThat(KiwoomNumbers.parseLong("-71000")).isEqualTo(-71000L);
		assertThat(KiwoomNumbers.parseLong("71000")).isEqualTo(71000L);
	}

	@Test
	void parsesThousandsSeparatorsLeadingZerosAndSpaces() {
		assertThat(KiwoomNumbers.parseLong("-1,200")).isEqualTo(-1200L);
		assertThat(KiwoomNumbers.parseLong("000123")).isEqualTo(123L);
		assertThat(KiwoomNumbers.parseLong(" +0 ")).isZero();
	}

	@Test
	void emptyIsNoValueInTheOptionalForms() {
		assertThat(KiwoomNumbers.optionalLong("")).isEmpty();
		assertThat(KiwoomNumbers.optionalLong("  ")).isEmpty();
		assertThat(KiwoomNumbers.optionalLong(null)).isEmpty();
		assertThat(KiwoomNumbers.optionalDecimal("")).isEmpty();
		assertThat(KiwoomNumbers.optionalLong("+5")).hasValue(5L);
	}

	@Test
	void emptyIsAnErrorInTheRequiredForms() {
		assertThatExceptionOfType(KiwoomNumberFormatException.class).isThrownBy(() -> KiwoomNumbers.parseLong(""))
			.withMessage("Kiwoom value \"\" is not a whole number")
			.satisfies((ex) -> assertThat(ex.getValue()).isEmpty());
		assertThatExceptionOfType(KiwoomNumberFormatException.class).isThrownBy(() -> KiwoomNumbers.parseLong(null))
			.withMessageContaining("null");
	}

	@Test
	void parsesDecimals() {
		assertThat(KiwoomNumbers.parseDecimal("+1.25")).isEqualByComparingTo(new BigDecimal("1.25"));
		assertThat(KiwoomNumbers.parseDecimal("-0.50")).isEqualByComparingTo(new BigDecimal("-0.5"));
		assertThat(KiwoomNumbers.parseDecimal("-1,234.5")).isEqualByComparingTo(new BigDecimal("-1234.5"));
		assertThat(KiwoomNumbers.optionalDecimal("000123"))
			.hasValueSatisfying((value) -> assertThat(value).isEqualByComparingTo(new BigDecimal("123")));
	}

	@Test
	void garbageFailsNamingTheValue() {
		assertThatExceptionOfType(KiwoomNumberFormatException.class).isThrownBy(() -> KiwoomNumbers.parseLong("12a"))
			.withMessage("Kiwoom value \"12a\" is not a whole number");
		assertThatExceptionOfType(KiwoomNumberFormatException.class).isThrownBy(() -> KiwoomNumbers.parseLong("+"))
			.withMessageContaining("\"+\"");
		assertThatExceptionOfType(KiwoomNumberFormatException.class).isThrownBy(() -> KiwoomNumbers.parseLong("1.5"))
			.withMessageContaining("\"1.5\"");
		assertThatExceptionOfType(KiwoomNumberFormatException.class).isThrownBy(() -> KiwoomNumbers.parseDecimal("1e5"))
			.withMessage("Kiwoom value \"1e5\" is not a number");
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> KiwoomNumbers.optionalLong("--1"));
	}

}
