package io.github.ktrader.kiwoom.auth.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AutoConfigureKiwoomSimulator} on a {@code @SpringBootTest}.
 */
@SpringBootTest(classes = AutoConfigureKiwoomSimulatorTests.KiwoomClientConfiguration.class,
		properties = "kiwoom.host=https://api.kiwoom.com")
@AutoConfigureKiwoomSimulator(appkey = "spring-app", reissueBehavior = ReissueBehavior.SAME_TOKEN)
class AutoConfigureKiwoomSimulatorTests {

	@Autowired
	private KiwoomSimulator simulator;

	@Autowired
	private KiwoomSettings settings;

	@Test
	void kiwoomPropertiesPointAtSimulator() {
		// The simulator's properties win over the test's own kiwoom.host
		assertThat(this.settings.host()).isEqualTo(this.simulator.url());
		assertThat(this.settings.appkey()).isEqualTo("spring-app").isEqualTo(this.simulator.appkey());
		assertThat(this.settings.secretkey()).startsWith("sim-secret-").isEqualTo(this.simulator.secretkey());
	}

	@Test
	void simulatorFollowsAnnotationAndAcceptsTheKeys() {
		SimulatorClient client = new SimulatorClient(this.simulator);
		String token = client.issueToken();
		assertThat(client.issueToken()).as("SAME_TOKEN").isEqualTo(token);
		assertThat(this.simulator.requests("/oauth2/token"))
			.allSatisfy((request) -> assertThat(request.jsonField("appkey")).isEqualTo(this.settings.appkey()));
	}

	/**
	 * Stands in for the application: reads the {@code kiwoom.*} keys from the
	 * environment.
	 */
	@Configuration(proxyBeanMethods = false)
	static class KiwoomClientConfiguration {

		@Bean
		KiwoomSettings kiwoomSettings(Environment environment) {
			return new KiwoomSettings(environment.getRequiredProperty("kiwoom.host"),
					environment.getRequiredProperty("kiwoom.appkey"),
					environment.getRequiredProperty("kiwoom.secretkey"));
		}

	}

	record KiwoomSettings(String host, String appkey, String secretkey) {

	}

}
