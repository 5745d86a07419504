package io.github.ktrader.kiwoom.auth.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenState;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import io.github.ktrader.kiwoom.auth.ManualTaskSchedulers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KiwoomHealthIndicator}.
 */
class KiwoomHealthIndicatorTests {

	private static final String HOST = "https://api.kiwoom.com";

	private static final String TOKEN_VALUE = "live-token-value-0123456789";

	private static final AccessToken TOKEN = new AccessToken(TOKEN_VALUE, Instant.parse("2025-03-04T05:06:07Z"));

	private final AtomicReference<AccessTokenState> state = new AtomicReference<>();

	private final KiwoomHealthIndicator indicator = new KiwoomHealthIndicator(this.state::get, HOST);

	private Health health(AccessTokenState.Status status, @Nullable AccessToken token,
			@Nullable RuntimeException failure) {
		this.state.set(new AccessTokenState(status, token, failure,
				(failure != null) ? Instant.parse("2025-03-04T01:00:00Z") : null));
		return this.indicator.health();
	}

	private static KiwoomAuthException failure(KiwoomErrorKind kind) {
		return new KiwoomAuthException("au10001 (issue access token)",
				KiwoomStatus.of(200, 3, "인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]"), kind);
	}

	@Test
	void notIssuedIsUpWithoutToken() {
		Health health = health(AccessTokenState.Status.NOT_ISSUED, null, null);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("state", "NOT_ISSUED")
			.containsEntry("host", HOST)
			.doesNotContainKeys("token", "expiresAt", "lastFailure");
	}

	@Test
	void validIsUpWithMaskedTokenAndKoreanExpiry() {
		Health health = health(AccessTokenState.Status.VALID, TOKEN, null);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("state", "VALID")
			.containsEntry("token", "live****")
			.containsEntry("expiresAt", "2025-03-04T14:06:07+09:00");
		assertThat(health.toString()).doesNotContain(TOKEN_VALUE);
	}

	@ParameterizedTest
	@EnumSource(value = AccessTokenState.Status.class, names = { "RENEWING", "EXPIRED" })
	void renewingAndExpiredAreUp(AccessTokenState.Status status) {
		assertThat(health(status, (status == AccessTokenState.Status.RENEWING) ? TOKEN : null, null).getStatus())
			.isEqualTo(Status.UP);
	}

	@Test
	void renewalFailingForATransientReasonIsUpWithTheFailure() {
		Health health = health(AccessTokenState.Status.RENEWAL_FAILING, TOKEN, failure(KiwoomErrorKind.SERVER_ERROR));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("lastFailureKind", "SERVER_ERROR")
			.containsEntry("lastFailureAt", "2025-03-04T10:00+09:00")
			.containsKey("lastFailure");
	}

	@ParameterizedTest
	@EnumSource(value = KiwoomErrorKind.class,
			names = { "INVALID_CREDENTIALS", "WRONG_ENVIRONMENT", "UNREGISTERED_IP" })
	void fatalFailureIsDownEvenWhileATokenIsCached(KiwoomErrorKind kind) {
		Health health = health(AccessTokenState.Status.RENEWAL_FAILING, TOKEN, failure(kind));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("lastFailureKind", kind.name());
		assertThat((String) health.getDetails().get("lastFailure")).contains("8001").contains(kind.advice());
	}

	@Test
	void failedIsDownEvenForATransientReason() {
		Health health = health(AccessTokenState.Status.FAILED, null, failure(KiwoomErrorKind.IO_ERROR));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("state", "FAILED").containsEntry("lastFailureKind", "IO_ERROR");
	}

	@Test
	void failureThatIsNotAKiwoomErrorShowsItsType() {
		Health health = health(AccessTokenState.Status.FAILED, null, new IllegalStateException("broken"));
		assertThat(health.getDetails()).containsEntry("lastFailureKind", "IllegalStateException")
			.containsEntry("lastFailure", "broken");
	}

	@Test
	void coolDownShowsWhenTheNextAttemptMayHappen() {
		this.state.set(
				new AccessTokenState(AccessTokenState.Status.FAILED, null, failure(KiwoomErrorKind.INVALID_CREDENTIALS),
						Instant.parse("2025-03-04T01:00:00Z"), Instant.parse("2025-03-04T01:01:00Z"), 0));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("nextAttemptAt", "2025-03-04T10:01+09:00")
			.doesNotContainKey("youngRejections");
	}

	@Test
	void youngRejectionsNameTheLikelyCause() {
		this.state.set(new AccessTokenState(AccessTokenState.Status.VALID, TOKEN, null, null, null, 3));
		Health health = this.indicator.health();
		assertThat(health.getDetails()).containsEntry("youngRejections", 3);
		assertThat((String) health.getDetails().get("likelyCause")).contains("kiwoom.appkey",
				"kiwoom.token.store=redis");
	}

	@Test
	void closedIsOutOfService() {
		assertThat(health(AccessTokenState.Status.CLOSED, null, null).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	@Test
	void rejectionStormGuardRefusingEveryCallIsOutOfServiceUntilCallsWorkAgain() {
		Instant start = Instant.parse("2026-11-24T00:00:00Z");
		ManualTaskSchedulers.Handle time = ManualTaskSchedulers.at(start);
		AtomicInteger issued = new AtomicInteger();
		CachingAccessTokenProvider provider = new CachingAccessTokenProvider(
				() -> new AccessToken("token-" + issued.incrementAndGet(),
						time.scheduler().getClock().instant().plus(Duration.ofHours(24))),
				time.scheduler(), time.scheduler().getClock(), Duration.ofMinutes(10), Duration.ZERO);
		KiwoomHealthIndicator indicator = new KiwoomHealthIndicator(provider, HOST);
		for (int i = 0; i < 2; i++) {
			AccessToken token = provider.getAccessToken();
			time.advance(Duration.ofMillis(200));
			provider.renewRejected(token);
		}
		AccessToken third = provider.getAccessToken();
		time.advance(Duration.ofMillis(200));
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> provider.renewRejected(third))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.KEY_SHARED));
		Health refusing = indicator.health();
		assertThat(refusing.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(refusing.getDetails()).containsEntry("refusing", "KEY_SHARED")
			.containsEntry("youngRejections", 3)
			.containsEntry("nextAttemptAt", "2026-11-24T09:00:30.400+09:00");
		time.advance(Duration.ofSeconds(29));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(provider::getAccessToken);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		time.advance(Duration.ofSeconds(1));
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		assertThat(provider.getAccessToken().value()).isEqualTo("token-4");
		Health recovered = indicator.health();
		assertThat(recovered.getStatus()).isEqualTo(Status.UP);
		assertThat(recovered.getDetails()).containsEntry("state", "VALID").doesNotContainKey("refusing");
		provider.close();
	}

	@Test
	void readsTheStateOfAProvider() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setDaemon(true);
		scheduler.initialize();
		try {
			CachingAccessTokenProvider provider = new CachingAccessTokenProvider(
					() -> new AccessToken(TOKEN_VALUE, Instant.now().plus(Duration.ofHours(24))), scheduler,
					Clock.systemUTC(), Duration.ofMinutes(10), Duration.ZERO);
			KiwoomHealthIndicator indicator = new KiwoomHealthIndicator(provider, HOST);
			assertThat(indicator.health().getDetails()).containsEntry("state", "NOT_ISSUED");
			provider.getAccessToken();
			assertThat(indicator.health().getDetails()).containsEntry("state", "VALID")
				.containsEntry("token", "live****");
			provider.close();
			assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		}
		finally {
			scheduler.shutdown();
		}
	}

}
