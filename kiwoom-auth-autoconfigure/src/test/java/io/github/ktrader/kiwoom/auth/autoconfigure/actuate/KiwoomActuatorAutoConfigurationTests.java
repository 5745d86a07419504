package io.github.ktrader.kiwoom.auth.autoconfigure.actuate;

import java.util.List;
import java.util.stream.Stream;

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
