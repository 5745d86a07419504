package io.github.ktrader.kiwoom.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Prints the name and current price of some stocks (ka10001) for a number of rounds, then
 * exits; closing the context revokes the token. No Kiwoom code of its own: the starter
 * issues, attaches, renews and revokes the token.
 *
 * @since 0.1.0
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class SampleApplication {

	/**
	 * Run the sample and exit with its exit code.
	 * @param args command line arguments such as {@code --sample.rounds=3}
	 */
	public static void main(String[] args) {
		System.exit(run(args));
	}

	/**
	 * Run the sample, close its context and return the exit code.
	 * @param args command line arguments
	 * @return {@code 0} when every quote was printed
	 */
	static int run(String... args) {
		return SpringApplication.exit(SpringApplication.run(SampleApplication.class, args));
	}

}
