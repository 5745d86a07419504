package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.autoconfigure.reactive.KiwoomWebClientAutoConfiguration;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.client.KiwoomWebClientConfigurer;
import io.github.ktrader.kiwoom.auth.ratelimit.Allowance;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Threads of one instance that reserved their permits at the configured rate meet no
 * refusal after Kiwoom's first one lowered the allowance, blocking or on a WebClient,
 * against the simulator allowing one ka10001 per second (real time, as Kiwoom counts).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FirstRefusalTests {

	private static final int THREADS = 4;

	private static final int QUOTES_EACH = 2;

	private KiwoomSimulator simulator;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.simulator = KiwoomSimulator.start();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, KiwoomWebClientAutoConfiguration.class,
							RestClientAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("kiwoom.host=" + this.simulator.url(), "kiwoom.appkey=" + this.simulator.appkey(),
					"kiwoom.secretkey=" + this.simulator.secretkey(), "kiwoom.token.revoke-on-shutdown=false",
					// Ten a second where Kiwoom allows one: only its refusal can teach
					// the rate
					"kiwoom.rate-limit.per-api.rate=10", "kiwoom.rate-limit.per-api.burst=1",
					"kiwoom.rate-limit.total.rate=1000", "kiwoom.rate-limit.total.burst=1000",
					"kiwoom.rate-limit.max-wait=30s");
	}

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void fourThreadsMeetOneRefusalThenNone() {
		this.contextRunner.run((context) -> {
			KiwoomClient client = context.getBean(KiwoomClient.class);
			assertOneRefusal(context,
					() -> client.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class)
						.get("stk_nm"));
		});
	}

	@Test
	void fourThreadsOnAWebClientMeetOneRefusalThenNone() {
		// Five a second: the first refusal on a cold reactive path can take longer than
		// the tenth of a second to be read, and no client can know of it before then
		this.contextRunner.withPropertyValues("kiwoom.rate-limit.per-api.rate=5").run((context) -> {
			WebClient client = context.getBean(KiwoomWebClientConfigurer.class).configure(WebClient.builder()).build();
			assertOneRefusal(context,
					() -> client.post()
						.uri("/api/dostk/stkinfo")
						.header(KiwoomClient.API_ID, "ka10001")
						.bodyValue(Map.of("stk_cd", "005930"))
						.retrieve()
						.bodyToMono(Map.class)
						.block(Duration.ofSeconds(30))
						.get("stk_nm"));
		});
	}

	private void assertOneRefusal(ApplicationContext context, Supplier<Object> quote) {
		// The token and a connection first, so that the quotes start together and a
		// refusal comes back well within the configured interval
		context.getBean(AccessTokenProvider.class).getAccessToken();
		quote.get();
		this.simulator.clearRequests();
		this.simulator.rateLimits().allow("ka10001", 1);
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		List<CompletableFuture<List<Object>>> threads = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			threads.add(CompletableFuture.supplyAsync(() -> {
				List<Object> names = new ArrayList<>();
				for (int call = 0; call < QUOTES_EACH; call++) {
					names.add(quote.get());
				}
				return names;
			}, executor));
		}
		for (CompletableFuture<List<Object>> thread : threads) {
			assertThat(thread.join()).containsOnly("삼성전자").hasSize(QUOTES_EACH);
		}
		executor.shutdown();
		assertThat(this.simulator.rateLimits().refusedCount("ka10001")).isOne();
		assertThat(this.simulator.requests("/api/dostk/stkinfo")).hasSize(THREADS * QUOTES_EACH + 1);
		assertThat(context.getBean(KiwoomRateLimiter.class).learnedAllowances()).containsEntry("ka10001",
				new Allowance(1, 1));
	}

}
