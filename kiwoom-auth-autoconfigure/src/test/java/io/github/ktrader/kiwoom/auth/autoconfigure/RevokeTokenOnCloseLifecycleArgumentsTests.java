package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Duration;
import java.time.Instant;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.TokenRevoker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for the arguments {@link RevokeTokenOnCloseLifecycle} refuses: a revoke needs a
 * provider, a revoker and a positive timeout, or shutdown could wait forever.
 */
class RevokeTokenOnCloseLifecycleArgumentsTests {

	private final AccessTokenProvider provider = () -> new AccessToken("token-0123456789",
			Instant.now().plusSeconds(3600));

	private final TokenRevoker revoker = (token) -> {
	};

	@Test
	void refusesAMissingProvider() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RevokeTokenOnCloseLifecycle(null, this.revoker, Duration.ofSeconds(1)))
			.withMessage("TokenProvider must not be null");
	}

	@Test
	void refusesAMissingRevoker() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RevokeTokenOnCloseLifecycle(this.provider, null, Duration.ofSeconds(1)))
			.withMessage("TokenRevoker must not be null");
	}

	@Test
	void refusesAZeroTimeout() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RevokeTokenOnCloseLifecycle(this.provider, this.revoker, Duration.ZERO))
			.withMessage("RevokeTimeout must be positive");
	}

	@Test
	void acceptsTheShortestPositiveTimeout() {
		assertThatNoException()
			.isThrownBy(() -> new RevokeTokenOnCloseLifecycle(this.provider, this.revoker, Duration.ofNanos(1)));
	}

}
