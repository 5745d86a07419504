package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.client.KiwoomTokenIssuer;
import io.github.ktrader.kiwoom.auth.client.KiwoomTokenRevoker;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link RevokeTokenOnCloseLifecycle}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RevokeTokenOnCloseLifecycleTests {

	private static final Duration REVOKE_TIMEOUT = Duration.ofMillis(500);

	private static final KiwoomCredentials CREDENTIALS = new KiwoomCredentials("APPKEY-aaaaaaaaaaaaaaaa",
			"SECRET-ssssssssssssssss");

	private static final String TOKEN = "held-token-0123456789";

	private final MockWebServer server = new MockWebServer();

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private CachingAccessTokenProvider provider;

	private RevokeTokenOnCloseLifecycle lifecycle;

	@BeforeEach
	void setUp() throws IOException {
		this.server.start(InetAddress.getLoopbackAddress(), 0);
		this.scheduler.setDaemon(true);
		this.scheduler.initialize();
		RestClient restClient = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.server.getPort())
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.withHttpClientCustomizer((builder) -> builder.version(HttpClient.Version.HTTP_1_1))
				.build(HttpClientSettings.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(30))))
			.bufferContent((uri, method) -> true)
			.build();
		this.provider = new CachingAccessTokenProvider(
				new KiwoomTokenIssuer(restClient, CREDENTIALS, JsonMapper.shared()), this.scheduler, Clock.systemUTC(),
				Duration.ofMinutes(10), Duration.ZERO);
		this.lifecycle = new RevokeTokenOnCloseLifecycle(this.provider,
				new KiwoomTokenRevoker(restClient, CREDENTIALS, JsonMapper.shared()), REVOKE_TIMEOUT);
		this.lifecycle.start();
	}

	@AfterEach
	void tearDown() {
		this.scheduler.shutdown();
		this.server.close();
	}

	@Test
	void stopsAfterTheWebServerAndTheExecutors() {
		assertThat(this.lifecycle.getPhase()).isLessThan(Integer.MAX_VALUE / 2).isGreaterThan(0);
		assertThat(this.lifecycle.isPauseable()).isFalse();
		assertThat(this.lifecycle.isAutoStartup()).isTrue();
		assertThat(this.lifecycle.isRunning()).isTrue();
	}

	@Test
	void revokesExactlyTheHeldToken(CapturedOutput output) throws Exception {
		this.server.enqueue(KiwoomAnswers.token(TOKEN));
		this.server.enqueue(KiwoomAnswers.revoked());
		this.provider.getAccessToken();
		stop();
		take();
		RecordedRequest revoke = take();
		assertThat(revoke.getTarget()).isEqualTo("/oauth2/revoke");
		assertThat(JsonMapper.shared().readTree(revoke.getBody().utf8()).get("token").asString()).isEqualTo(TOKEN);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(this.lifecycle.isRunning()).isFalse();
		assertThat(output).contains("Revoked Kiwoom access token held****").doesNotContain(TOKEN);
	}

	@Test
	void revokesNothingWhenNoTokenWasIssued() {
		stop();
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void stopsOnlyOnce() throws Exception {
		this.server.enqueue(KiwoomAnswers.token(TOKEN));
		this.server.enqueue(KiwoomAnswers.revoked());
		this.provider.getAccessToken();
		stop();
		stop();
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void providerStaysUsableAfterStopForBeansBeingDestroyedAndIssuesNoTokenOnceClosed() {
		stop();
		this.server.enqueue(KiwoomAnswers.token(TOKEN));
		assertThat(this.provider.getAccessToken().value()).isEqualTo(TOKEN);
		this.provider.close();
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(this.provider::getAccessToken)
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.CLOSED));
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void hungServerHoldsShutdownNoLongerThanTheTimeout(CapturedOutput output) {
		this.server.enqueue(KiwoomAnswers.token(TOKEN));
		this.server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
		this.provider.getAccessToken();
		Instant start = Instant.now();
		assertThatNoException().isThrownBy(this::stop);
		assertThat(Duration.between(start, Instant.now())).isLessThan(REVOKE_TIMEOUT.plusSeconds(1));
		assertThat(output).contains("Revoking Kiwoom access token held**** failed")
			.contains("kiwoom.token.revoke-timeout")
			.doesNotContain(TOKEN);
	}

	@Test
	void failedRevokeIsLoggedNeverThrown(CapturedOutput output) {
		this.server.enqueue(KiwoomAnswers.token(TOKEN));
		this.server.enqueue(KiwoomAnswers.json("{\"return_code\":3,\"return_msg\":\"[8015:토큰 폐기에 실패했습니다]\"}"));
		this.provider.getAccessToken();
		assertThatNoException().isThrownBy(this::stop);
		assertThat(output).contains("Revoking Kiwoom access token held**** failed")
			.contains("8015")
			.doesNotContain(TOKEN)
			.doesNotContain(CREDENTIALS.appkey())
			.doesNotContain(CREDENTIALS.secretkey());
	}

	@Test
	void unreachableServerIsLoggedNeverThrown(CapturedOutput output) {
		this.server.enqueue(KiwoomAnswers.token(TOKEN));
		this.provider.getAccessToken();
		this.server.close();
		assertThatNoException().isThrownBy(this::stop);
		assertThat(output).contains("Revoking Kiwoom access token held**** failed").doesNotContain(TOKEN);
	}

	@Test
	void userSuppliedProviderIsNotRevoked() {
		RevokeTokenOnCloseLifecycle lifecycle = new RevokeTokenOnCloseLifecycle(
				() -> new AccessToken(TOKEN, Instant.now().plusSeconds(60)), (token) -> {
					throw new AssertionError("must not revoke");
				}, REVOKE_TIMEOUT);
		lifecycle.start();
		assertThatNoException().isThrownBy(lifecycle::stop);
	}

	private void stop() {
		boolean[] called = new boolean[1];
		this.lifecycle.stop(() -> called[0] = true);
		assertThat(called[0]).isTrue();
	}

	private RecordedRequest take() throws InterruptedException {
		RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request).isNotNull();
		return request;
	}

}
