package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Instant;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bean of the application's of one of the starter's types never silently redirects the
 * default pair's calls: the trap of a second {@link KiwoomClient} built by hand.
 */
@ExtendWith(OutputCaptureExtension.class)
class KiwoomBackOffTests {

	private final KiwoomSimulator real = KiwoomSimulator.builder()
		.appkey("REAL-APPKEY-aaaaaaaaaaaa")
		.secretkey("REAL-SECRET-ssssssssssss")
		.start();

	private final KiwoomSimulator other = KiwoomSimulator.builder()
		.appkey("MOCK-APPKEY-bbbbbbbbbbbb")
		.secretkey("MOCK-SECRET-tttttttttttt")
		.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("kiwoom.host=" + this.real.url(), "kiwoom.appkey=" + this.real.appkey(),
				"kiwoom.secretkey=" + this.real.secretkey(), "other.host=" + this.other.url(),
				"kiwoom.token.revoke-timeout=500ms");

	@AfterEach
	void stop() {
		this.real.close();
		this.other.close();
	}

	@Test
	void extraClientForAnotherHostLeavesTheDefaultPairsCallsOnKiwoomHost() {
		this.contextRunner.withUserConfiguration(ExtraClient.class).run((context) -> {
			assertThat(context).hasNotFailed();
			KiwoomClient client = context.getBean(KiwoomClient.class);
			assertThat(client).isNotSameAs(context.getBean("otherClient"));
			Map<?, ?> info = client.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
			assertThat(info.get("stk_nm")).isEqualTo("삼성전자");
		});
		assertThat(this.other.requests()).as("nothing reached the other host").isEmpty();
		assertThat(this.real.requests("/oauth2/token")).hasSize(1);
		String token = this.real.revokedTokens().iterator().next();
		assertThat(this.real.requests("/api/dostk/stkinfo")).singleElement()
			.satisfies((request) -> assertThat(request.header("authorization")).isEqualTo("Bearer " + token));
	}

	@Test
	void primaryClientIsAReplacementAndTheStartersBacksOff() {
		this.contextRunner.withUserConfiguration(PrimaryClient.class).run((context) -> {
			assertThat(context).getBean(KiwoomClient.class).isSameAs(context.getBean("replacement"));
			assertThat(context).doesNotHaveBean("kiwoomClient");
		});
	}

	@Test
	void providerThatIsNotPrimaryBacksOffTheDefaultPairsWithAWarning(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ExtraProvider.class).run((context) -> {
			assertThat(context).getBean(AccessTokenProvider.class).isSameAs(context.getBean("otherProvider"));
		});
		assertThat(output)
			.contains("Kiwoom: the default key pair's AccessTokenProvider (kiwoom.*) backed off for "
					+ "the application's bean [otherProvider]")
			.contains("mark it @Primary")
			.contains("kiwoom.accounts.<name>");
	}

	@Test
	void primaryProviderBacksOffTheDefaultPairsWithoutAWarning(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(PrimaryProvider.class).run((context) -> {
			assertThat(context).getBean(AccessTokenProvider.class).isSameAs(context.getBean("replacement"));
		});
		assertThat(output).doesNotContain("backed off");
	}

	@Configuration(proxyBeanMethods = false)
	static class ExtraClient {

		/**
		 * What the new user wrote: a client for another environment, built by hand.
		 */
		@Bean
		KiwoomClient otherClient(@Value("${other.host}") String host) {
			return new KiwoomClient(RestClient.builder().baseUrl(host).build(), JsonMapper.shared());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrimaryClient {

		@Bean
		@Primary
		KiwoomClient replacement() {
			return new KiwoomClient(RestClient.create(), JsonMapper.shared());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ExtraProvider {

		@Bean
		AccessTokenProvider otherProvider() {
			return () -> new AccessToken("other-token-0000", Instant.now().plusSeconds(3600));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrimaryProvider {

		@Bean
		@Primary
		AccessTokenProvider replacement() {
			return () -> new AccessToken("other-token-0000", Instant.now().plusSeconds(3600));
		}

	}

}
