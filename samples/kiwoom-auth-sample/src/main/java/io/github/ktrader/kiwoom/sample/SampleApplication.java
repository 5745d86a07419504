package io.github.ktrader.kiwoom.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Prints the name and current price of some stocks (ka10001) for a number of rounds, then
 * exits; closing the context revokes the token. No Kiwoom code of its own: the starter
 * issues, attaches, renews and revokes the token. With {@code --sample.stay-up=true} it
 * keeps running as a web server exposing {@code /actuator/health/kiwoom} and
 * {@code /actuator/metrics}.
 *
 * @since 0.1.0
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class SampleApplication {

	/**
	 * Run the sample and exit with its exit code, or keep serving the actuator endpoints
	 * with {@code --sample.stay-up=true}.
	 * @param args command line arguments such as {@code --sample.rounds=3}
	 */
	public static void main(String[] args) {
		ConfigurableApplicationContext context = start(args);
		if (!context.getBean(SampleProperties.class).isStayUp()) {
			System.exit(SpringApplication.exit(context));
		}
	}

	/**
	 * Run the sample, close its context and return the exit code.
	 * @param args command line arguments
	 * @return {@code 0} when every quote was printed
	 */
	static int run(String... args) {
		return SpringApplication.exit(start(args));
	}

	/**
	 * Start the sample: the quotes are printed before this returns.
	 * @param args command line arguments
	 * @return the running context
	 */
	static ConfigurableApplicationContext start(String... args) {
		return SpringApplication.run(SampleApplication.class, args);
	}

}
