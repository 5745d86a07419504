package io.github.ktrader.kiwoom.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Store through which instances that share one appkey on one host share one access token
 * (cluster mode): the token itself, a lock so that one instance at a time issues, change
 * notifications, and a membership so that only the last instance out revokes.
 * <p>
 * <b>When the store is unreachable</b>, every method that talks to it throws
 * {@link SharedTokenStoreException} within the store's command timeout instead of
 * blocking, and {@link #health()} turns {@link Health.Status#DOWN DOWN} with the error;
 * the first call that succeeds again turns it {@link Health.Status#UP UP}. Nothing is
 * retried inside the store: the caller decides (keep its cached token, fall back, wait).
 * Change listeners registered with {@link #subscribe} receive nothing while the store is
 * down and resume when it is back; a change made meanwhile is not replayed, so a caller
 * re-reads with {@link #read()} before it issues.
 * <p>
 * Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface SharedTokenStore {

	/**
	 * Return the shared token, if one is stored and readable with this instance's keys. A
	 * token stored under another secretkey, or that fails authentication, reads as
	 * absent.
	 * @return the shared token, or empty when there is none
	 * @throws SharedTokenStoreException when the store is unreachable
	 */
	Optional<AccessToken> read();

	/**
	 * Store a newly issued token for every instance and notify them, unless a more
	 * recently issued token was stored meanwhile (a late writer never replaces a newer
	 * token). Tokens are ordered by when they were issued, never by their expiry: Kiwoom
	 * may give a new token a shorter life than the old one.
	 * @param token the token this instance issued
	 * @return whether the token is now the shared one; when {@code false},
	 * {@link #read()} returns the newer one
	 * @throws SharedTokenStoreException when the store is unreachable
	 */
	boolean publish(AccessToken token);

	/**
	 * Put back a token the store lost (Redis restarted empty) and, in the same step, this
	 * instance's membership; refused when a token is stored or a more recently issued
	 * token was stored since. Until every member's heartbeat has come back, no member is
	 * taken for the last one out.
	 * @param token the token this instance serves
	 * @return whether the token is now the shared one
	 * @throws SharedTokenStoreException when the store is unreachable
	 * @since 0.1.0
	 */
	default boolean restore(AccessToken token) {
		return publish(token);
	}

	/**
	 * Remove the shared token only if it is the given one (compare-and-delete), after
	 * Kiwoom rejected it; a newer token stored meanwhile stays.
	 * @param rejected the token Kiwoom rejected
	 * @return whether the given token was stored and is now removed
	 * @throws SharedTokenStoreException when the store is unreachable
	 */
	boolean drop(AccessToken rejected);

	/**
	 * Take the issue lock if no instance holds it. The store renews the lock while this
	 * instance lives and until {@link IssueLock#close()}; an owner that dies blocks the
	 * others no longer than the store's lease.
	 * @return the lock, or empty when another instance holds it
	 * @throws SharedTokenStoreException when the store is unreachable
	 */
	Optional<IssueLock> tryLock();

	/**
	 * Wait until the issue lock can be taken, and take it. Wakes as soon as the holder
	 * releases it or its lease ends.
	 * @param timeout the longest time to wait
	 * @return the lock, or empty when the timeout passed first
	 * @throws SharedTokenStoreException when the store is unreachable
	 */
	Optional<IssueLock> awaitLock(Duration timeout);

	/**
	 * Register a listener for tokens that any instance, this one included, publishes.
	 * Listeners run on the store's notification thread, one at a time; a listener that
	 * throws is logged and kept.
	 * @param listener receives each published token that this instance can read
	 * @return a handle that removes the listener
	 */
	Subscription subscribe(Consumer<AccessToken> listener);

	/**
	 * Make this instance a member and keep its membership alive with heartbeats until
	 * {@link #leave()}. Joining twice is harmless.
	 * @throws SharedTokenStoreException when the store is unreachable; heartbeats go on
	 * being attempted, so the membership is taken up once the store is back
	 */
	void join();

	/**
	 * End this instance's membership, drop members whose lease ran out, and, only if no
	 * live member remains, remove the shared token and return it: the caller, being the
	 * last one out, revokes it. Decided atomically in the store.
	 * @return the token to revoke, or empty when other members remain or none is stored
	 * @throws SharedTokenStoreException when the store is unreachable; the caller must
	 * then not revoke, as other members may hold the token
	 */
	default Optional<AccessToken> leave() {
		return leave(true);
	}

	/**
	 * End this instance's membership, drop members whose lease ran out, and, if no live
	 * member remains and {@code takeToken} is set, remove the shared token and return it
	 * for the caller, the last one out, to revoke. Without {@code takeToken} the token
	 * stays stored for the next start (revoking at shutdown is off). Decided atomically
	 * in the store.
	 * @param takeToken whether the last one out takes the token to revoke it
	 * @return the token to revoke, or empty when other members remain, none is stored or
	 * it is not taken
	 * @throws SharedTokenStoreException when the store is unreachable; the caller must
	 * then not revoke, as other members may hold the token
	 * @since 0.1.0
	 */
	Optional<AccessToken> leave(boolean takeToken);

	/**
	 * Mark the cluster's au10001 sequence as failed for a cool-down, next to the issue
	 * lock: until it ends no instance issues, and every instance's callers fail fast with
	 * the same kind of error. Called by the lock holder before it releases the lock.
	 * @param kind the name of the failure's {@link KiwoomErrorKind}; no message or secret
	 * is stored
	 * @param coolDown how long the mark lasts
	 * @throws SharedTokenStoreException when the store is unreachable
	 * @since 0.1.0
	 */
	default void markIssueFailed(String kind, Duration coolDown) {
	}

	/**
	 * Return the cluster's au10001 failure mark, while it lasts.
	 * @return the mark, or empty when none is set
	 * @throws SharedTokenStoreException when the store is unreachable
	 * @since 0.1.0
	 */
	default Optional<IssueFailure> issueFailure() {
		return Optional.empty();
	}

	/**
	 * Return whether the store answered the last command.
	 * @return the store's health, without contacting it
	 */
	Health health();

	/**
	 * A failed au10001 sequence of some instance, shared so that the cluster cools down
	 * as one instance would.
	 *
	 * @param kind the name of the failure's {@link KiwoomErrorKind}
	 * @param remaining how long the cool-down still lasts
	 */
	record IssueFailure(String kind, Duration remaining) {

	}

	/**
	 * Issue lock held by this instance.
	 */
	interface IssueLock extends AutoCloseable {

		/**
		 * Extend the lock by a full lease, only if this instance still holds it. The
		 * store does this by itself every third of the lease; call it to find out whether
		 * the lock is still held.
		 * @return whether it still held the lock
		 * @throws SharedTokenStoreException when the store is unreachable
		 */
		boolean renew();

		/**
		 * Release the lock, only if this instance still holds it (compare-and-delete),
		 * and wake the instances waiting for it. Never throws: when the store is
		 * unreachable, the lock ends with its lease.
		 */
		@Override
		void close();

	}

	/**
	 * Registration of a change listener.
	 */
	interface Subscription extends AutoCloseable {

		/**
		 * Remove the listener.
		 */
		@Override
		void close();

	}

	/**
	 * State of the store as its last command found it.
	 *
	 * @param status whether the last command succeeded
	 * @param lastError description of the last failure, without secrets; {@code null}
	 * when none happened yet
	 * @param lastErrorAt when the last failure happened
	 */
	record Health(Status status, @Nullable String lastError, @Nullable Instant lastErrorAt) {

		/**
		 * Whether the store answers.
		 */
		public enum Status {

			/**
			 * The last command succeeded.
			 */
			UP,

			/**
			 * The last command failed or timed out.
			 */
			DOWN

		}

	}

}
