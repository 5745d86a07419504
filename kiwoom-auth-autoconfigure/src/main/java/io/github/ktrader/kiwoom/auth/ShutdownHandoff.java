package io.github.ktrader.kiwoom.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * What becomes of tokens that Kiwoom issues while the provider shuts down: kept for the
 * revoke in progress, or revoked on arrival once closing has stopped waiting for them, so
 * that none outlives the context. Callers hold the provider's lock.
 */
final class ShutdownHandoff {

	private final List<AccessToken> late = new ArrayList<>();

	private volatile @Nullable Consumer<List<AccessToken>> revoke;

	private volatile Duration closeAwait = Duration.ZERO;

	private volatile boolean releasing;

	private volatile boolean taken;

	private volatile @Nullable CompletableFuture<AccessToken> abandoned;

	private volatile BooleanSupplier revokes = () -> true;

	void configure(Consumer<List<AccessToken>> revoke, Duration closeAwait, BooleanSupplier revokes) {
		this.revoke = revoke;
		this.closeAwait = closeAwait;
		this.revokes = revokes;
	}

	/**
	 * Whether the revoke action revokes at all, asked when closing.
	 */
	boolean revokes() {
		return this.revokes.getAsBoolean();
	}

	@Nullable Consumer<List<AccessToken>> revoke() {
		return this.revoke;
	}

	Duration closeAwait() {
		return this.closeAwait;
	}

	boolean isReleasing() {
		return this.releasing;
	}

	void releasing(boolean releasing) {
		this.releasing = releasing;
	}

	/**
	 * Remember the issue that the release gave up waiting for, so that closing does not
	 * wait for it a second time.
	 */
	void abandon(@Nullable CompletableFuture<AccessToken> issue) {
		this.abandoned = issue;
	}

	boolean wasAbandoned(@Nullable CompletableFuture<AccessToken> issue) {
		return issue != null && issue == this.abandoned;
	}

	/**
	 * Take a token that arrived while shutting down.
	 * @return the action that revokes it now, to run outside the lock, or {@code null} if
	 * it was kept for the revoke in progress
	 */
	@Nullable Runnable arrived(AccessToken token) {
		Consumer<List<AccessToken>> action = this.revoke;
		if (this.taken && !this.releasing && action != null) {
			return () -> action.accept(List.of(token));
		}
		this.late.add(token);
		return null;
	}

	/**
	 * Add the tokens kept so far to {@code tokens} and forget them.
	 */
	void drainInto(List<AccessToken> tokens) {
		for (AccessToken token : this.late) {
			if (!tokens.contains(token)) {
				tokens.add(token);
			}
		}
		this.late.clear();
	}

	/**
	 * Closing took the tokens: one that arrives from now on is revoked on arrival.
	 */
	void taken() {
		this.taken = true;
	}

	static List<AccessToken> newList() {
		return new ArrayList<>(2);
	}

}
