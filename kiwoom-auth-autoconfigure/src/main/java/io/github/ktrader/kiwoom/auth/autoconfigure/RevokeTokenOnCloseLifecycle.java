package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenListener;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.TokenRevoker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * {@link SmartLifecycle} that revokes the token this application issued when the
 * application context closes, as Kiwoom advises.
 * <p>
 * It stops in {@link #PHASE}, after the web server has drained its requests and after
 * task executors and schedulers have stopped, so that no in-flight work loses its token.
 * Stopping first closes the token provider, so no new token is issued afterwards; then,
 * if the provider holds a token that has not expired, au10002 is called on a daemon
 * thread and awaited for at most the revoke timeout. The outcome is logged with the token
 * masked. Nothing is ever thrown out of shutdown: a revoke that fails or hangs only costs
 * a warning, and the token expires by itself.
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

	private final TokenRevoker tokenRevoker;

	private final Duration revokeTimeout;

	private final AccessTokenListener listener;

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
		Assert.notNull(tokenProvider, "TokenProvider must not be null");
		Assert.notNull(tokenRevoker, "TokenRevoker must not be null");
		Assert.isTrue(revokeTimeout.compareTo(Duration.ZERO) > 0, "RevokeTimeout must be positive");
		this.tokenProvider = tokenProvider;
		this.tokenRevoker = tokenRevoker;
		this.revokeTimeout = revokeTimeout;
		this.listener = listener;
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
		long deadline = System.nanoTime() + this.revokeTimeout.toNanos();
		List<AccessToken> tokens = cachingProvider.closeAndTakeTokens(this.revokeTimeout);
		if (tokens.isEmpty()) {
			logger.debug("No Kiwoom access token to revoke");
			return;
		}
		for (AccessToken token : tokens) {
			revoke(token, deadline);
		}
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

	/**
	 * Revoke on a daemon thread and wait until the deadline at most, which the wait for
	 * an issue in flight and every token share, so that shutdown never waits longer than
	 * the revoke timeout in all.
	 */
	private void revoke(AccessToken token, long deadline) {
		long start = System.nanoTime();
		CompletableFuture<Void> revocation = CompletableFuture.runAsync(() -> this.tokenRevoker.revoke(token),
				daemonThread());
		try {
			revocation.get(Math.max(deadline - start, 0), TimeUnit.NANOSECONDS);
			logger.info("Revoked Kiwoom access token " + token.masked());
			this.listener.revoked(token, since(start));
		}
		catch (TimeoutException ex) {
			revocation.cancel(true);
			failed(token, "no answer within " + this.revokeTimeout.toMillis() + " ms (kiwoom.token.revoke-timeout).",
					ex, start);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			failed(token, cause.getMessage(), cause, start);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			failed(token, "interrupted.", ex, start);
		}
		catch (RuntimeException ex) {
			failed(token, ex.toString(), ex, start);
		}
	}

	private void failed(AccessToken token, @Nullable String reason, Throwable failure, long start) {
		logger.warn("Revoking Kiwoom access token " + token.masked() + " failed: " + reason
				+ " It expires by itself at " + expiry(token));
		this.listener.revokeFailed(token, failure, since(start));
	}

	private static Duration since(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

	private static String expiry(AccessToken token) {
		return token.expiresAt().atZone(AccessToken.KIWOOM_ZONE).toOffsetDateTime().toString();
	}

	private static Executor daemonThread() {
		return (task) -> {
			Thread thread = new Thread(task, "kiwoom-token-revoke");
			thread.setDaemon(true);
			thread.start();
		};
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
