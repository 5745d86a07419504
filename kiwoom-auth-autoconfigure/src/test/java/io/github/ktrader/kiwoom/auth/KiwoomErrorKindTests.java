package io.github.ktrader.kiwoom.auth;

import java.util.EnumSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomErrorKind}.
 */
class KiwoomErrorKindTests {

	private static final Pattern LATIN_WORD = Pattern.compile("\\p{IsLatin}{2,}");

	private static final Pattern HANGUL = Pattern.compile("\\p{IsHangul}");

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "8005, TOKEN_REJECTED", "8010, TOKEN_REJECTED", "8031, TOKEN_REJECTED", "8103, TOKEN_REJECTED",
			"8001, INVALID_CREDENTIALS", "8002, INVALID_CREDENTIALS", "8020, INVALID_CREDENTIALS",
			"8030, WRONG_ENVIRONMENT", "8040, UNREGISTERED_IP", "8050, UNREGISTERED_IP", "1700, RATE_LIMITED",
			"1701, RATE_LIMITED", "1702, RATE_LIMITED", "1634, OTHER", "8015, REVOKE_FAILED", "8016, REVOKE_FAILED",
			"0, OTHER", "2, OTHER", "3, OTHER", "5, OTHER", "1501, OTHER", "1511, OTHER", "1517, OTHER", "1687, OTHER",
			"1901, OTHER", "1902, OTHER", "1999, OTHER", "8003, OTHER", "8006, OTHER", "8009, OTHER", "8011, OTHER",
			"8012, OTHER", "8104, OTHER", "-1, OTHER", "401, OTHER", "429, OTHER", "500, OTHER" })
	void ofCodeClassifiesKiwoomCodes(int code, KiwoomErrorKind expected) {
		assertThat(KiwoomErrorKind.ofCode(code)).isEqualTo(expected);
	}

	@Test
	void onlyConfigurationErrorsAreFatal() {
		EnumSet<KiwoomErrorKind> fatal = EnumSet.noneOf(KiwoomErrorKind.class);
		for (KiwoomErrorKind kind : KiwoomErrorKind.values()) {
			if (kind.isFatal()) {
				fatal.add(kind);
			}
		}
		assertThat(fatal).containsExactlyInAnyOrder(KiwoomErrorKind.INVALID_CREDENTIALS,
				KiwoomErrorKind.WRONG_ENVIRONMENT, KiwoomErrorKind.UNREGISTERED_IP, KiwoomErrorKind.CLOSED);
	}

	@Test
	void invalidCredentialsAdviceNamesKeyProperties() {
		assertThat(KiwoomErrorKind.INVALID_CREDENTIALS.advice()).contains("kiwoom.appkey", "kiwoom.secretkey",
				"kiwoom.host");
	}

	@Test
	void wrongEnvironmentAdviceNamesHostPropertyAndBothHosts() {
		assertThat(KiwoomErrorKind.WRONG_ENVIRONMENT.advice()).contains("kiwoom.host", "https://api.kiwoom.com",
				"https://mockapi.kiwoom.com");
	}

	@Test
	void unregisteredIpAdviceAsksToRegisterIp() {
		assertThat(KiwoomErrorKind.UNREGISTERED_IP.advice()).contains("Register", "IP");
	}

	@Test
	void ioErrorAdviceNamesHostProperty() {
		assertThat(KiwoomErrorKind.IO_ERROR.advice()).contains("kiwoom.host");
	}

	@ParameterizedTest
	@EnumSource(KiwoomErrorKind.class)
	void everyKindHasAdvice(KiwoomErrorKind kind) {
		assertThat(kind.advice()).isNotBlank().endsWith(".");
	}

	@ParameterizedTest
	@EnumSource(KiwoomErrorKind.class)
	void everyAdviceSaysWhatToDoInEnglishWithTheKoreanTerm(KiwoomErrorKind kind) {
		assertThat(kind.advice()).as("advice of %s in English", kind).containsPattern(LATIN_WORD);
		assertThat(kind.advice()).as("advice of %s with the Korean term (한국어 용어)", kind).containsPattern(HANGUL);
	}

	@Test
	void rateLimitedAdviceUsesKiwoomsTermsForTheLimit() {
		assertThat(KiwoomErrorKind.RATE_LIMITED.advice()).contains("요청 한도", "초당 요청 수", "retry");
	}

	@Test
	void revokeFailedAdviceUsesTheTermForRevoking() {
		assertThat(KiwoomErrorKind.REVOKE_FAILED.advice()).contains("토큰 폐기", "expire");
	}

	@Test
	void tokenRejectedAdviceUsesTheTermForAccessToken() {
		assertThat(KiwoomErrorKind.TOKEN_REJECTED.advice()).contains("접근토큰", "앱키");
	}

}
