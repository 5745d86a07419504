package io.github.ktrader.kiwoom.auth.autoconfigure.actuate;

import java.util.List;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web application with two key pairs whose keys are set through other properties, as
 * environment variables are ({@code kiwoom.accounts.mock.secretkey=${MY_MOCK_SECRET}}):
 * with {@code show-values: always}, neither pair's keys nor tokens show anywhere in
 * {@code /actuator/env} or {@code /actuator/configprops}.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=configprops,env",
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always" })
class NamedPairActuatorMaskingTests {

	private static final KiwoomSimulator real = KiwoomSimulator.builder()
		.appkey("REAL-APPKEY-0123456789abcdef")
		.secretkey("REAL-SECRET-0123456789abcdef")
		.start();

	private static final KiwoomSimulator mock = KiwoomSimulator.builder()
		.appkey("MOCK-APPKEY-0123456789abcdef")
		.secretkey("MOCK-SECRET-0123456789abcdef")
		.start();

	@LocalServerPort
	private int port;

	@Autowired
	private AccessTokenProvider realTokens;

	@Autowired
	@Qualifier("mock")
	private AccessTokenProvider mockTokens;

	@DynamicPropertySource
	static void kiwoom(DynamicPropertyRegistry registry) {
		registry.add("MY_REAL_APPKEY", real::appkey);
		registry.add("MY_REAL_SECRET", real::secretkey);
		registry.add("MY_MOCK_APPKEY", mock::appkey);
		registry.add("MY_MOCK_SECRET", mock::secretkey);
		registry.add("kiwoom.host", real::url);
		registry.add("kiwoom.appkey", () -> "${MY_REAL_APPKEY}");
		registry.add("kiwoom.secretkey", () -> "${MY_REAL_SECRET}");
		registry.add("kiwoom.accounts.mock.host", mock::url);
		registry.add("kiwoom.accounts.mock.appkey", () -> "${MY_MOCK_APPKEY}");
		registry.add("kiwoom.accounts.mock.secretkey", () -> "${MY_MOCK_SECRET}");
	}

	@Test
	void noKeyOrTokenOfEitherPairShows() {
		List<String> secrets = List.of(real.appkey(), real.secretkey(), mock.appkey(), mock.secretkey(),
				this.realTokens.getAccessToken().value(), this.mockTokens.getAccessToken().value());
		RestClient client = RestClient.create("http://127.0.0.1:" + this.port + "/actuator");
		String env = client.get().uri("/env").retrieve().body(String.class);
		String configprops = client.get().uri("/configprops").retrieve().body(String.class);
		assertThat(env).contains("MY_MOCK_SECRET").contains("kiwoom.accounts.mock.host").contains(mock.url());
		assertThat(configprops).contains("\"kiwoom\"");
		for (String secret : secrets) {
			assertThat(env).doesNotContain(secret);
			assertThat(configprops).doesNotContain(secret);
		}
		assertThat(client.get().uri("/env/MY_MOCK_SECRET").retrieve().body(String.class))
			.doesNotContain(mock.secretkey());
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebApplication {

		/**
		 * Closed with the context, after its tokens are revoked.
		 */
		@Bean(destroyMethod = "close")
		KiwoomSimulator realSimulator() {
			return real;
		}

		@Bean(destroyMethod = "close")
		KiwoomSimulator mockSimulator() {
			return mock;
		}

	}

}
