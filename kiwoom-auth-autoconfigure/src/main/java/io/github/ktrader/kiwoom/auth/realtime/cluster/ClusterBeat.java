package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.realtime.RealtimeObserver;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSession;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRedis.Subscribed;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A member's beat, every third of the lease and whenever its subscriptions change: write
 * its subscriptions (which extends its membership), take or renew the socket's lease, and
 * as the holder subscribe the socket to the union; and a guard that closes the socket
 * once the lease may have run out.
 */
final class ClusterBeat {

	private static final Log logger = LogFactory.getLog(ClusterBeat.class);

	private final String account;

	private final ClusterRedis redis;

	private final Supplier<Map<String, Set<String>>> items;

	private final Function<RealtimeObserver, RealtimeSession> sessions;

	private final Function<String, RealtimeObserver> hooks;

	private final ClusterFrames frames;

	private final BiConsumer<Long, Long> gaps;

	private final Consumer<Boolean> connected;

	private final ClusterObserver observer;

	private final Duration lease;

	private final Clock clock;

	private final AtomicReference<@Nullable ClusterHolder> holder = new AtomicReference<>();

	private volatile long lastRenewed;

	private volatile boolean dirty;

	private volatile boolean stopped;

	private volatile @Nullable String knownHolder;

	private volatile int unionSize;

	/**
	 * The last holder seen logged in or holding the lease, other than this member's own
	 * term: a holder that logs in after another means a gap.
	 */
	private final AtomicReference<Seen> seen = new AtomicReference<>(new Seen(null, 0));

	ClusterBeat(String account, ClusterRedis redis, Supplier<Map<String, Set<String>>> items,
			Function<RealtimeObserver, RealtimeSession> sessions, Function<String, RealtimeObserver> hooks,
			ClusterFrames frames, BiConsumer<Long, Long> gaps, Consumer<Boolean> connected, ClusterObserver observer,
			Duration lease, Clock clock) {
		this.account = account;
		this.redis = redis;
		this.items = items;
		this.sessions = sessions;
		this.hooks = hooks;
		this.frames = frames;
		this.gaps = gaps;
		this.connected = connected;
		this.observer = observer;
		this.lease = lease;
		this.clock = clock;
	}

	@Nullable ClusterHolder holder() {
		return this.holder.get();
	}

	@Nullable String knownHolder() {
		return this.knownHolder;
	}

	/**
	 * Note the term that holds the socket, seen in the lease or heard logging in: a term
	 * that follows another means that what was sent in between is lost.
	 * @param term the term
	 * @param at when it was seen
	 */
	void notice(String term, long at) {
		this.knownHolder = ClusterRedis.memberOf(term);
		Seen previous = this.seen.getAndUpdate((last) -> term.equals(last.term()) ? last : new Seen(term, at));
		if (previous.term() != null && !previous.term().equals(term)) {
			this.gaps.accept(previous.at(), at);
		}
		// Another member's socket: this member hears of it as if it held it (its own
		// session tells it of its own)
		ClusterHolder own = this.holder.get();
		if (!term.equals(previous.term()) && (own == null || !own.term().equals(term))) {
			this.connected.accept(previous.term() != null);
		}
	}

	boolean holderSeen() {
		return this.seen.get().term() != null;
	}

	int unionSize() {
		return this.unionSize;
	}

	/**
	 * Say that this member's subscriptions changed, for the next beat.
	 */
	void changed() {
		this.dirty = true;
	}

