package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import java.time.Duration;

import io.github.ktrader.kiwoom.auth.SharedTokenStore;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.redis.RedisSharedTokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link KiwoomRedisStoreAutoConfiguration}. The store is wired without a
 * running Redis: it subscribes once Redis answers.
 */
@ExtendWith(OutputCaptureExtension.class)
class KiwoomRedisStoreAutoConfigurationTests {

	private static final String APPKEY = "APPKEY-aaaaaaaaaaaaaaaa";

	private static final String SECRETKEY = "SECRET-ssssssssssssssss";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
				JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class,
				KiwoomRedisStoreAutoConfiguration.class))
		.withPropertyValues("kiwoom.appkey=" + APPKEY, "kiwoom.secretkey=" + SECRETKEY,
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=1");

	@Test
	void memoryIsTheDefaultAndCreatesNoStore() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SharedTokenStore.class));
	}

	@Test
	void memoryCreatesNoStore() {
		this.contextRunner.withPropertyValues("kiwoom.token.store=memory")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SharedTokenStore.class));
	}

	@Test
	void redisCreatesTheStoreOnBootsConnectionFactory() {
		this.contextRunner
			.withPropertyValues("kiwoom.token.store=redis", "kiwoom.token.redis.key-prefix=shop:kiwoom",
					"kiwoom.token.redis.lease=12s")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisSharedTokenStore.class);
				assertThat(context.getBean(SharedTokenStore.class).toString())
					.startsWith("RedisSharedTokenStore[shop:kiwoom:")
					.contains("lease=PT12S")
					.contains("commandTimeout=PT4S")
					.doesNotContain(APPKEY);
			});
	}

	@Test
	void storeValueIsCaseInsensitive() {
		this.contextRunner.withPropertyValues("kiwoom.token.store=REDIS")
			.run((context) -> assertThat(context).hasSingleBean(RedisSharedTokenStore.class));
	}

	@Test
	void backsOffFromAStoreOfTheUsers() {
		this.contextRunner.withPropertyValues("kiwoom.token.store=redis")
			.withUserConfiguration(UserStoreConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(SharedTokenStore.class)
				.doesNotHaveBean(RedisSharedTokenStore.class));
	}

	@Test
	void failsWithAnAnalysisWithoutSpringDataRedis() {
		this.contextRunner.withPropertyValues("kiwoom.token.store=redis")
			.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("kiwoom.token.store")
					.contains("Spring Data Redis is not on the classpath");
				assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis")
					.contains("spring.data.redis.host");
			});
	}

	@Test
	void failsWithAnAnalysisWithoutAConnectionFactory() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
							JacksonAutoConfiguration.class, KiwoomRedisStoreAutoConfiguration.class))
			.withPropertyValues("kiwoom.appkey=" + APPKEY, "kiwoom.secretkey=" + SECRETKEY, "kiwoom.token.store=redis")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(analyze(context.getStartupFailure()).getDescription())
					.contains("no RedisConnectionFactory bean");
			});
	}

	@Test
	void startupPrintsTheAnalysis(CapturedOutput output) {
		SpringApplication application = new SpringApplication(NoRedisApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--kiwoom.appkey=" + APPKEY,
				"--kiwoom.secretkey=" + SECRETKEY, "--kiwoom.token.store=redis",
				"--spring.autoconfigure.exclude=" + DataRedisAutoConfiguration.class.getName()));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("kiwoom.token.store is set to redis, that is cluster mode (클러스터 모드)")
			.contains("spring-boot-starter-data-redis")
			.doesNotContain(SECRETKEY);
	}

	@Test
	void badKeyPrefixNamesItself() {
		this.contextRunner.withPropertyValues("kiwoom.token.store=redis", "kiwoom.token.redis.key-prefix=a b")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("kiwoom.token.redis.key-prefix"));
	}

	@Test
	void tooShortLeaseNamesItself() {
		this.contextRunner.withPropertyValues("kiwoom.token.redis.lease=10ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("kiwoom.token.redis.lease"));
	}

	@Test
	void blankLeaseNamesItself() {
		this.contextRunner.withPropertyValues("kiwoom.token.redis.lease= ")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("kiwoom.token.redis.lease"));
	}

	@Test
	void commandTimeoutIsAThirdOfTheLeaseAtMostFiveSeconds() {
		assertThat(KiwoomRedisStoreAutoConfiguration.commandTimeout(Duration.ofSeconds(30)))
			.isEqualTo(Duration.ofSeconds(5));
		assertThat(KiwoomRedisStoreAutoConfiguration.commandTimeout(Duration.ofSeconds(3)))
			.isEqualTo(Duration.ofSeconds(1));
	}

	private static FailureAnalysis analyze(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof RedisStoreUnavailableException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("RedisStoreUnavailableException in %s", failure).isNotNull();
		return new RedisStoreFailureAnalyzer().analyze(failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStoreConfiguration {

		@Bean
		SharedTokenStore userStore() {
			return mock(SharedTokenStore.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class NoRedisApplication {

	}

}
