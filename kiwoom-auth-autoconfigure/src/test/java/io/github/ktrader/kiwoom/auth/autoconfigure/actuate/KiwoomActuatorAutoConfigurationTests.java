package io.github.ktrader.kiwoom.auth.autoconfigure.actuate;

import java.util.List;
import java.util.stream.Stream;

import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomActuatorAutoConfiguration} and {@link KiwoomSanitizingFunction}.
 */
class KiwoomActuatorAutoConfigurationTests {

	private static final String APPKEY = "APPKEY-aaaaaaaaaaaaaaaa";

	private static final String SECRETKEY = "SECRET-ssssssssssssssss";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
				JacksonAutoConfiguration.class, KiwoomActuatorAutoConfiguration.class))
		.withPropertyValues("kiwoom.appkey=" + APPKEY, "kiwoom.secretkey=" + SECRETKEY);

	private static SanitizableData data(String key, Object value) {
		return new SanitizableData(null, key, value);
	}

	@Test
	void masksKeysInEveryRelaxedFormAndTheirValuesUnderOtherNames() {
		this.contextRunner.run((context) -> {
			SanitizingFunction function = context.getBean("kiwoomSanitizingFunction", SanitizingFunction.class);
			for (String key : List.of("kiwoom.appkey", "kiwoom.secretkey", "KIWOOM_APPKEY", "KIWOOM_SECRETKEY",
					"kiwoom.secret-key", "kiwoom.access-token", "kiwoom.token")) {
				assertThat(function.apply(data(key, "anything")).getValue()).as(key)
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
			}
			assertThat(function.apply(data("my.copy", APPKEY)).getValue()).isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(function.apply(data("my.copy", " " + SECRETKEY + " ")).getValue())
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
		});
	}

	@Test
	void masksTheKeysOfTheUsersOwnCredentials() {
		this.contextRunner
			.withBean(KiwoomCredentials.class,
					() -> new KiwoomCredentials("USER-APPKEY-0123456789", "USER-SECRET-0123"))
			.run((context) -> {
				SanitizingFunction function = context.getBean("kiwoomSanitizingFunction", SanitizingFunction.class);
				assertThat(function.apply(data("user.copy", "x USER-APPKEY-0123456789")).getValue())
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
				assertThat(function.apply(data("user.copy", "USER-SECRET-0123")).getValue())
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
			});
	}

	@Test
	void masksKeysOfNamedPairs() {
		KiwoomSanitizingFunction function = new KiwoomSanitizingFunction(Stream::empty);
		for (String key : List.of("kiwoom.accounts.mock.appkey", "KIWOOM_ACCOUNTS_MOCK_SECRETKEY",
				"kiwoom.accounts.mock.secret-key")) {
			assertThat(function.apply(data(key, "anything")).getValue()).as(key)
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
		}
	}

	@Test
	void masksEveryValueThatContainsAKeyOrTheToken() {
		KiwoomSanitizingFunction function = new KiwoomSanitizingFunction(
				() -> Stream.of(APPKEY, SECRETKEY, "live-token-0123456789", null));
		assertThat(function.apply(data("any.command", "app.jar --kiwoom.appkey=" + APPKEY)).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(function.apply(data("my.url", "https://example.com/?s=" + SECRETKEY + "&x=1")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(function.apply(data("my.header", "Bearer live-token-0123456789")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(function.apply(data("my.value", "unrelated")).getValue()).isEqualTo("unrelated");
	}

	@Test
	void masksCommandLinesAndJsonThatNameAKiwoomKey() {
		KiwoomSanitizingFunction function = new KiwoomSanitizingFunction(Stream::empty);
		assertThat(function.apply(data("sun.java.command", "app.jar --kiwoom.accounts.mock.app-key=OTHER")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(function.apply(data("SPRING_APPLICATION_JSON", "{\"kiwoom\":{\"secretKey\":\"x\"}}")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(function.apply(data("spring.application.json", "{\"kiwoom.appkey\":\"x\"}")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(function.apply(data("JAVA_TOOL_OPTIONS", "-Dkiwoom.appkey=x")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(function.apply(data("JDK_JAVA_OPTIONS", "-DKIWOOM_SECRETKEY=x")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void showsCommandLinesThatNameNoKiwoomKey() {
		KiwoomSanitizingFunction function = new KiwoomSanitizingFunction(Stream::empty);
		assertThat(function.apply(data("sun.java.command", "com.example.KiwoomTrader --server.port=8080")).getValue())
			.isEqualTo("com.example.KiwoomTrader --server.port=8080");
		assertThat(function.apply(data("JAVA_TOOL_OPTIONS", "-Xmx1g")).getValue()).isEqualTo("-Xmx1g");
		assertThat(function.apply(data("other.json", "{\"kiwoom\":{\"appkey\":\"x\"}}")).getValue())
			.as("not a carrier, and no live secret in it")
			.isEqualTo("{\"kiwoom\":{\"appkey\":\"x\"}}");
	}

	@Test
	void leavesOtherPropertiesAlone() {
		this.contextRunner.run((context) -> {
			SanitizingFunction function = context.getBean("kiwoomSanitizingFunction", SanitizingFunction.class);
			assertThat(function.apply(data("kiwoom.host", "https://api.kiwoom.com")).getValue())
				.isEqualTo("https://api.kiwoom.com");
			assertThat(function.apply(data("kiwoom.token.revoke-timeout", "5s")).getValue()).isEqualTo("5s");
			assertThat(function.apply(data("other.token", "value")).getValue()).isEqualTo("value");
			assertThat(function.apply(data("kiwoom.appkey", null)).getValue()).isNull();
		});
	}

	@Test
	void masksTheCurrentToken() {
		KiwoomSanitizingFunction function = new KiwoomSanitizingFunction(() -> Stream.of("live-token-0123456789"));
		assertThat(function.apply(data("some.value", "live-token-0123456789")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void staysWhenTheUserAddsOtherSanitizingFunctions() {
		this.contextRunner.withBean("mine", SanitizingFunction.class, () -> (data) -> data)
			.run((context) -> assertThat(context).hasBean("kiwoomSanitizingFunction").hasBean("mine"));
	}

	@Test
	void backsOffForAUserFunctionOfTheSameName() {
		SanitizingFunction mine = (data) -> data;
		this.contextRunner.withBean("kiwoomSanitizingFunction", SanitizingFunction.class, () -> mine)
			.run((context) -> assertThat(context.getBean("kiwoomSanitizingFunction")).isSameAs(mine));
	}

	@Test
	void backsOffWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("kiwoomSanitizingFunction"));
	}

}