	/**
	 * One beat; a Redis that is away costs at most the command timeout and is tried again
	 * on the next.
	 */
	synchronized void beat() {
		if (this.stopped) {
			return;
		}
		Map<String, Set<String>> wanted = this.items.get();
		ClusterHolder current = this.holder.get();
		boolean wants = !wanted.isEmpty();
		try {
			if (wants || this.dirty) {
				boolean wasDirty = this.dirty;
				this.dirty = false;
				this.redis.put(wanted);
				if (wasDirty) {
					this.redis.control("changed");
				}
			}
			if (current == null && !wants) {
				return;
			}
			long sent = this.clock.millis();
			String term = (current != null) ? current.term() : this.redis.newTerm();
			boolean holds = this.redis.acquireOrRenew(term);
			Set<Subscribed> union = this.redis.union();
			this.unionSize = union.size();
			if (!holds) {
				if (current != null) {
					standDown(current, "another member took the lease");
				}
				String other = this.redis.holder();
				this.knownHolder = (other != null) ? ClusterRedis.memberOf(other) : null;
				if (other != null) {
					notice(other, this.clock.millis());
				}
				return;
			}
			this.lastRenewed = sent;
			if (union.isEmpty()) {
				if (current != null) {
					standDown(current, "no member subscribes");
				}
				this.redis.release(term);
				return;
			}
			if (current == null) {
				current = takeOver(term);
			}
			current.reconcile(union);
		}
		catch (RuntimeException ex) {
			this.dirty = this.dirty || wants;
			logger.debug("Kiwoom account '" + this.account + "': real-time cluster beat failed: " + ex);
		}
	}

	private ClusterHolder takeOver(String term) {
		ClusterHolder taken = new ClusterHolder(term, this.sessions.apply(this.hooks.apply(term)), this.redis,
				this.frames, this.observer, this.clock);
		this.holder.set(taken);
		if (this.stopped && this.holder.compareAndSet(taken, null)) {
			// Stopped meanwhile: the session never opens
			taken.close();
			return taken;
		}
		logger.info("Kiwoom account '" + this.account + "': this instance holds the cluster's real-time socket");
		this.observer.roleChanged(true, "lease taken");
		return taken;
	}

	/**
	 * Close the socket at once when the lease may be lost: before it runs out, so that
	 * two members never hold sockets at once for longer than the lease.
	 */
	void guard() {
		ClusterHolder current = this.holder.get();
		if (current != null && this.clock.millis() - this.lastRenewed > this.lease.toMillis() * 2 / 3) {
			standDown(current, "the lease could not be renewed in Redis");
		}
	}

	void standDown(ClusterHolder current, String reason) {
		if (!this.holder.compareAndSet(current, null)) {
			return;
		}
		current.close();
		this.knownHolder = null;
		logger.info("Kiwoom account '" + this.account + "': this instance no longer holds the cluster's real-time "
				+ "socket (" + reason + ")");
		this.observer.roleChanged(false, reason);
	}

	/**
	 * Stop beating; as the holder, close the socket and return the term to release.
	 */
	private @Nullable String stop() {
		// Not under the beat's lock: a beat stuck on Redis must not hold up the socket's
		// close
		this.stopped = true;
		ClusterHolder current = this.holder.getAndSet(null);
		if (current != null) {
			current.close();
			return current.term();
		}
		return null;
	}

	/**
	 * Stop beating and leave the cluster: remove this member's subscriptions; as the
	 * holder, close the socket, then release the lease so that the next member takes it
	 * at once. Bounded by the timeout: a Redis that hangs must not hold up the shutdown.
	 */
	void leave(ClusterThreads threads, Duration timeout) {
		String term = stop();
		try {
			threads.onGuard(() -> {
				this.redis.leave();
				if (term != null) {
					this.redis.release(term);
				}
				this.redis.control("changed");
			}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException | RejectedExecutionException ex) {
			logger.debug("Kiwoom account '" + this.account + "': could not leave the real-time cluster in Redis; "
					+ "this member's subscriptions and lease end with the lease: " + ex);
		}
	}

	/**
	 * Stop as a crashed process would: the socket drops, nothing is released.
	 */
	void crash() {
		this.stopped = true;
		ClusterHolder current = this.holder.getAndSet(null);
		if (current != null) {
			current.session().stop();
		}
	}

	/**
	 * A term and when it was first seen.
	 */
	record Seen(@Nullable String term, long at) {
	}

}
