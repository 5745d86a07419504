package io.github.ktrader.kiwoom.auth.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.ManualTaskSchedulers;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.scheduling.TaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for a {@link CachingAccessTokenProvider} over a real {@link KiwoomTokenIssuer}
 * when this machine's clock is ahead of Kiwoom's: renewal and expiry follow the lifetime
 * Kiwoom states ({@code expires_dt} against the {@code Date} header of the same answer).
 */
class ClockSkewTests {

	private static final Instant KIWOOM_NOW = Instant.parse("2026-11-24T00:00:00Z");

	private static final DateTimeFormatter EXPIRES_DT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
		.withZone(AccessToken.KIWOOM_ZONE);

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	private MockWebServer server;

	private final AtomicInteger issued = new AtomicInteger();

	private volatile Duration lifetime = Duration.ofHours(24);

	@BeforeEach
	void start() throws Exception {
		this.server = KiwoomHttpTestSupport.startServer();
		this.server.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				int n = ClockSkewTests.this.issued.incrementAndGet();
				// Kiwoom's clock stands still: only this machine's clock moves
				String body = "{\"expires_dt\":\"" + EXPIRES_DT.format(KIWOOM_NOW.plus(ClockSkewTests.this.lifetime))
						+ "\",\"token_type\":\"bearer\",\"token\":\"skew-token-" + n
						+ "-0123456789\",\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}";
				return new MockResponse.Builder().code(200)
					.addHeader("Content-Type", KiwoomHttpTestSupport.JSON_UTF8)
					.addHeader("Date", HTTP_DATE.format(KIWOOM_NOW))
					.body(body)
					.build();
			}

		});
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@ParameterizedTest(name = "local clock {0} h ahead, tokens of {1} min")
	@CsvSource({ "1, 50", "9, 240", "1, 1440", "9, 1440" })
	void atMostTwoIssuesPerHourWhenTheLocalClockIsAhead(int hoursAhead, int lifetimeMinutes) {
		this.lifetime = Duration.ofMinutes(lifetimeMinutes);
		ManualTaskSchedulers.Handle local = ManualTaskSchedulers.at(KIWOOM_NOW.plus(Duration.ofHours(hoursAhead)));
		TaskScheduler scheduler = local.scheduler();
		KiwoomTokenIssuer issuer = new KiwoomTokenIssuer(
				KiwoomHttpTestSupport.tokenRestClient(KiwoomHttpTestSupport.baseUrl(this.server)),
				KiwoomHttpTestSupport.CREDENTIALS, JsonMapper.shared());
		CachingAccessTokenProvider provider = new CachingAccessTokenProvider(issuer, scheduler, scheduler.getClock(),
				Duration.ofMinutes(10), Duration.ZERO);
		AccessToken first = provider.getAccessToken();
		for (int minute = 0; minute < 60; minute++) {
			local.advance(Duration.ofMinutes(1));
			assertThat(provider.getAccessToken()).isNotNull();
		}
		assertThat(this.issued.get()).as("au10001 in an hour").isBetween(1, 2);
		assertThat(provider.closeAndTakeToken()).as("still valid, so revoked on close").isPresent();
		assertThat(first.value()).startsWith("skew-token-");
	}

}
