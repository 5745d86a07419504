package io.github.ktrader.kiwoom.auth.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Bad configuration: invalid values for every {@code kiwoom.*} key, fixed ones and ones
 * generated from a fixed seed, each stopping startup with a message naming the key.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadConfigurationTests {

	private static final long SEED = 20250917L;

	private static final String APPKEY = "VALIDAPPKEY0123456789";

	private static final String SECRETKEY = "VALIDSECRETKEY0123456789";

	private static final List<String> DURATION_KEYS = List.of("kiwoom.connect-timeout", "kiwoom.read-timeout",
			"kiwoom.token.revoke-timeout", "kiwoom.token.renew-before", "kiwoom.token.ip-mismatch-window");

	@ParameterizedTest(name = "{0} = [{1}]")
	@MethodSource("invalidValues")
	void stopsStartupNamingTheKey(String key, String value) {
		Throwable failure = catchThrowable(() -> start(key, value).close());
		assertThat(failure).as("startup with %s='%s'", key, value).isNotNull();
		assertThat(messages(failure)).as("messages of the failure").contains(key);
		if (isSecret(key) && value.strip().length() >= 8) {
			assertThat(messages(failure)).as("messages of the failure").doesNotContain(value);
		}
	}

	@ParameterizedTest(name = "{0} = [{1}]")
	@MethodSource("invalidKeys")
	void doesNotShowARejectedKeyInTheStartupReport(String key, String value, CapturedOutput output) {
		Throwable failure = catchThrowable(() -> start(key, value).close());
		assertThat(failure).isNotNull();
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START").doesNotContain(value);
	}

	@ParameterizedTest(name = "{0} = []")
	@MethodSource("durationKeys")
	void stopsStartupForABlankDuration(String key) {
		Throwable failure = catchThrowable(() -> start(key, "").close());
		assertThat(failure).as("startup with %s=''", key).isNotNull();
		assertThat(messages(failure)).contains(key);
	}

	@ParameterizedTest(name = "{0} = [{1}]")
	@MethodSource("quotedKeys")
	void stopsStartupForAQuotedKey(String key, String value) {
		Throwable failure = catchThrowable(() -> start(key, value).close());
		assertThat(failure).as("startup with %s=%s", key, value).isNotNull();
		assertThat(messages(failure)).contains(key);
	}

	@ParameterizedTest(name = "kiwoom.host = [{0}]")
	@MethodSource("portsOutOfRange")
	void stopsStartupForAPortOutOfRange(String host) {
		Throwable failure = catchThrowable(() -> start("kiwoom.host", host).close());
		assertThat(failure).as("startup with kiwoom.host=%s", host).isNotNull();
		assertThat(messages(failure)).contains("kiwoom.host");
	}

	static Stream<String> portsOutOfRange() {
		return Stream.of("https://api.kiwoom.com:65536", "https://api.kiwoom.com:99999");
	}

	static Stream<Arguments> invalidValues() {
		List<Arguments> cases = new ArrayList<>();
		Random random = new Random(SEED);
		for (String value : List.of("", " ", "\t", "api.kiwoom.com", "ftp://api.kiwoom.com", "https://", "https://:443",
				"https://api kiwoom.com", "https://api.kiwoom.com?x=1", "https://api.kiwoom.com#top",
				"https://user:pw@api.kiwoom.com", "mailto:help@kiwoom.com", "//api.kiwoom.com", "키움증권", "https://키움.한국",
				"https://[::1", unicode(random, 6), unicode(random, 12))) {
			cases.add(Arguments.of("kiwoom.host", value));
		}
		for (String key : List.of("kiwoom.appkey", "kiwoom.secretkey")) {
			for (String value : List.of("", " ", "\t\n", "  KEYWITHSPACESAROUND  ", "KEY WITH SPACE INSIDE",
					"키움앱키값입니다만", "KEY\u200BZERO\u200BWIDTH", "KEYÉACCENTED01", unicode(random, 16),
					unicode(random, 24))) {
				cases.add(Arguments.of(key, value));
			}
		}
		for (String key : DURATION_KEYS) {
			for (String value : List.of(" ", "0", "0s", "0ms", "PT0S", "-1ms", "-1s", "-PT1S",
					"-" + (1 + random.nextInt(100_000)) + "ms", "abc", "5 초", "５s", unicode(random, 4))) {
				cases.add(Arguments.of(key, value));
			}
		}
		for (String value : List.of("-1ms", "-1s", "-PT1S", "-" + (1 + random.nextInt(100_000)) + "s", "abc", "5 초",
				unicode(random, 4))) {
			cases.add(Arguments.of("kiwoom.token.renew-jitter", value));
		}
		for (String value : List.of("maybe", "2", "참", unicode(random, 5))) {
			cases.add(Arguments.of("kiwoom.token.revoke-on-shutdown", value));
		}
		return cases.stream();
	}

	static Stream<Arguments> invalidKeys() {
		return invalidValues().filter((arguments) -> isSecret((String) arguments.get()[0])
				&& ((String) arguments.get()[1]).strip().length() >= 8);
	}

	static Stream<String> durationKeys() {
		return DURATION_KEYS.stream();
	}

	static Stream<Arguments> quotedKeys() {
		return Stream.of("kiwoom.appkey", "kiwoom.secretkey")
			.flatMap((key) -> Stream.of(Arguments.of(key, "\"QUOTEDKEYVALUE0\""),
					Arguments.of(key, "'QUOTEDKEYVALUE0'")));
	}

	private static boolean isSecret(String key) {
		return key.equals("kiwoom.appkey") || key.equals("kiwoom.secretkey");
	}

	private static ConfigurableApplicationContext start(String key, String value) {
		List<String> properties = new ArrayList<>(StarterApplication.defaultProperties());
		properties.add("kiwoom.host=https://mockapi.kiwoom.com");
		properties.add("kiwoom.appkey=" + APPKEY);
		properties.add("kiwoom.secretkey=" + SECRETKEY);
		return StarterApplication.builder()
			.properties(properties.toArray(String[]::new))
			.properties(Map.of(key, value))
			.run();
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			messages.append(current.getClass().getName()).append(": ").append(current.getMessage()).append('\n');
		}
		return messages.toString();
	}

	/**
	 * Generate a string of letters from outside ASCII: Hangul, CJK, Latin-1, emoji.
	 */
	private static String unicode(Random random, int length) {
		int[][] ranges = { { 0xAC00, 0xD7A3 }, { 0x4E00, 0x9FFF }, { 0x00C0, 0x00FF }, { 0x1F600, 0x1F64F } };
		StringBuilder value = new StringBuilder();
		while (value.codePointCount(0, value.length()) < length) {
			int[] range = ranges[random.nextInt(ranges.length)];
			value.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
		}
		return value.toString();
	}

}
