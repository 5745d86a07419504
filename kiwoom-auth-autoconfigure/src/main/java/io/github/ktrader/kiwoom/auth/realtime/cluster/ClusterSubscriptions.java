package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.ktrader.kiwoom.auth.realtime.RealtimeDispatcher;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeListener;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSubscription;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRedis.Subscribed;

import org.springframework.util.Assert;

/**
 * This member's own subscriptions: its listeners, what it wants from the cluster, and the
 * Redis it reads to hear of it (the channels from the first subscription, the account
 * stream from the first to {@code 00}/{@code 04}).
 */
final class ClusterSubscriptions {

	private final String account;

	private final RealtimeDispatcher local;

	private final ClusterRedis redis;

	private final ClusterInbound inbound;

	private final ClusterThreads threads;

	private final Runnable changed;

	private final Object lock = new Object();

	private volatile boolean stopped;

	ClusterSubscriptions(String account, RealtimeDispatcher local, ClusterRedis redis, ClusterInbound inbound,
			ClusterThreads threads, Runnable changed) {
		this.account = account;
		this.local = local;
		this.redis = redis;
		this.inbound = inbound;
		this.threads = threads;
		this.changed = changed;
	}

	RealtimeSubscription subscribe(String type, Collection<String> items, RealtimeListener listener,
			ClusterDelivery delivery) {
		RealtimeDispatcher.Added added;
		synchronized (this.lock) {
			requireNotStopped();
			added = this.local.add(type, items, listener);
		}
		listen();
		if (Subscribed.accountTypes().contains(type)) {
			this.threads.execute(() -> readAccount(delivery));
		}
		if (!added.added().isEmpty()) {
			this.changed.run();
		}
		return new ClusterSubscription(added.handle(), this::unsubscribe);
	}

	void requireNotStopped() {
		Assert.state(!this.stopped, "The real-time session of Kiwoom account '" + this.account + "' is stopped");
	}

	/**
	 * Listen to the cluster's channels, once.
	 */
	void listen() {
		this.inbound.listen(this.threads.scheduler());
	}

	private void unsubscribe(RealtimeDispatcher.Handle handle) {
		List<String> removed;
		synchronized (this.lock) {
			removed = this.local.remove(handle);
		}
		if (!removed.isEmpty()) {
			this.changed.run();
		}
	}

	/**
	 * Return the (type, item)s this member wants.
	 */
	Map<String, Set<String>> wanted() {
		synchronized (this.lock) {
			return this.local.itemsByType();
		}
	}

	int size() {
		synchronized (this.lock) {
			return this.local.size();
		}
	}

	/**
	 * Take no more subscriptions.
	 * @return whether this call stopped them
	 */
	boolean stop() {
		synchronized (this.lock) {
			boolean first = !this.stopped;
			this.stopped = true;
			return first;
		}
	}

	boolean isStopped() {
		return this.stopped;
	}

	private void readAccount(ClusterDelivery delivery) {
		String from;
		try {
			from = this.redis.lastAccountId();
		}
		catch (RuntimeException ex) {
			// Redis is away: try again shortly, before anything for this member is
			// written
			this.threads.schedule(() -> readAccount(delivery), Duration.ofMillis(200));
			return;
		}
		this.inbound.readAccount(from, delivery::account);
	}

}
