package io.github.ktrader.kiwoom.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.apache.commons.logging.Log;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts an embedded Kiwoom simulator with generated keys when {@code kiwoom.host} is not
 * set, so the sample runs on a machine with no Kiwoom credentials. With
 * {@code --kiwoom.host} (and the keys) the sample talks to that server instead. The
 * simulator also serves the real-time socket, at {@code kiwoom.realtime.url}, with a
 * {@code 0B} trade every 200 ms for each registered stock.
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
				+ " (real-time socket " + simulator.realtimeUrl() + ")"
				+ " with generated keys; pass --kiwoom.host, --kiwoom.appkey and --kiwoom.secretkey to use a real Kiwoom");
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("kiwoom.host", simulator.url());
		properties.put("kiwoom.appkey", simulator.appkey());
		properties.put("kiwoom.secretkey", simulator.secretkey());
		// A loopback host has no derived real-time address: the simulator's own socket
		properties.put("kiwoom.realtime.url", simulator.realtimeUrl());
		Map<String, KiwoomSimulator> simulators = new LinkedHashMap<>();
		simulators.put("embeddedKiwoomSimulator", simulator);
		// One simulator with keys of its own for each named pair the sample quotes with
		for (String account : Binder.get(environment)
			.bind("sample.accounts", Bindable.listOf(String.class))
			.orElse(List.of())) {
			String name = account.trim();
			if (name.equals("default") || environment.containsProperty("kiwoom.accounts." + name + ".host")) {
				continue;
			}
			KiwoomSimulator named = KiwoomSimulator.start();
			this.logger.info("Started an embedded Kiwoom simulator for account '" + name + "' at " + named.url());
			properties.put("kiwoom.accounts." + name + ".host", named.url());
			properties.put("kiwoom.accounts." + name + ".appkey", named.appkey());
			properties.put("kiwoom.accounts." + name + ".secretkey", named.secretkey());
			properties.put("kiwoom.accounts." + name + ".realtime.url", named.realtimeUrl());
			simulators.put("embeddedKiwoomSimulator." + name, named);
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, properties));
		application.addInitializers((context) -> registerForShutdown(context, simulators));
	}

	private static void registerForShutdown(ConfigurableApplicationContext context,
			Map<String, KiwoomSimulator> simulators) {
		DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
		simulators.forEach((name, simulator) -> {
			beanFactory.registerSingleton(name, simulator);
			beanFactory.registerDisposableBean(name, simulator::close);
		});
	}

}
