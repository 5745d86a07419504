package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenListener;
import io.github.ktrader.kiwoom.auth.TokenRevoker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Revokes tokens at shutdown, best-effort and bounded: every token on its own daemon
 * thread, all at once, each with the whole revoke timeout. A failure or a hang is logged
 * with the token masked and never thrown. Whether to revoke at all is read when it is
 * time to revoke, so that {@code kiwoom.token.revoke-on-shutdown} also works in an
 * application processed ahead of time.
 */
final class TokenRevocation {

	private static final Log logger = LogFactory.getLog(RevokeTokenOnCloseLifecycle.class);

	private final TokenRevoker revoker;

	private final Duration timeout;

	private final AccessTokenListener listener;

	private final BooleanSupplier enabled;

	private final String account;

	TokenRevocation(TokenRevoker revoker, Duration timeout, AccessTokenListener listener, BooleanSupplier enabled) {
		this(revoker, timeout, listener, enabled, "default");
	}

	/**
	 * @param account the key pair's name, which the log lines end with
	 */
	TokenRevocation(TokenRevoker revoker, Duration timeout, AccessTokenListener listener, BooleanSupplier enabled,
			String account) {
		this.account = " (account '" + account + "')";
		this.revoker = revoker;
		this.timeout = timeout;
		this.listener = listener;
		this.enabled = enabled;
	}

	boolean isEnabled() {
		return this.enabled.getAsBoolean();
	}

	Duration timeout() {
		return this.timeout;
	}

	/**
	 * Revoke the tokens, waiting at most the revoke timeout in all.
	 */
	void revokeAll(List<AccessToken> tokens) {
		if (tokens.isEmpty()) {
			return;
		}
		if (!isEnabled()) {
			logger.debug("Not revoking: kiwoom.token.revoke-on-shutdown is false");
			return;
		}
		long start = System.nanoTime();
		long deadline = start + this.timeout.toNanos();
		List<CompletableFuture<Void>> revocations = new ArrayList<>(tokens.size());
		for (AccessToken token : tokens) {
			revocations.add(CompletableFuture.runAsync(() -> this.revoker.revoke(token), daemonThread()));
		}
		for (int i = 0; i < tokens.size(); i++) {
			await(tokens.get(i), revocations.get(i), start, deadline);
		}
	}

	private void await(AccessToken token, CompletableFuture<Void> revocation, long start, long deadline) {
		try {
			revocation.get(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
			logger.info("Revoked Kiwoom access token " + token.masked() + this.account);
			this.listener.revoked(token, since(start));
		}
		catch (TimeoutException ex) {
			revocation.cancel(true);
			failed(token, "no answer within " + this.timeout.toMillis() + " ms (kiwoom.token.revoke-timeout).", ex,
					start);
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
		logger
			.warn("Revoking Kiwoom access token " + token.masked() + " failed: " + reason + " It expires by itself at "
					+ token.expiresAt().atZone(AccessToken.KIWOOM_ZONE).toOffsetDateTime() + this.account);
		try {
			this.listener.revokeFailed(token, failure, since(start));
		}
		catch (RuntimeException ex) {
			logger.warn("AccessTokenListener failed: " + ex);
		}
	}

	private static Duration since(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

	private static Executor daemonThread() {
		return (task) -> {
			Thread thread = new Thread(task, "kiwoom-token-revoke");
			thread.setDaemon(true);
			thread.start();
		};
	}

}
