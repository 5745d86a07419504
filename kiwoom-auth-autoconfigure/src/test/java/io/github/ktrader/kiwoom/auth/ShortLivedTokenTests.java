package io.github.ktrader.kiwoom.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CachingAccessTokenProvider} when Kiwoom hands out tokens that live
 * less than the minute that used to separate two background renewals: each is renewed in
 * the background before it expires, and no request thread ever issues one.
 */
class ShortLivedTokenTests {

	private static final Instant START = Instant.parse("2026-11-24T00:00:00Z");

	private final ManualTaskScheduler scheduler = new ManualTaskScheduler(START);

	@ParameterizedTest
	@ValueSource(ints = { 90, 30, 10 })
	void everyTokenIsRenewedInTheBackgroundBeforeItExpires(int lifetimeSeconds) {
		Duration lifetime = Duration.ofSeconds(lifetimeSeconds);
		ShortLivedIssuer issuer = new ShortLivedIssuer(lifetime);
		CachingAccessTokenProvider provider = new CachingAccessTokenProvider(issuer, this.scheduler,
				this.scheduler.getClock(), Duration.ofMinutes(10), Duration.ZERO);
		issuer.onRequestThread = true;
		provider.getAccessToken();
		issuer.onRequestThread = false;
		Instant end = START.plus(lifetime.multipliedBy(12));
		while (this.scheduler.now().isBefore(end)) {
			this.scheduler.advance(Duration.ofMillis(500));
			issuer.onRequestThread = true;
			AccessToken served = provider.getAccessToken();
			issuer.onRequestThread = false;
			assertThat(served.expiresAt()).as("token served at %s", this.scheduler.now()).isAfter(this.scheduler.now());
		}
		assertThat(issuer.onRequestThreadAfterFirst).as("issues on a request thread after the first").isZero();
		assertThat(issuer.issues).hasSizeGreaterThanOrEqualTo(12);
		for (int i = 1; i < issuer.issues.size(); i++) {
			assertThat(issuer.issues.get(i)).as("renewal %d, before token %d expired", i, i)
				.isBefore(issuer.issues.get(i - 1).plus(lifetime));
		}
		provider.close();
	}

	/**
	 * Issues tokens of one lifetime, stated on Kiwoom's clock (the {@code Date} header),
	 * and records when and on which kind of thread.
	 */
	private final class ShortLivedIssuer implements TokenIssuer {

		private final Duration lifetime;

		private final List<Instant> issues = new ArrayList<>();

		private boolean onRequestThread;

		private int onRequestThreadAfterFirst;

		ShortLivedIssuer(Duration lifetime) {
			this.lifetime = lifetime;
		}

		@Override
		public AccessToken issue() {
			Instant now = ShortLivedTokenTests.this.scheduler.now();
			if (this.onRequestThread && !this.issues.isEmpty()) {
				this.onRequestThreadAfterFirst++;
			}
			this.issues.add(now);
			return new AccessToken("token-" + this.issues.size(), now.plus(this.lifetime), now);
		}

	}

}
