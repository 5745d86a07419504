package io.github.ktrader.kiwoom.sample;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the sample a servlet web application when {@code sample.stay-up} is {@code true},
 * so that it keeps running and serves {@code /actuator/health/kiwoom} and
 * {@code /actuator/metrics}. By default it stays a non-web run that exits.
 *
 * @since 0.1.0
 */
class StayUpEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE = "sampleStayUp";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getProperty("sample.stay-up", Boolean.class, false)) {
			environment.getPropertySources()
				.addFirst(
						new MapPropertySource(PROPERTY_SOURCE, Map.of("spring.main.web-application-type", "servlet")));
		}
	}

}
