package io.github.ktrader.kiwoom.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CachingAccessTokenProvider}.
 */
class CachingAccessTokenProviderTests {

	private static final Instant START = Instant.parse("2026-11-24T00:00:00Z");

	private static final Duration LIFETIME = Duration.ofHours(24);

	private static final Duration RENEW_BEFORE = Duration.ofMinutes(10);

	private final ManualTaskScheduler scheduler = new ManualTaskScheduler(START);

	private final ScriptedIssuer issuer = new ScriptedIssuer();

	private final TimeZone defaultZone = TimeZone.getDefault();

	private CachingAccessTokenProvider provider = newProvider(Duration.ZERO);

	@AfterEach
	void restoreZone() {
		TimeZone.setDefault(this.defaultZone);
	}

	private CachingAccessTokenProvider newProvider(Duration jitter) {
		return new CachingAccessTokenProvider(this.issuer, this.scheduler, this.scheduler.getClock(), RENEW_BEFORE,
				jitter, new FixedBackOff(Duration.ofMinutes(1).toMillis(), 3));
	}

	@Test
	void issuesNothingUntilFirstUse() {
		assertThat(this.issuer.count()).isZero();
		assertThat(this.provider.currentToken()).isEmpty();
	}

	@Test
	void issuesOnFirstUseAndCachesTheToken() {
		AccessToken first = this.provider.getAccessToken();
		AccessToken second = this.provider.getAccessToken();
		assertThat(second).isSameAs(first);
		assertThat(first.value()).isEqualTo("token-1");
		assertThat(this.issuer.count()).isOne();
	}

	@Test
	void concurrentFirstCallersCauseOneIssue() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.issuer.beforeIssue(() -> await(release));
		int callers = 32;
		ExecutorService executor = Executors.newFixedThreadPool(callers);
		try {
			List<Future<AccessToken>> results = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				results.add(executor.submit(this.provider::getAccessToken));
			}
			this.issuer.awaitInFlight();
			release.countDown();
			Set<AccessToken> tokens = ConcurrentHashMap.newKeySet();
			for (Future<AccessToken> result : results) {
				tokens.add(result.get(10, TimeUnit.SECONDS));
			}
			assertThat(tokens).hasSize(1);
			assertThat(this.issuer.count()).isOne();
			assertThat(this.issuer.maxInFlight()).isOne();
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void renewsInTheBackgroundRenewBeforeAheadOfExpiry() {
		AccessToken first = this.provider.getAccessToken();
		Instant renewAt = first.expiresAt().minus(RENEW_BEFORE);
		this.scheduler.advanceTo(renewAt.minusSeconds(1));
		assertThat(this.issuer.count()).isOne();
		assertThat(this.provider.getAccessToken()).isSameAs(first);
		this.scheduler.advanceTo(renewAt);
		assertThat(this.issuer.count()).isEqualTo(2);
		assertThat(this.provider.getAccessToken().value()).isEqualTo("token-2");
	}

	@Test
	void jitterMovesRenewalEarlierByAtMostTheJitter() {
		Duration jitter = Duration.ofSeconds(30);
		this.provider = newProvider(jitter);
		AccessToken first = this.provider.getAccessToken();
		Instant latest = first.expiresAt().minus(RENEW_BEFORE);
		Instant earliest = latest.minus(jitter);
		assertThat(this.scheduler.pendingTimes()).anySatisfy((time) -> assertThat(time).isBetween(earliest, latest));
	}

