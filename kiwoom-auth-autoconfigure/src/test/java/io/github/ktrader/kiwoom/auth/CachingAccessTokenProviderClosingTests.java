package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CachingAccessTokenProvider} around closing, and for the smallest
 * jitter it accepts.
 */
class CachingAccessTokenProviderClosingTests {

	private final TokenIssuer issuer = () -> new AccessToken("token-0123456789",
			Instant.now().plus(Duration.ofHours(1)));

	private CachingAccessTokenProvider provider(Duration jitter) {
		return new CachingAccessTokenProvider(this.issuer, new SimpleAsyncTaskScheduler(), Clock.systemUTC(),
				Duration.ofMinutes(10), jitter);
	}

	@Test
	void isOpenUntilClosed() {
		CachingAccessTokenProvider provider = provider(Duration.ZERO);
		assertThat(provider.isClosed()).isFalse();
		provider.close();
		assertThat(provider.isClosed()).isTrue();
	}

	@Test
	void closingHandsOverTheHeldTokenAndIssuesNoMore() {
		CachingAccessTokenProvider provider = provider(Duration.ZERO);
		AccessToken token = provider.getAccessToken();
		assertThat(provider.closeAndTakeToken()).contains(token);
		assertThat(provider.currentToken()).isEmpty();
		assertThatExceptionOfType(KiwoomAuthException.class).isThrownBy(provider::getAccessToken)
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.CLOSED));
	}

	@Test
	void issuesWithAOneMillisecondJitter() {
		CachingAccessTokenProvider provider = provider(Duration.ofMillis(1));
		AccessToken token = provider.getAccessToken();
		assertThat(provider.currentToken()).contains(token);
		provider.close();
	}

	@Test
	void aPlainProviderRenewsARejectedTokenByAskingAgain() {
		AccessToken token = new AccessToken("token-0123456789", Instant.now().plusSeconds(60));
		AccessTokenProvider plain = () -> token;
		assertThat(plain.renewRejected(new AccessToken("rejected-0123456789", Instant.now()))).isSameAs(token);
	}

}
