package io.github.ktrader.kiwoom.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link CachingAccessTokenProvider} when au10001 fails, when listeners
 * misbehave, and when tokens keep being rejected young. Only the public API and the
 * defaults are used.
 */
@ExtendWith(OutputCaptureExtension.class)
class CachingAccessTokenProviderFailureTests {

	private static final Instant START = Instant.parse("2026-11-24T00:00:00Z");

	private final ManualTaskScheduler scheduler = new ManualTaskScheduler(START);

	private final CountingIssuer issuer = new CountingIssuer();

	private final CachingAccessTokenProvider provider = new CachingAccessTokenProvider(this.issuer, this.scheduler,
			this.scheduler.getClock(), Duration.ofMinutes(10), Duration.ZERO);

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
	}

	@Test
	void waitersShareTheOutcomeOfAFailedIssue() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.issuer.failWith(KiwoomErrorKind.RATE_LIMITED);
		this.issuer.beforeIssue(() -> await(release));
		List<Future<AccessToken>> callers = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			callers.add(this.executor.submit(this.provider::getAccessToken));
		}
		this.issuer.awaitFirst();
		Thread.sleep(200);
		release.countDown();
		for (Future<AccessToken> caller : callers) {
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> caller.get(10, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOfSatisfying(KiwoomAuthException.class,
						(ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.RATE_LIMITED));
		}
		assertThat(this.issuer.count()).as("au10001 sequences").isOne();
	}

	@Test
	void waiterGivesUpAfterTheIssueDeadlineAndTheIssueGoesOn() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.issuer.beforeIssue(() -> await(release));
		this.provider.setIssueWait(Duration.ofMillis(200));
		Future<AccessToken> leader = this.executor.submit(this.provider::getAccessToken);
		this.issuer.awaitFirst();
		long start = System.nanoTime();
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(this.provider::getAccessToken)
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.IO_ERROR))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("au10001 in flight", "kiwoom.read-timeout"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		release.countDown();
		assertThat(leader.get(10, TimeUnit.SECONDS).value()).isEqualTo("token-1");
		assertThat(this.issuer.count()).isOne();
	}

	@Test
	void waitingIsInterruptible() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.issuer.beforeIssue(() -> await(release));
		this.executor.submit(this.provider::getAccessToken);
		this.issuer.awaitFirst();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
		Thread waiter = new Thread(() -> {
			failure.set(catchThrowable(this.provider::getAccessToken));
			stillInterrupted.set(Thread.currentThread().isInterrupted());
		});
		waiter.start();
		Thread.sleep(100);
		waiter.interrupt();
		waiter.join(5000);
		release.countDown();
		assertThat(failure.get()).isInstanceOf(KiwoomAuthException.class).hasMessageContaining("Interrupted");
		assertThat(stillInterrupted.get()).isTrue();
	}

	@Test
	void stateShowsWhenTheNextAttemptMayHappen() {
		this.issuer.failWith(KiwoomErrorKind.UNREGISTERED_IP);
		catchThrowable(this.provider::getAccessToken);
		AccessTokenState state = this.provider.state();
		assertThat(state.status()).isEqualTo(AccessTokenState.Status.FAILED);
		assertThat(state.nextAttemptAt()).isEqualTo(START.plusSeconds(60));
		this.scheduler.advance(Duration.ofSeconds(60));
		assertThat(this.provider.state().nextAttemptAt()).isNull();
	}

	@Test
	void cooldownsAreConfigurable() {
		this.provider.setFailureCooldown(Duration.ofSeconds(10), Duration.ZERO);
		this.issuer.failWith(KiwoomErrorKind.SERVER_ERROR);
		catchThrowable(this.provider::getAccessToken);
		catchThrowable(this.provider::getAccessToken);
		assertThat(this.issuer.count()).as("no transient cool-down").isEqualTo(2);
		this.issuer.failWith(KiwoomErrorKind.INVALID_CREDENTIALS);
		catchThrowable(this.provider::getAccessToken);
		this.scheduler.advance(Duration.ofSeconds(9));
		catchThrowable(this.provider::getAccessToken);
		assertThat(this.issuer.count()).isEqualTo(3);
		this.scheduler.advance(Duration.ofSeconds(1));
		catchThrowable(this.provider::getAccessToken);
		assertThat(this.issuer.count()).isEqualTo(4);
	}

	@Test
	void youngRejectionsAreReportedAndShownInTheState() {
		List<Duration> ages = new ArrayList<>();
		this.provider.setListener(new AccessTokenListener() {

			@Override
			public void rejectedYoung(AccessToken token, Duration age) {
				ages.add(age);
			}

		});
		AccessToken token = this.provider.getAccessToken();
		this.scheduler.advance(Duration.ofMillis(500));
		this.provider.renewRejected(token);
		assertThat(ages).containsExactly(Duration.ofMillis(500));
		assertThat(this.provider.state().youngRejections()).isOne();
		AccessToken second = this.provider.getAccessToken();
		this.scheduler.advance(Duration.ofMinutes(5));
		this.provider.renewRejected(second);
		assertThat(ages).hasSize(1);
		assertThat(this.provider.state().youngRejections()).isZero();
	}

	@Test
	void fatalFailureCoolsDownForAMinute() {
		this.issuer.failWith(KiwoomErrorKind.INVALID_CREDENTIALS);
		for (int i = 0; i < 20; i++) {
			assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(this.provider::getAccessToken)
				.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.INVALID_CREDENTIALS))
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("kiwoom.appkey"));
		}
		assertThat(this.issuer.count()).isOne();
		assertThat(catchThrowable(this.provider::getAccessToken)).hasMessageContaining("kiwoom.token.failure-cooldown");
		assertThat(this.provider.state().status()).isEqualTo(AccessTokenState.Status.FAILED);
		this.scheduler.advance(Duration.ofSeconds(59));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(this.provider::getAccessToken);
		assertThat(this.issuer.count()).isOne();
		this.scheduler.advance(Duration.ofSeconds(1));
		this.issuer.failWith(null);
		assertThat(this.provider.getAccessToken().value()).isEqualTo("token-2");
	}

	@Test
	void fatalFailureLogsOneWarningWithTheAdvicePerCooldown(CapturedOutput output) {
		String line = "Could not issue a Kiwoom access token (INVALID_CREDENTIALS)";
		this.provider.setAccount("mock");
		this.issuer.failWith(KiwoomErrorKind.INVALID_CREDENTIALS);
		for (int i = 0; i < 20; i++) {
			assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(this.provider::getAccessToken);
		}
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains(line, KiwoomErrorKind.INVALID_CREDENTIALS.advice(), "until 2026-11-24T09:01+09:00",
					"(kiwoom.token.failure-cooldown)", "(account 'mock')");
		this.scheduler.advance(Duration.ofSeconds(60));
		for (int i = 0; i < 20; i++) {
			assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(this.provider::getAccessToken);
		}
		assertThat(warnings(output)).hasSize(2).allSatisfy((warning) -> assertThat(warning).contains(line));
		assertThat(this.issuer.count()).isEqualTo(2);
	}

	@Test
	void transientFailureLogsNoWarning(CapturedOutput output) {
		this.issuer.failWith(KiwoomErrorKind.SERVER_ERROR);
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(this.provider::getAccessToken);
		assertThat(warnings(output)).isEmpty();
	}

	private static List<String> warnings(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> line.contains("WARN")).toList();
	}

	@Test
	void transientFailureCoolsDownForAFewSeconds() {
		this.issuer.failWith(KiwoomErrorKind.SERVER_ERROR);
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(this.provider::getAccessToken);
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(this.provider::getAccessToken)
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.SERVER_ERROR))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("kiwoom.token.transient-failure-cooldown"));
		assertThat(this.issuer.count()).isOne();
		this.scheduler.advance(Duration.ofSeconds(5));
		this.issuer.failWith(null);
		assertThat(this.provider.getAccessToken().value()).isEqualTo("token-2");
	}

	@Test
	void listenerThatCallsBackGetsTheNewTokenWithoutAnotherIssue() {
		AtomicReference<AccessToken> seen = new AtomicReference<>();
		this.provider.setListener(new AccessTokenListener() {

			@Override
			public void issued(AccessToken token, IssueReason reason, Duration elapsed) {
				seen.set(CachingAccessTokenProviderFailureTests.this.provider.getAccessToken());
			}

		});
		AccessToken token = this.provider.getAccessToken();
		assertThat(seen.get()).isSameAs(token);
		assertThat(this.issuer.count()).isOne();
	}

	@Test
	void listenerThatBlocksDoesNotBlockOtherCallers() throws Exception {
		CountDownLatch inListener = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.provider.setListener(new AccessTokenListener() {

			@Override
			public void issued(AccessToken token, IssueReason reason, Duration elapsed) {
				inListener.countDown();
				await(release);
			}

		});
		Future<AccessToken> first = this.executor.submit(this.provider::getAccessToken);
		try {
			assertThat(inListener.await(10, TimeUnit.SECONDS)).isTrue();
			AccessToken other = this.executor.submit(this.provider::getAccessToken).get(2, TimeUnit.SECONDS);
			assertThat(other.value()).isEqualTo("token-1");
		}
		finally {
			release.countDown();
		}
		assertThat(first.get(10, TimeUnit.SECONDS).value()).isEqualTo("token-1");
		assertThat(this.issuer.count()).isOne();
	}

	@Test
	void listenerThatThrowsAnErrorLosesNoToken() {
		this.provider.setListener(new AccessTokenListener() {

			@Override
			public void issued(AccessToken token, IssueReason reason, Duration elapsed) {
				throw new StackOverflowError("listener");
			}

		});
		catchThrowable(this.provider::getAccessToken);
		assertThat(this.provider.currentToken()).map(AccessToken::value).contains("token-1");
		assertThat(this.provider.getAccessToken().value()).isEqualTo("token-1");
		assertThat(this.issuer.count()).isOne();
	}

	@Test
	void listenerThatThrowsARuntimeExceptionLosesNoToken() {
		this.provider.setListener(new AccessTokenListener() {

			@Override
			public void issued(AccessToken token, IssueReason reason, Duration elapsed) {
				throw new IllegalStateException("listener");
			}

		});
		assertThat(this.provider.getAccessToken().value()).isEqualTo("token-1");
		assertThat(this.issuer.count()).isOne();
	}

	@Test
	void tokensRejectedYoungThreeTimesInARowSlowReissuesDown() {
		for (int i = 0; i < 2; i++) {
			AccessToken token = this.provider.getAccessToken();
			this.scheduler.advance(Duration.ofMillis(200));
			this.provider.renewRejected(token).value();
		}
		assertThat(this.issuer.count()).isEqualTo(3);
		AccessToken third = this.provider.getAccessToken();
		this.scheduler.advance(Duration.ofMillis(200));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(() -> this.provider.renewRejected(third))
			.satisfies((ex) -> assertThat(ex.getKind().name()).isEqualTo("KEY_SHARED"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("kiwoom.appkey", "kiwoom.token.store=redis"));
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(this.provider::getAccessToken);
		assertThat(this.issuer.count()).isEqualTo(3);
		this.scheduler.advance(Duration.ofSeconds(30));
		assertThat(this.provider.getAccessToken().value()).isEqualTo("token-4");
	}

	@Test
	void occasionalRejectionRecoversAtOnce() {
		for (int i = 0; i < 10; i++) {
			AccessToken token = this.provider.getAccessToken();
			this.scheduler.advance(Duration.ofSeconds(4));
			assertThat(this.provider.renewRejected(token)).isNotEqualTo(token);
		}
		assertThat(this.issuer.count()).isEqualTo(11);
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
	 * Issues {@code token-N} for 24 hours, or fails with a given kind.
	 */
	private final class CountingIssuer implements TokenIssuer {

		private final AtomicInteger count = new AtomicInteger();

		private final CountDownLatch first = new CountDownLatch(1);

		private volatile Runnable beforeIssue = () -> {
		};

		private volatile KiwoomErrorKind failure;

		@Override
		public AccessToken issue() {
			int n = this.count.incrementAndGet();
			this.first.countDown();
			this.beforeIssue.run();
			KiwoomErrorKind kind = this.failure;
			if (kind != null) {
				throw new KiwoomAuthException(kind, "au10001 failed: scripted " + kind + ". " + kind.advice(), null);
			}
			return new AccessToken("token-" + n,
					CachingAccessTokenProviderFailureTests.this.scheduler.now().plus(Duration.ofHours(24)));
		}

		int count() {
			return this.count.get();
		}

		void failWith(KiwoomErrorKind kind) {
			this.failure = kind;
		}

		void beforeIssue(Runnable action) {
			this.beforeIssue = action;
		}

		void awaitFirst() throws InterruptedException {
			assertThat(this.first.await(10, TimeUnit.SECONDS)).isTrue();
		}

	}

}
