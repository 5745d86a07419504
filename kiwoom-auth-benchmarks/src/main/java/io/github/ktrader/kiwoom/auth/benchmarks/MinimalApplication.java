package io.github.ktrader.kiwoom.auth.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Smallest Spring Boot application: auto-configuration only, no web server, no beans of
 * its own.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class MinimalApplication {

	private static final List<String> REDIS_AUTO_CONFIGURATIONS = List.of(
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration");

	/**
	 * Allowances so high that every call finds its permit free: the figures of the other
	 * benchmarks include what pacing costs such a call, and never a wait.
	 * {@link RateLimitBenchmark} sets its own.
	 */
	static final List<String> FREE_PERMITS = List.of("kiwoom.rate-limit.per-api.rate=1000000000",
			"kiwoom.rate-limit.per-api.burst=1000", "kiwoom.rate-limit.total.rate=1000000000",
			"kiwoom.rate-limit.total.burst=1000");

	static final String KIWOOM_AUTH_AUTO_CONFIGURATION = "io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration";

	/**
	 * Return a builder for the application, with or without the starter's
	 * auto-configuration. The classpath is the same either way.
	 */
	static SpringApplicationBuilder builder(boolean withKiwoomAuth, String... properties) {
		List<String> all = new ArrayList<>(List.of("kiwoom.appkey=benchmark-appkey",
				"kiwoom.secretkey=benchmark-secretkey", "spring.main.log-startup-info=false"));
		// Redis is on the classpath for the cluster figures only: kept out of these
		// applications, as it is out of an application without cluster mode
		String exclude = "spring.autoconfigure.exclude=" + String.join(",", REDIS_AUTO_CONFIGURATIONS);
		all.add(withKiwoomAuth ? exclude : exclude + "," + KIWOOM_AUTH_AUTO_CONFIGURATION);
		all.addAll(FREE_PERMITS);
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(MinimalApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.properties(all.toArray(String[]::new));
	}

}
