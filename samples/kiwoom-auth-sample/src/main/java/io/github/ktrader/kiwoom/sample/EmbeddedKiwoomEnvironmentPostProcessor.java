package io.github.ktrader.kiwoom.sample;

import java.util.Map;

import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.apache.commons.logging.Log;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts an embedded Kiwoom simulator with generated keys when {@code kiwoom.host} is not
 * set, so the sample runs on a machine with no Kiwoom credentials. With
 * {@code --kiwoom.host} (and the keys) the sample talks to that server instead.
 * <p>
 * The simulator stops after the context has closed, so the token is revoked against it
 * first.
 *
 * @since 0.1.0
 */
class EmbeddedKiwoomEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE = "embeddedKiwoomSimulator";

	private final Log logger;

	EmbeddedKiwoomEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		// Logging is not set up yet when this runs: a deferred log replays once it is.
		this.logger = logFactory.getLog(EmbeddedKiwoomEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty("kiwoom.host") || environment.getPropertySources().contains(PROPERTY_SOURCE)) {
			return;
		}
		KiwoomSimulator simulator = KiwoomSimulator.start();
		this.logger.info("No kiwoom.host given: started an embedded Kiwoom simulator at " + simulator.url()
				+ " with generated keys; pass --kiwoom.host, --kiwoom.appkey and --kiwoom.secretkey to use a real Kiwoom");
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE, Map.of("kiwoom.host", simulator.url(), "kiwoom.appkey",
					simulator.appkey(), "kiwoom.secretkey", simulator.secretkey())));
		application.addInitializers((context) -> registerForShutdown(context, simulator));
	}

	private static void registerForShutdown(ConfigurableApplicationContext context, KiwoomSimulator simulator) {
		DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
		beanFactory.registerSingleton("embeddedKiwoomSimulator", simulator);
		beanFactory.registerDisposableBean("embeddedKiwoomSimulator", simulator::close);
	}

}
