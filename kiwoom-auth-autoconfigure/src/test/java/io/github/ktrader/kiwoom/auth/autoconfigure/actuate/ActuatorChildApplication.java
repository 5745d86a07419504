package io.github.ktrader.kiwoom.auth.autoconfigure.actuate;

import java.util.Map;

import io.github.ktrader.kiwoom.auth.client.KiwoomClient;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Web application run in a JVM of its own by {@link ActuatorChildJvmTests}, so that its
 * command line ({@code sun.java.command}) and environment carry the keys: makes one
 * Kiwoom call so that a token is live, then prints its port.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ActuatorChildApplication {

	static final String PORT_LINE = "ACTUATOR-CHILD-PORT ";

	@Bean
	ApplicationRunner callKiwoomThenPrintPort(KiwoomClient kiwoomClient, Environment environment) {
		return (args) -> {
			kiwoomClient.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
			System.out.println(PORT_LINE + environment.getRequiredProperty("local.server.port"));
		};
	}

	public static void main(String[] args) {
		SpringApplication.run(ActuatorChildApplication.class, args);
	}

}
