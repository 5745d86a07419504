package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenListener;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.TokenRevoker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * {@link SmartLifecycle} that revokes the token this application issued when the
 * application context closes, as Kiwoom advises.
 * <p>
 * It stops in {@link #PHASE}, after the web server has drained its requests and after
 * task executors and schedulers have stopped, so that no in-flight work loses its token.
 * Stopping takes the token the provider holds (waiting at most the revoke timeout for an
 * au10001 in flight) and revokes it on a daemon thread, awaited for at most the revoke
 * timeout. The provider stays usable: the application's beans may still call Kiwoom while
 * they are destroyed, and a token they cause to be issued is revoked when the provider
 * itself is destroyed, after them. The outcome is logged with the token masked. Nothing
 * is ever thrown out of shutdown: a revoke that fails or hangs only costs a warning, and
 * the token expires by itself. Whether to revoke is read when the context closes, so
 * {@code kiwoom.token.revoke-on-shutdown} also works ahead of time.
 * <p>
 * In cluster mode stopping takes nothing: the provider keeps serving the shared token to
 * beans being destroyed, issues no more, and leaves the cluster when it is destroyed
 * itself, revoking the shared token only as the last instance out (see
 * {@link CachingAccessTokenProvider#releaseTokens(Duration)}).
 *
 * @since 0.1.0
 */
public final class RevokeTokenOnCloseLifecycle implements SmartLifecycle {

	/**
	 * Phase in which the token is revoked: below the web server's graceful shutdown
	 * ({@code Integer.MAX_VALUE - 1024}) and below task executors and schedulers
	 * ({@code Integer.MAX_VALUE / 2}), which stop earlier.
	 */
	public static final int PHASE = Integer.MAX_VALUE / 2 - 1024;

	private static final Log logger = LogFactory.getLog(RevokeTokenOnCloseLifecycle.class);

	private final AccessTokenProvider tokenProvider;

	private final TokenRevocation revocation;

	private volatile boolean running;

	/**
	 * Create a lifecycle.
	 * @param tokenProvider the provider whose token is revoked; only a
	 * {@link CachingAccessTokenProvider} knows which token it issued, so with any other
	 * provider nothing is revoked
	 * @param tokenRevoker the revoker that calls au10002
	 * @param revokeTimeout the longest time to wait for the revoke
	 */
	public RevokeTokenOnCloseLifecycle(AccessTokenProvider tokenProvider, TokenRevoker tokenRevoker,
			Duration revokeTimeout) {
		this(tokenProvider, tokenRevoker, revokeTimeout, AccessTokenListener.NONE);
	}

	/**
	 * Create a lifecycle that reports the revoke's outcome.
	 * @param tokenProvider the provider whose token is revoked
	 * @param tokenRevoker the revoker that calls au10002
	 * @param revokeTimeout the longest time to wait for the revoke
	 * @param listener told whether the revoke succeeded
	 */
	public RevokeTokenOnCloseLifecycle(AccessTokenProvider tokenProvider, TokenRevoker tokenRevoker,
			Duration revokeTimeout, AccessTokenListener listener) {
		this(tokenProvider, tokenRevoker, revokeTimeout, listener, () -> true);
	}

	/**
	 * Create a lifecycle that asks at shutdown whether to revoke.
	 * @param tokenProvider the provider whose token is revoked
	 * @param tokenRevoker the revoker that calls au10002
	 * @param revokeTimeout the longest time to wait for the revoke
	 * @param listener told whether the revoke succeeded
	 * @param enabled whether to revoke, asked when the context closes
	 */
	public RevokeTokenOnCloseLifecycle(AccessTokenProvider tokenProvider, TokenRevoker tokenRevoker,
			Duration revokeTimeout, AccessTokenListener listener, BooleanSupplier enabled) {
		Assert.notNull(tokenProvider, "TokenProvider must not be null");
		Assert.notNull(tokenRevoker, "TokenRevoker must not be null");
		Assert.isTrue(revokeTimeout.compareTo(Duration.ZERO) > 0, "RevokeTimeout must be positive");
		Assert.notNull(listener, "Listener must not be null");
		Assert.notNull(enabled, "Enabled must not be null");
		this.tokenProvider = tokenProvider;
		this.revocation = new TokenRevocation(tokenRevoker, revokeTimeout, listener, enabled,
				(tokenProvider instanceof CachingAccessTokenProvider caching) ? caching.getAccount() : "default");
	}

	TokenRevocation revocation() {
		return this.revocation;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		if (!(this.tokenProvider instanceof CachingAccessTokenProvider cachingProvider)) {
			logger.debug(
					"Not revoking: " + this.tokenProvider.getClass().getName() + " does not say which token it holds");
			return;
		}
		if (!this.revocation.isEnabled()) {
			if (cachingProvider.sharedStoreHealth().isPresent()) {
				// Cluster mode: stop issuing, keep serving the shared token
				cachingProvider.releaseTokens(this.revocation.timeout());
			}
			logger.debug("Not revoking: kiwoom.token.revoke-on-shutdown is false");
			return;
		}
		List<AccessToken> tokens = cachingProvider.releaseTokens(this.revocation.timeout());
		if (tokens.isEmpty()) {
			logger.debug("No Kiwoom access token to revoke");
			return;
		}
		this.revocation.revokeAll(tokens);
	}

	@Override
	public void stop(Runnable callback) {
		try {
			stop();
		}
		finally {
			callback.run();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

}