	@Test
	void callersNeverWaitForARenewalWhileTheOldTokenIsValid() throws Exception {
		AccessToken first = this.provider.getAccessToken();
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.issuer.beforeIssue(() -> {
			entered.countDown();
			await(release);
		});
		Thread renewal = new Thread(() -> this.scheduler.advanceTo(first.expiresAt().minus(RENEW_BEFORE)));
		renewal.start();
		assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			AccessToken during = executor.submit(this.provider::getAccessToken).get(1, TimeUnit.SECONDS);
			assertThat(during).isSameAs(first);
		}
		finally {
			release.countDown();
			renewal.join(5000);
			executor.shutdownNow();
		}
		assertThat(this.provider.getAccessToken().value()).isEqualTo("token-2");
	}

	@Test
	void failedRenewalKeepsServingTheOldTokenAndRetries() {
		AccessToken first = this.provider.getAccessToken();
		this.issuer.failNext(2);
		this.scheduler.advanceTo(first.expiresAt().minus(RENEW_BEFORE));
		assertThat(this.issuer.count()).isEqualTo(2);
		assertThat(this.provider.getAccessToken()).isSameAs(first);
		this.scheduler.advance(Duration.ofMinutes(1));
		assertThat(this.issuer.count()).isEqualTo(3);
		assertThat(this.provider.getAccessToken()).isSameAs(first);
		this.scheduler.advance(Duration.ofMinutes(1));
		assertThat(this.issuer.count()).isEqualTo(4);
		assertThat(this.provider.getAccessToken().value()).isEqualTo("token-4");
	}

	@Test
	void failedRenewalStopsRetryingAtExpiryAndTheNextCallerIssues() {
		AccessToken first = this.provider.getAccessToken();
		this.issuer.failNext(100);
		this.scheduler.advanceTo(first.expiresAt().minusSeconds(1));
		int attempts = this.issuer.count();
		assertThat(this.provider.getAccessToken()).isSameAs(first);
		this.scheduler.advanceTo(first.expiresAt());
		assertThat(this.provider.currentToken()).isEmpty();
		assertThat(this.issuer.count()).isEqualTo(attempts);
		this.issuer.failNext(0);
		assertThat(this.provider.getAccessToken().value()).isNotEqualTo(first.value());
		assertThat(this.issuer.count()).isEqualTo(attempts + 1);
	}

	@Test
	void expiredTokenIsDroppedAndTheNextCallerIssuesSynchronously() {
		AccessToken first = this.provider.getAccessToken();
		this.issuer.failNext(100);
		this.scheduler.advanceTo(first.expiresAt().plusSeconds(1));
		assertThat(this.provider.currentToken()).isEmpty();
		this.issuer.failNext(0);
		AccessToken next = this.provider.getAccessToken();
		assertThat(next.value()).isNotEqualTo(first.value());
		assertThat(next.isExpiredAt(this.scheduler.now())).isFalse();
	}

	@Test
	void sameTokenBackFromARenewalIsKeptUntilItExpires() {
		AccessToken first = this.provider.getAccessToken();
		this.issuer.answer(() -> first);
		this.scheduler.advanceTo(first.expiresAt().minusSeconds(1));
		assertThat(this.issuer.count()).isEqualTo(2);
		assertThat(this.provider.getAccessToken()).isSameAs(first);
		this.issuer.answer(null);
		this.scheduler.advanceTo(first.expiresAt());
		AccessToken next = this.provider.getAccessToken();
		assertThat(next.value()).isEqualTo("token-3");
		assertThat(this.issuer.count()).isEqualTo(3);
	}

	@Test
	void shortLivedTokenIsNotRenewedBeforeHalfItsLifetime() {
		this.issuer.lifetime(Duration.ofMinutes(4));
		AccessToken first = this.provider.getAccessToken();
		this.scheduler.advance(Duration.ofMinutes(2).minusSeconds(1));
		assertThat(this.issuer.count()).isOne();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.issuer.count()).isEqualTo(2);
		assertThat(this.provider.getAccessToken()).isNotSameAs(first);
	}

	@Test
	void tokenThatLooksExpiredOnArrivalIsStillServedBriefly() {
		this.issuer.lifetime(Duration.ofSeconds(-5));
		AccessToken first = this.provider.getAccessToken();
		assertThat(this.provider.getAccessToken()).isSameAs(first);
		assertThat(this.issuer.count()).isOne();
	}

	@Test
	void rejectedTokenIsDroppedAndReplacedOnce() {
		AccessToken first = this.provider.getAccessToken();
		AccessToken second = this.provider.renewRejected(first);
		assertThat(second.value()).isEqualTo("token-2");
		assertThat(this.provider.renewRejected(first)).isSameAs(second);
		assertThat(this.issuer.count()).isEqualTo(2);
	}

	@Test
	void burstOfRejectionsForOneTokenCausesOneIssue() throws Exception {
		AccessToken first = this.provider.getAccessToken();
		int callers = 64;
		ExecutorService executor = Executors.newFixedThreadPool(16);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<AccessToken>> results = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				results.add(executor.submit(() -> {
					start.await();
					return this.provider.renewRejected(first);
				}));
			}
			start.countDown();
			for (Future<AccessToken> result : results) {
				assertThat(result.get(10, TimeUnit.SECONDS).value()).isEqualTo("token-2");
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.issuer.count()).isEqualTo(2);
	}

	@Test
	void renewedTokenThatKillsTheOldOneIsPickedUpOnRejection() {
		AccessToken first = this.provider.getAccessToken();
		this.scheduler.advanceTo(first.expiresAt().minus(RENEW_BEFORE));
		AccessToken renewed = this.provider.getAccessToken();
		assertThat(this.provider.renewRejected(first)).isSameAs(renewed);
		assertThat(this.issuer.count()).isEqualTo(2);
	}

	@Test
	void closeReturnsTheHeldTokenAndStopsIssuing() {
		AccessToken first = this.provider.getAccessToken();
		assertThat(this.provider.closeAndTakeToken()).contains(first);
		assertThat(this.provider.isClosed()).isTrue();
		assertThat(this.scheduler.pendingTimes()).isEmpty();
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(this.provider::getAccessToken)
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.CLOSED));
		this.scheduler.advance(LIFETIME);
		assertThat(this.issuer.count()).isOne();
		assertThat(this.provider.closeAndTakeToken()).isEmpty();
	}

	@Test
	void closeWithoutATokenReturnsNothing() {
		assertThat(this.provider.closeAndTakeToken()).isEmpty();
		assertThat(this.issuer.count()).isZero();
	}

	@Test
	void closeAfterExpiryReturnsNothing() {
		this.provider.getAccessToken();
		this.issuer.failNext(100);
		this.scheduler.advance(LIFETIME.plusSeconds(1));
		assertThat(this.provider.closeAndTakeToken()).isEmpty();
	}

	@Test
	void issueFinishingAfterCloseIsKeptForRevocationAndNotHandedOut() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.issuer.beforeIssue(() -> await(release));
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<AccessToken> caller = executor.submit(this.provider::getAccessToken);
			this.issuer.awaitInFlight();
			assertThat(this.provider.closeAndTakeToken()).isEmpty();
			release.countDown();
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> caller.get(5, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOfSatisfying(KiwoomAuthException.class,
						(ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.CLOSED));
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.provider.currentToken()).isEmpty();
		assertThat(this.scheduler.pendingTimes()).isEmpty();
		assertThat(this.provider.closeAndTakeTokens(Duration.ZERO)).extracting(AccessToken::value)
			.containsExactly("token-1");
	}

	@Test
	void closeWaitsBoundedlyForAnIssueInFlightAndReturnsTheNewTokenNotTheRejectedOne() throws Exception {
		AccessToken first = this.provider.getAccessToken();
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.issuer.beforeIssue(() -> {
			entered.countDown();
			await(release);
		});
		AccessToken rejected = this.provider.currentToken().orElseThrow();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<AccessToken> caller = executor.submit(() -> this.provider.renewRejected(rejected));
			assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
			Thread releaser = new Thread(() -> {
				await(release, 100);
				release.countDown();
			});
			releaser.start();
			assertThat(this.provider.closeAndTakeTokens(Duration.ofSeconds(10))).extracting(AccessToken::value)
				.containsExactly("token-2");
			assertThat(first.value()).isEqualTo("token-1");
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> caller.get(5, TimeUnit.SECONDS));
		}
		finally {
			release.countDown();
			executor.shutdownNow();
		}
	}

	@Test
	void closeDoesNotWaitLongerThanAskedForAHungIssue() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.issuer.beforeIssue(() -> await(release));
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			executor.submit(this.provider::getAccessToken);
			this.issuer.awaitInFlight();
			long start = System.nanoTime();
			assertThat(this.provider.closeAndTakeTokens(Duration.ofMillis(200))).isEmpty();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		}
		finally {
			release.countDown();
			executor.shutdownNow();
		}
	}

	@Test
	void failedFirstIssueIsThrownAndTheNextCallAfterTheCooldownTriesAgain() {
		this.issuer.failNext(1);
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(this.provider::getAccessToken);
		this.scheduler.advance(Duration.ofSeconds(5));
		assertThat(this.provider.getAccessToken().value()).isEqualTo("token-2");
	}

	@ParameterizedTest
	@ValueSource(strings = { "UTC", "Asia/Seoul", "America/New_York", "Europe/London" })
	void expiryIsKoreanWallClockWhateverTheJvmZone(String zone) {
		TimeZone.setDefault(TimeZone.getTimeZone(zone));
		Instant expiresAt = LocalDateTime.of(2026, 11, 25, 9, 0, 0).atZone(AccessToken.KIWOOM_ZONE).toInstant();
		this.issuer.answer(() -> new AccessToken("kst-token-value", expiresAt));
		AccessToken token = this.provider.getAccessToken();
		assertThat(expiresAt).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
		assertThat(this.scheduler.pendingTimes()).contains(expiresAt.minus(RENEW_BEFORE), expiresAt);
		this.scheduler.advanceTo(Instant.parse("2026-11-24T23:49:59Z"));
		assertThat(this.provider.getAccessToken()).isSameAs(token);
		assertThat(this.issuer.count()).isOne();
	}

	@Test
	void stateFollowsTheTokenThroughItsLife() {
		assertThat(this.provider.state().status()).isEqualTo(AccessTokenState.Status.NOT_ISSUED);
		AccessToken first = this.provider.getAccessToken();
		assertThat(this.provider.state().status()).isEqualTo(AccessTokenState.Status.VALID);
		assertThat(this.provider.state().token()).isSameAs(first);
		this.issuer.failNext(1);
		this.scheduler.advanceTo(first.expiresAt().minus(RENEW_BEFORE));
		AccessTokenState failing = this.provider.state();
		assertThat(failing.status()).isEqualTo(AccessTokenState.Status.RENEWAL_FAILING);
		assertThat(failing.lastFailureKind()).isEqualTo(KiwoomErrorKind.SERVER_ERROR);
		assertThat(failing.lastFailureAt()).isEqualTo(first.expiresAt().minus(RENEW_BEFORE));
		this.scheduler.advance(Duration.ofMinutes(1));
		assertThat(this.provider.state().status()).isEqualTo(AccessTokenState.Status.VALID);
		assertThat(this.provider.state().lastFailure()).isNull();
		this.provider.renewRejected(this.provider.getAccessToken());
		this.issuer.failNext(100);
		this.scheduler.advance(LIFETIME);
		assertThat(this.provider.state().status()).isEqualTo(AccessTokenState.Status.EXPIRED);
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(this.provider::getAccessToken);
		assertThat(this.provider.state().status()).isEqualTo(AccessTokenState.Status.FAILED);
		this.provider.close();
		assertThat(this.provider.state().status()).isEqualTo(AccessTokenState.Status.CLOSED);
	}

	@Test
	void stateShowsARenewalInFlight() throws Exception {
		AccessToken first = this.provider.getAccessToken();
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.issuer.beforeIssue(() -> {
			entered.countDown();
			await(release);
		});
		Thread renewal = new Thread(() -> this.scheduler.advanceTo(first.expiresAt().minus(RENEW_BEFORE)));
		renewal.start();
		try {
			assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(this.provider.state().status()).isEqualTo(AccessTokenState.Status.RENEWING);
		}
		finally {
			release.countDown();
			renewal.join(5000);
		}
		assertThat(this.provider.state().status()).isEqualTo(AccessTokenState.Status.VALID);
	}

	@Test
	void listenerHearsWhyEachTokenWasIssued() {
		List<String> heard = new ArrayList<>();
		this.provider.setListener(new AccessTokenListener() {

			@Override
			public void issued(AccessToken token, IssueReason reason, Duration elapsed) {
				heard.add("issued " + token.value() + " " + reason);
			}

			@Override
			public void issueFailed(RuntimeException failure, IssueReason reason, Duration elapsed) {
				heard.add("failed " + reason);
			}

			@Override
			public void rejected(AccessToken token) {
				heard.add("rejected " + token.value());
			}

		});
		AccessToken first = this.provider.getAccessToken();
		this.issuer.failNext(1);
		this.scheduler.advanceTo(first.expiresAt().minus(RENEW_BEFORE));
		this.scheduler.advance(Duration.ofMinutes(1));
		this.provider.renewRejected(this.provider.getAccessToken());
		this.issuer.failNext(100);
		this.scheduler.advance(LIFETIME);
		this.issuer.failNext(0);
		this.provider.getAccessToken();
		assertThat(heard).containsExactly("issued token-1 FIRST_USE", "failed RENEWAL", "issued token-3 RENEWAL",
				"rejected token-3", "issued token-4 REJECTED", "failed RENEWAL", "failed RENEWAL", "failed RENEWAL",
				"failed RENEWAL", "issued token-9 EXPIRED");
	}

	@Test
	void sameTokenBackFromARenewalIsNotReportedAsANewToken() {
		List<IssueReason> issued = new ArrayList<>();
		this.provider.setListener(new AccessTokenListener() {

			@Override
			public void issued(AccessToken token, IssueReason reason, Duration elapsed) {
				issued.add(reason);
			}

		});
		AccessToken first = this.provider.getAccessToken();
		this.issuer.answer(() -> first);
		this.scheduler.advanceTo(first.expiresAt().minusSeconds(1));
		assertThat(this.issuer.count()).isEqualTo(2);
		assertThat(issued).containsExactly(IssueReason.FIRST_USE);
	}

	private static void await(CountDownLatch latch, long millis) {
		try {
			latch.await(millis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Issues {@code token-N} valid for a lifetime from the scheduler's clock, or fails on
	 * demand; counts calls and concurrent calls.
	 */
	private final class ScriptedIssuer implements TokenIssuer {

		private final AtomicInteger count = new AtomicInteger();

		private final AtomicInteger inFlight = new AtomicInteger();

		private final AtomicInteger maxInFlight = new AtomicInteger();

		private final CountDownLatch started = new CountDownLatch(1);

		private volatile Runnable beforeIssue = () -> {
		};

		private volatile int failures;

		private volatile Duration lifetime = LIFETIME;

		private volatile Supplier<AccessToken> answer;

		@Override
		public AccessToken issue() {
			int n = this.count.incrementAndGet();
			this.maxInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
			this.started.countDown();
			try {
				this.beforeIssue.run();
				if (this.failures > 0) {
					this.failures--;
					throw new KiwoomAuthException(KiwoomErrorKind.SERVER_ERROR, "scripted failure " + n, null);
				}
				Supplier<AccessToken> scripted = this.answer;
				if (scripted != null) {
					return scripted.get();
				}
				return new AccessToken("token-" + n,
						CachingAccessTokenProviderTests.this.scheduler.now().plus(this.lifetime));
			}
			finally {
				this.inFlight.decrementAndGet();
			}
		}

		int count() {
			return this.count.get();
		}

		int maxInFlight() {
			return this.maxInFlight.get();
		}

		void beforeIssue(Runnable action) {
			this.beforeIssue = action;
		}

		void failNext(int failures) {
			this.failures = failures;
		}

		void lifetime(Duration lifetime) {
			this.lifetime = lifetime;
		}

		void answer(Supplier<AccessToken> answer) {
			this.answer = answer;
		}

		void awaitInFlight() throws InterruptedException {
			assertThat(this.started.await(10, TimeUnit.SECONDS)).isTrue();
		}

	}

}
