package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.ratelimit.Allowance;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import io.github.ktrader.kiwoom.auth.ratelimit.RateLimitSettings;
import io.github.ktrader.kiwoom.auth.ratelimit.SharedPermits;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.retry.RetryPolicy;

import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.CREDENTIALS;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.baseUrl;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the pacing of au10001 and au10002 under their own API ids and the key-wide
 * budget, against a loopback server, on a ticker the sleeper moves.
 */
class PacedTokenCallsTests {

	private static final long INTERVAL = new Allowance(1, 1).intervalNanos();

	private static final String SUCCESS = """
			{"expires_dt":"20241107083713","token_type":"bearer","token":"TOKEN-abcdefghijklmnopqrstuvwxyz",
			"return_code":0,"return_msg":"정상적으로 처리되었습니다"}""";

	private static final String REFUSED = "{\"return_code\":5,\"return_msg\":\"허용된 요청 개수를 초과하였습니다"
			+ "[1700:허용된 API 요청 개수를 초과하였습니다. 유량=1, API ID=au10001]\"}";

	private static final AccessToken TOKEN = new AccessToken("TOKEN-abcdefghijklmnopqrstuvwxyz",
			Instant.parse("2024-11-06T23:37:13Z"));

	private final AtomicLong ticker = new AtomicLong();

	private final List<Long> sleeps = new ArrayList<>();

	private MockWebServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = KiwoomHttpTestSupport.startServer();
	}

	@AfterEach
	void closeServer() {
		this.server.close();
	}

	private KiwoomRateLimiter limiter(Allowance perApi, Allowance total) {
		RateLimitSettings defaults = RateLimitSettings.defaults();
		return new KiwoomRateLimiter("default", new RateLimitSettings(perApi, Map.of(), total, Duration.ofSeconds(10),
				2, false, defaults.orderApiIds(), defaults.orderPaths()), this.ticker::get, (nanos) -> {
					this.sleeps.add(nanos);
					this.ticker.addAndGet(nanos);
				}, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
	}

	private KiwoomTokenIssuer issuer(KiwoomRateLimiter limiter) {
		RetryPolicy fast = RetryPolicy.builder()
			.predicate(KiwoomTokenIssuer::isTransient)
			.maxRetries(2)
			.delay(Duration.ofMillis(1))
			.build();
		return new KiwoomTokenIssuer(
				KiwoomTokenIssuer.supplier(KiwoomHttpTestSupport.tokenRestClient(baseUrl(this.server))), CREDENTIALS,
				JsonMapper.shared(), fast, limiter);
	}

	private KiwoomTokenRevoker revoker(KiwoomRateLimiter limiter, Duration revokeTimeout) {
		return new KiwoomTokenRevoker(
				KiwoomTokenIssuer.supplier(KiwoomHttpTestSupport.tokenRestClient(baseUrl(this.server))), CREDENTIALS,
				JsonMapper.shared(), limiter, revokeTimeout);
	}

	@Test
	void issuesBackToBackArePacedUnderTheirOwnApiId() {
		KiwoomRateLimiter limiter = limiter(new Allowance(1, 1), new Allowance(20, 20));
		KiwoomTokenIssuer issuer = issuer(limiter);
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(json(SUCCESS));
			issuer.issue();
		}
		assertThat(this.sleeps).containsExactly(INTERVAL, INTERVAL);
		assertThat(this.server.getRequestCount()).isEqualTo(3);
		// Data calls have buckets of their own
		assertThat(limiter.reserve("ka10001")).isZero();
	}

	@Test
	void issuesCountAgainstTheKeyWideBudget() {
		KiwoomRateLimiter limiter = limiter(new Allowance(100, 100), new Allowance(1, 1));
		this.server.enqueue(json(SUCCESS));
		issuer(limiter).issue();
		assertThat(limiter.reserve("ka10001")).isEqualTo(INTERVAL);
	}

	@Test
	void issueRefusedForItsRateLearnsTheAllowanceAndIsSentAgainAfterThePacingWait() {
		KiwoomRateLimiter limiter = limiter(new Allowance(10, 1), new Allowance(20, 20));
		this.server.enqueue(json(429, REFUSED));
		this.server.enqueue(json(SUCCESS));
		assertThat(issuer(limiter).issue().value()).isEqualTo(TOKEN.value());
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(limiter.learnedAllowances()).containsEntry("au10001", new Allowance(1, 1));
		// The second attempt waited out Kiwoom's window, not the configured tenth of a
		// second
		assertThat(this.sleeps).singleElement().isEqualTo(INTERVAL);
	}

	@Test
	void revokesArePacedUnderTheirOwnApiId() {
		KiwoomRateLimiter limiter = limiter(new Allowance(1, 1), new Allowance(20, 20));
		KiwoomTokenRevoker revoker = revoker(limiter, Duration.ofSeconds(5));
		this.server.enqueue(json("{\"return_code\":0}"));
		this.server.enqueue(json("{\"return_code\":0}"));
		revoker.revoke(TOKEN);
		revoker.revoke(TOKEN);
		assertThat(this.sleeps).containsExactly(INTERVAL);
		assertThat(limiter.reserve("au10001")).isZero();
	}

	@Test
	void revokeWhosePermitIsDueAfterTheRevokeTimeoutFailsUnsentWithoutWaiting() {
		KiwoomRateLimiter limiter = limiter(new Allowance(1, 1), new Allowance(20, 20));
		KiwoomTokenRevoker revoker = revoker(limiter, Duration.ofMillis(500));
		this.server.enqueue(json("{\"return_code\":0}"));
		revoker.revoke(TOKEN);
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> revoker.revoke(TOKEN))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.RATE_LIMITED))
			.withMessageContaining("au10002")
			.withMessageContaining("not sent");
		assertThat(this.server.getRequestCount()).isOne();
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void revokeIsPacedOnThisInstancesBucketsNeverTheSharedOnes() {
		KiwoomRateLimiter limiter = limiter(new Allowance(1, 1), new Allowance(20, 20));
		List<String> asked = new ArrayList<>();
		limiter.setSharedPermits(new SharedPermits() {

			@Override
			public long reserve(String bucket, Allowance allowance, int learned, long maxWaitNanos) {
				asked.add(bucket);
				throw new IllegalStateException("LettuceConnectionFactory was stopped");
			}

			@Override
			public void refused(String bucket, Allowance allowance, int stated) {
				asked.add(bucket);
			}

			@Override
			public void refresh(String bucket) {
				asked.add(bucket);
			}

			@Override
			public int learned(String bucket) {
				return 0;
			}

			@Override
			public int liveMembers() {
				return 1;
			}

		});
		this.server.enqueue(json("{\"return_code\":0}"));
		revoker(limiter, Duration.ofSeconds(5)).revoke(TOKEN);
		assertThat(this.server.getRequestCount()).isOne();
		assertThat(asked).isEmpty();
	}

}
