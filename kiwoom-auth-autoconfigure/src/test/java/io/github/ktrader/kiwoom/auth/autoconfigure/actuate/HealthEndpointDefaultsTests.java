package io.github.ktrader.kiwoom.auth.autoconfigure.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.client.KiwoomAccounts;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@code /actuator/health/kiwoom}, the README's health example, shows on an actuator
 * application with Boot's defaults, and with the settings the README names, including the
 * readiness group that keeps a named pair ({@code mock}) with wrong keys from taking the
 * pod out of the load balancer.
 */
class HealthEndpointDefaultsTests {

	private static final String[] READINESS = { "management.endpoint.health.probes.enabled=true",
			"management.endpoint.health.group.readiness.include=readinessState,kiwoom" };

	private KiwoomSimulator kiwoom;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void startKiwoom() {
		this.kiwoom = KiwoomSimulator.start();
	}

	@AfterEach
	void stopKiwoom() {
		this.kiwoom.close();
	}

	@Test
	void defaultsShowNoKiwoomComponent() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			HttpResponse<String> response = get(context, "/actuator/health/kiwoom");
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(get(context, "/actuator/health").body()).contains("\"status\":\"UP\"").doesNotContain("kiwoom");
		}
	}

	@Test
	void showComponentsShowsItsStatus() throws Exception {
		try (ConfigurableApplicationContext context = start("management.endpoint.health.show-components=always")) {
			HttpResponse<String> response = get(context, "/actuator/health/kiwoom");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
		}
	}

	@Test
	void showDetailsShowsTheToken() throws Exception {
		try (ConfigurableApplicationContext context = start("management.endpoint.health.show-details=always")) {
			HttpResponse<String> response = get(context, "/actuator/health/kiwoom");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"status\":\"UP\"")
				.contains("\"state\":\"NOT_ISSUED\"")
				.contains(this.kiwoom.url());
		}
	}

	@Test
	void pairWithWrongKeysTakesThePodOutOfReadiness() throws Exception {
		try (ConfigurableApplicationContext context = startWithMock(READINESS)) {
			failMock(context);
			assertThat(get(context, "/actuator/health/readiness").statusCode()).isEqualTo(503);
		}
	}

	@Test
	void pairExcludedFromReadinessStillShowsDownOnItsOwn() throws Exception {
		try (ConfigurableApplicationContext context = startWithMock(READINESS[0], READINESS[1],
				"management.endpoint.health.group.readiness.exclude=kiwoom/mock",
				"management.endpoint.health.show-components=always")) {
			failMock(context);
			HttpResponse<String> readiness = get(context, "/actuator/health/readiness");
			assertThat(readiness.statusCode()).isEqualTo(200);
			assertThat(readiness.body()).contains("\"default\":{\"status\":\"UP\"}").doesNotContain("mock");
			HttpResponse<String> mock = get(context, "/actuator/health/kiwoom/mock");
			assertThat(mock.statusCode()).isEqualTo(503);
			assertThat(mock.body()).isEqualTo("{\"status\":\"DOWN\"}");
		}
	}

	private void failMock(ConfigurableApplicationContext context) {
		KiwoomAccounts accounts = context.getBean(KiwoomAccounts.class);
		accounts.get("default").tokenProvider().getAccessToken();
		assertThatExceptionOfType(KiwoomAuthException.class)
			.isThrownBy(() -> accounts.get("mock").tokenProvider().getAccessToken());
	}

	private ConfigurableApplicationContext startWithMock(String... properties) {
		String[] all = new String[properties.length + 3];
		all[0] = "kiwoom.accounts.mock.host=" + this.kiwoom.url();
		all[1] = "kiwoom.accounts.mock.appkey=wrong-appkey-0123";
		all[2] = "kiwoom.accounts.mock.secretkey=wrong-secret-0123";
		System.arraycopy(properties, 0, all, 3, properties.length);
		return start(all);
	}

	/**
	 * Spring Data Redis is on the test class path for cluster mode, and its health
	 * indicator would report the absent Redis server as DOWN.
	 */
	private ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(WebApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"management.health.redis.enabled=false", "kiwoom.host=" + this.kiwoom.url(),
					"kiwoom.appkey=" + this.kiwoom.appkey(), "kiwoom.secretkey=" + this.kiwoom.secretkey())
			.properties(properties)
			.run();
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context, String path)
			throws IOException, InterruptedException {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebApplication {

	}

}
