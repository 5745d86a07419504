package io.github.ktrader.kiwoom.auth.autoconfigure.actuate;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.test.AutoConfigureKiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator endpoints of a web application using kiwoom-auth: keys and the token stay
 * masked with {@code show-values: always}, and health and metrics report the token.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=configprops,env,health,metrics",
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
				"management.endpoint.health.show-details=always", "my.copy-of-the-secret=${kiwoom.secretkey}" })
@AutoConfigureKiwoomSimulator(appkey = "SIM-APPKEY-0123456789abcdef", secretkey = "SIM-SECRET-0123456789abcdef")
class ActuatorEndpointsIntegrationTests {

	private static final String APPKEY = "SIM-APPKEY-0123456789abcdef";

	private static final String SECRETKEY = "SIM-SECRET-0123456789abcdef";

	@LocalServerPort
	private int port;

	@Autowired
	private AccessTokenProvider tokenProvider;

	@Autowired
	private KiwoomSimulator kiwoom;

	private String token;

	private RestClient client;

	@BeforeEach
	void issueToken() {
		this.token = this.tokenProvider.getAccessToken().value();
		this.client = RestClient.create("http://127.0.0.1:" + this.port + "/actuator");
	}

	private String get(String path) {
		return this.client.get().uri(path).retrieve().body(String.class);
	}

	@Test
	void configpropsShowsOtherValuesButMasksTheKeys() {
		String body = get("/configprops");
		assertThat(body).contains("\"kiwoom\"").contains(this.kiwoom.url()).contains("\"appkey\":\"******\"");
		assertThat(body).doesNotContain(APPKEY).doesNotContain(SECRETKEY).doesNotContain(this.token);
	}

	@Test
	void envMasksTheKeysAndCopiesOfThem() {
		String body = get("/env");
		assertThat(body).contains("kiwoom.host").contains(this.kiwoom.url()).contains("my.copy-of-the-secret");
		assertThat(body).doesNotContain(APPKEY).doesNotContain(SECRETKEY).doesNotContain(this.token);
		assertThat(get("/env/kiwoom.secretkey")).contains("******").doesNotContain(SECRETKEY);
		assertThat(get("/env/kiwoom.appkey")).contains("******").doesNotContain(APPKEY);
	}

	@Test
	void healthShowsTheMaskedToken() {
		String body = get("/health/kiwoom");
		assertThat(body).contains("\"status\":\"UP\"")
			.contains("\"state\":\"VALID\"")
			.contains("\"token\":\"" + this.token.substring(0, 4) + "****\"")
			.contains("+09:00");
		assertThat(body).doesNotContain(this.token).doesNotContain(APPKEY).doesNotContain(SECRETKEY);
	}

	@Test
	void metricsListTheKiwoomMeters() {
		assertThat(get("/metrics")).contains("kiwoom.auth.issue")
			.contains("kiwoom.auth.token.rejected")
			.contains("kiwoom.auth.token.expires.in");
		assertThat(get("/metrics/kiwoom.auth.issue")).contains("\"outcome\"").contains("success");
		assertThat(get("/metrics/kiwoom.auth.token.expires.in")).contains("\"VALUE\"").doesNotContain("NaN");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebApplication {

	}

}
