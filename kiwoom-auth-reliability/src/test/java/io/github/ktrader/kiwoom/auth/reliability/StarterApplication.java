package io.github.ktrader.kiwoom.auth.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.RecordedRequest;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A whole application that uses the starter, run against a Kiwoom host, with the small
 * timeouts of the reliability suite.
 */
final class StarterApplication implements AutoCloseable {

	static final Duration READ_TIMEOUT = Duration.ofMillis(1000);

	static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

	static final Duration REVOKE_TIMEOUT = Duration.ofMillis(500);

	/**
	 * Longest shutdown the issue allows: the revoke timeout plus one second.
	 */
	static final Duration SHUTDOWN_BUDGET = REVOKE_TIMEOUT.plusSeconds(1);

	private final ConfigurableApplicationContext context;

	private StarterApplication(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static StarterApplication run(KiwoomSimulator simulator, String... properties) {
		return run(simulator.url(), simulator.appkey(), simulator.secretkey(), properties);
	}

	static StarterApplication run(String host, String appkey, String secretkey, String... properties) {
		return run(new Class<?>[0], host, appkey, secretkey, properties);
	}

	/**
	 * Run an application with configuration classes of its own besides
	 * auto-configuration.
	 */
	static StarterApplication run(Class<?>[] sources, String host, String appkey, String secretkey,
			String... properties) {
		List<String> all = new ArrayList<>(defaultProperties());
		all.add("kiwoom.host=" + host);
		all.add("kiwoom.appkey=" + appkey);
		all.add("kiwoom.secretkey=" + secretkey);
		all.addAll(List.of(properties));
		return new StarterApplication(builder().sources(sources).properties(all.toArray(String[]::new)).run());
	}

	static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE);
	}

	static List<String> defaultProperties() {
		return List.of("spring.main.banner-mode=off", "spring.main.log-startup-info=false",
				"logging.level.io.github.ktrader=debug", "kiwoom.read-timeout=" + READ_TIMEOUT.toMillis() + "ms",
				"kiwoom.connect-timeout=" + CONNECT_TIMEOUT.toMillis() + "ms",
				"kiwoom.token.revoke-timeout=" + REVOKE_TIMEOUT.toMillis() + "ms",
				// These tests load the token lifecycle, not Kiwoom's allowance (the
				// simulator enforces none unless asked)
				"kiwoom.rate-limit.per-api.rate=100000", "kiwoom.rate-limit.per-api.burst=100000",
				"kiwoom.rate-limit.total.rate=100000", "kiwoom.rate-limit.total.burst=100000");
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	KiwoomClient client() {
		return this.context.getBean(KiwoomClient.class);
	}

	CachingAccessTokenProvider tokenProvider() {
		return this.context.getBean(CachingAccessTokenProvider.class);
	}

	/**
	 * Call ka10001 for Samsung Electronics, as an application would.
	 */
	@SuppressWarnings("unchecked")
	Map<String, Object> stockInfo() {
		return client().post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
	}

	/**
	 * Close the context and return how long that took.
	 */
	Duration closeAndMeasure() {
		long start = System.nanoTime();
		this.context.close();
		return Duration.ofNanos(System.nanoTime() - start);
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * Every secret the simulator saw: its keys and every token sent on a data call or a
	 * revoke.
	 */
	static Set<String> secretsSeenBy(KiwoomSimulator simulator) {
		Set<String> secrets = new LinkedHashSet<>();
		secrets.add(simulator.appkey());
		secrets.add(simulator.secretkey());
		secrets.addAll(simulator.revokedTokens());
		for (RecordedRequest request : simulator.requests()) {
			String authorization = request.header("authorization");
			if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
				secrets.add(authorization.substring(7).trim());
			}
			String token = request.jsonField("token");
			if (token != null) {
				secrets.add(token);
			}
		}
		secrets.removeIf(String::isBlank);
		return secrets;
	}

	/**
	 * An application with nothing but auto-configuration.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
