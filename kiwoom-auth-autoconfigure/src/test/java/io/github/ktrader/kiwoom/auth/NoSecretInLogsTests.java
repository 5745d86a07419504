package io.github.ktrader.kiwoom.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs whole applications through every step of a token's life with DEBUG logging and
 * checks that no key and no token appears in the output: issue, a failed renewal, a
 * renewal, an 8005 rejection with re-issue, a revoke, and a failed revoke.
 * <p>
 * Only the timers are driven by hand (a {@link ManualTaskScheduler} behind the provider);
 * issuer, revoker, interceptor, client, listeners and revoke-on-close are the
 * auto-configured ones, talking HTTP to the simulator.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoSecretInLogsTests {

	private static final String APPKEY = "LOGTEST-APPKEY-0123456789abcdef";

	private static final String SECRETKEY = "LOGTEST-SECRET-0123456789abcdef";

	private static final ManualTaskScheduler scheduler = new ManualTaskScheduler(Instant.now());

	private static final Set<String> tokens = ConcurrentHashMap.newKeySet();

	private final KiwoomSimulator kiwoom = KiwoomSimulator.builder().appkey(APPKEY).secretkey(SECRETKEY).start();

	@AfterEach
	void stop() {
		this.kiwoom.close();
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(LoggingApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "logging.level.io.github.ktrader=debug",
					"logging.level.org.springframework.web=debug", "logging.level.org.springframework.http=debug",
					"kiwoom.token.revoke-timeout=2s", "kiwoom.token.renew-jitter=0s")
			.run("--kiwoom.host=" + this.kiwoom.url(), "--kiwoom.appkey=" + APPKEY, "--kiwoom.secretkey=" + SECRETKEY);
	}

	private static void quote(ConfigurableApplicationContext context) {
		Map<?, ?> info = context.getBean(KiwoomClient.class)
			.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
		assertThat(info.get("stk_nm")).isEqualTo("삼성전자");
	}

	@Test
	void fullRunLogsNoSecret(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start()) {
			quote(context);
			this.kiwoom.faults().next(Endpoint.TOKEN, 1).rawBody(200, "<html>maintenance</html>");
			// Past the renewal time: the renewal fails, and its retry a second later
			// works.
			scheduler.advance(Duration.ofHours(23).plusMinutes(52));
			assertThat(context.getBean(CachingAccessTokenProvider.class).state().status())
				.isEqualTo(AccessTokenState.Status.VALID);
			quote(context);
			this.kiwoom.invalidateAllTokens();
			quote(context);
		}
		this.kiwoom.faults().kiwoomError(Endpoint.REVOKE, 2, "입력 값 오류입니다[8015:토큰 폐기에 실패했습니다]");
		try (ConfigurableApplicationContext context = start()) {
			quote(context);
		}
		assertThat(tokens).hasSize(4);
		assertThat(this.kiwoom.revokedTokens()).hasSize(1);
		assertThat(output).contains("Issued Kiwoom access token")
			.contains("Renewing Kiwoom access token")
			.contains("Renewed Kiwoom access token")
			.contains("Kiwoom rejected access token")
			.contains("Revoked Kiwoom access token")
			.contains("Revoking Kiwoom access token")
			.contains("8015")
			.contains("DEBUG");
		assertThat(output).doesNotContain(APPKEY).doesNotContain(SECRETKEY);
		for (String token : tokens) {
			assertThat(output).doesNotContain(token);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class LoggingApplication {

		@Bean
		CachingAccessTokenProvider kiwoomAccessTokenProvider(TokenIssuer tokenIssuer,
				ObjectProvider<AccessTokenListener> listeners) {
			CachingAccessTokenProvider provider = new CachingAccessTokenProvider(tokenIssuer, scheduler,
					scheduler.getClock(), Duration.ofMinutes(10), Duration.ZERO);
			List<AccessTokenListener> all = listeners.orderedStream().toList();
			provider.setListener(new AccessTokenListener() {

				@Override
				public void issued(AccessToken token, IssueReason reason, Duration elapsed) {
					all.forEach((listener) -> listener.issued(token, reason, elapsed));
				}

				@Override
				public void issueFailed(RuntimeException failure, IssueReason reason, Duration elapsed) {
					all.forEach((listener) -> listener.issueFailed(failure, reason, elapsed));
				}

				@Override
				public void rejected(AccessToken token) {
					all.forEach((listener) -> listener.rejected(token));
				}

			});
			return provider;
		}

		@Bean
		AccessTokenListener tokenRecorder() {
			return new AccessTokenListener() {

				@Override
				public void issued(AccessToken token, IssueReason reason, Duration elapsed) {
					tokens.add(token.value());
				}

			};
		}

	}

}
