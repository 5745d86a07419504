package io.github.ktrader.kiwoom.auth;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The one au10001 sequence a provider runs at a time, whose outcome (token or exception)
 * every caller that waits on it shares.
 * <p>
 * The caller that claims it runs the issue on its own thread and completes it; the others
 * wait on the same future, interruptibly and for a bounded time, instead of each taking a
 * lock in turn and starting its own issue after a failure.
 */
final class InFlightIssue {

	private final AtomicReference<@Nullable CompletableFuture<AccessToken>> current = new AtomicReference<>();

	/**
	 * Claim the issue, or join the one in flight.
	 * @return the claim; the caller must {@link #finish} it if it is the leader
	 */
	Claim claim() {
		CompletableFuture<AccessToken> mine = new CompletableFuture<>();
		CompletableFuture<AccessToken> running = this.current.compareAndExchange(null, mine);
		return (running != null) ? new Claim(running, false) : new Claim(mine, true);
	}

	@Nullable CompletableFuture<AccessToken> current() {
		return this.current.get();
	}

	/**
	 * Let the next caller start an issue; called by the leader once the outcome is
	 * recorded (token installed or cool-down set), just before completing the future.
	 */
	void finish(CompletableFuture<AccessToken> future) {
		this.current.compareAndSet(future, null);
	}

	/**
	 * Wait for an issue that another caller runs and return its outcome.
	 */
	static AccessToken await(CompletableFuture<AccessToken> future, Duration timeout) {
		try {
			return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new KiwoomAuthException(KiwoomErrorKind.OTHER, "au10001 (issue access token) failed", cause);
		}
		catch (TimeoutException ex) {
			throw new KiwoomAuthException(KiwoomErrorKind.IO_ERROR,
					"No Kiwoom access token after waiting " + timeout.toMillis()
							+ " ms for the au10001 in flight (its deadline follows from kiwoom.connect-timeout "
							+ "and kiwoom.read-timeout over its retries). " + KiwoomErrorKind.IO_ERROR.advice(),
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KiwoomAuthException(KiwoomErrorKind.IO_ERROR,
					"Interrupted while waiting for the au10001 in flight.", ex);
		}
	}

	/**
	 * Wait at most {@code timeout} for the issue in flight, whatever its outcome.
	 * @return {@code true} if none is in flight any more
	 */
	boolean awaitQuietly(@Nullable CompletableFuture<AccessToken> future, Duration timeout) {
		if (future == null) {
			return true;
		}
		try {
			future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (ExecutionException ex) {
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return future.isDone();
		}
	}

	/**
	 * A caller's share in an issue.
	 *
	 * @param future the issue's outcome
	 * @param leader whether this caller runs it
	 */
	record Claim(CompletableFuture<AccessToken> future, boolean leader) {

	}

}
