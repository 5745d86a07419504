package io.github.ktrader.kiwoom.auth.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.ManualTaskSchedulers;
import io.github.ktrader.kiwoom.auth.health.KiwoomHealthIndicator;
import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.SimulatorClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Kiwoom's 8010 (a token used from another public IP than the one it was issued to)
 * against the simulator's egress IP move: one move is one re-issue shared by every call
 * in flight, however rarely it happens; only a token issued after an 8010 that is itself
 * answered with 8010 soon after is a configuration error.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IpMismatchTests {

	private static final String PATH = "/api/dostk/stkinfo";

	private final KiwoomSimulator kiwoom = KiwoomSimulator.builder()
		.appkey(KiwoomHttpTestSupport.APPKEY)
		.secretkey(KiwoomHttpTestSupport.SECRETKEY)
		.start();

	private final ManualTaskSchedulers.Handle local = ManualTaskSchedulers.at(Instant.parse("2026-12-07T00:00:00Z"));

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	private CachingAccessTokenProvider provider;

	private RestClient restClient;

	@BeforeEach
	void setUp() {
		TaskScheduler scheduler = this.local.scheduler();
		KiwoomTokenIssuer issuer = new KiwoomTokenIssuer(KiwoomHttpTestSupport.tokenRestClient(this.kiwoom.url()),
				KiwoomHttpTestSupport.CREDENTIALS, JsonMapper.shared());
		this.provider = new CachingAccessTokenProvider(issuer, scheduler, scheduler.getClock(), Duration.ofMinutes(10),
				Duration.ZERO);
		this.restClient = new KiwoomRestClientConfigurer(this.kiwoom.url(),
				KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT),
				new KiwoomAuthInterceptor(this.provider, JsonMapper.shared()))
			.configure(RestClient.builder())
			.build();
	}

	@AfterEach
	void tearDown() {
		this.executor.shutdownNow();
		this.provider.close();
		this.kiwoom.close();
	}

	@Test
	void callsInFlightOnTheOldTokenShareOneReissue() {
		assertThat(quote()).isEqualTo("삼성전자");
		AccessToken old = this.provider.getAccessToken();
		// Eight calls reach Kiwoom on the old token; the IP moves before they are judged
		this.kiwoom.faults().next(Endpoint.DATA, 8).delay(Duration.ofMillis(400));
		List<CompletableFuture<Object>> calls = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			calls.add(CompletableFuture.supplyAsync(this::quote, this.executor));
		}
		await().until(() -> this.kiwoom.requests(PATH).size() == 9);
		this.kiwoom.moveEgressIp();
		assertThat(calls).allSatisfy((call) -> assertThat(call.join()).isEqualTo("삼성전자"));
		assertThat(this.kiwoom.requests(PATH))
			.filteredOn((request) -> old.authorization().equals(request.header("authorization")))
			.as("sent on the old token")
			.hasSize(9);
		assertThat(this.kiwoom.requests("/oauth2/token")).as("one re-issue").hasSize(2);
		assertThat(health()).isEqualTo("UP");
	}

	@Test
	void anotherMoveWeeksLaterIsAgainOneReissue() {
		assertThat(quote()).isEqualTo("삼성전자");
		this.kiwoom.moveEgressIp();
		assertThat(quote()).isEqualTo("삼성전자");
		assertThat(this.kiwoom.requests("/oauth2/token")).hasSize(2);
		clock().advance(Duration.ofDays(21));
		this.kiwoom.moveEgressIp();
		assertThat(quote()).isEqualTo("삼성전자");
		assertThat(this.kiwoom.requests("/oauth2/token")).as("one re-issue for each move").hasSize(3);
		assertThat(health()).isEqualTo("UP");
	}

	@Test
	void tokenIssuedAfterAnIpMismatchAndRejectedAlikeSoonAfterIsAConfigurationError() {
		assertThat(quote()).isEqualTo("삼성전자");
		this.kiwoom.moveEgressIp();
		assertThat(quote()).isEqualTo("삼성전자");
		AccessToken reissued = this.provider.getAccessToken();
		clock().advance(Duration.ofMinutes(3));
		// Calls leave through two IPs by turns
		this.kiwoom.moveEgressIp();
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(this::quote)
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.UNREGISTERED_IP))
			.withMessageContaining("more than one public IP");
		assertThat(this.provider.currentToken()).as("rejected token dropped").isEmpty();
		assertThat(this.kiwoom.isValid(reissued.value())).isTrue();
		assertThat(health()).isEqualTo("DOWN");
		// Fixed: calls succeed again with a new token
		assertThat(quote()).isEqualTo("삼성전자");
		assertThat(this.provider.currentToken()).get().isNotEqualTo(reissued);
		assertThat(health()).isEqualTo("UP");
	}

	@Test
	void aShorterWindowTakesTheSameSecondMismatchForAnotherMove() {
		this.provider.setIpMismatchWindow(Duration.ofMinutes(2));
		assertThat(quote()).isEqualTo("삼성전자");
		this.kiwoom.moveEgressIp();
		assertThat(quote()).isEqualTo("삼성전자");
		AccessToken reissued = this.provider.getAccessToken();
		// The same 3 minutes that make a configuration error under the default 10 min
		clock().advance(Duration.ofMinutes(3));
		this.kiwoom.moveEgressIp();
		assertThat(quote()).isEqualTo("삼성전자");
		assertThat(this.provider.currentToken()).get().isNotEqualTo(reissued);
		assertThat(this.kiwoom.requests("/oauth2/token")).as("one re-issue for each move").hasSize(3);
		assertThat(health()).isEqualTo("UP");
	}

	@Test
	void aSecondMismatchJustInsideAShorterWindowIsStillAConfigurationError() {
		this.provider.setIpMismatchWindow(Duration.ofMinutes(2));
		assertThat(quote()).isEqualTo("삼성전자");
		this.kiwoom.moveEgressIp();
		assertThat(quote()).isEqualTo("삼성전자");
		clock().advance(Duration.ofSeconds(119));
		this.kiwoom.moveEgressIp();
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(this::quote)
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.UNREGISTERED_IP))
			.withMessageContaining("PT2M (kiwoom.token.ip-mismatch-window)");
	}

	private SimulatorClock clock() {
		return (SimulatorClock) this.local.scheduler().getClock();
	}

	private String health() {
		return new KiwoomHealthIndicator(this.provider, this.kiwoom.url()).health().getStatus().getCode();
	}

	private Object quote() {
		Map<?, ?> answer = this.restClient.post()
			.uri(PATH)
			.header("api-id", "ka10001")
			.body(Map.of("stk_cd", "005930"))
			.retrieve()
			.body(Map.class);
		return answer.get("stk_nm");
	}

}
