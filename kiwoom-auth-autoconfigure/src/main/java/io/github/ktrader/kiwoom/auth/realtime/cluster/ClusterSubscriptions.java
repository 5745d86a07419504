package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.realtime.RealtimeDispatcher;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeListener;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSettings;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSubscription;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRedis.Subscribed;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.Assert;

/**
 * This member's own subscriptions, to types and to conditions: its listeners, what it
 * wants from the cluster, and the Redis it reads to hear of it (the channels from the
 * first subscription, the stream from the first to {@code 00}/{@code 04} or to a
 * condition).
 */
final class ClusterSubscriptions {

	/**
	 * Longest a subscribing caller waits for the account stream's newest entry.
	 */
	private static final Duration STREAM_START = Duration.ofSeconds(1);

	private final RealtimeSettings settings;

	private final RealtimeDispatcher local;

	private final ClusterRedis redis;

	private final ClusterInbound inbound;

	private final ClusterThreads threads;

	private final Runnable changed;

	private final Object lock = new Object();

	private volatile boolean stopped;

	ClusterSubscriptions(RealtimeSettings settings, RealtimeDispatcher local, ClusterRedis redis,
			ClusterInbound inbound, ClusterThreads threads, Runnable changed) {
		this.settings = settings;
		this.local = local;
		this.redis = redis;
		this.inbound = inbound;
		this.threads = threads;
		this.changed = changed;
	}

	RealtimeSubscription subscribe(String type, Collection<String> items, RealtimeListener listener,
			ClusterDelivery delivery) {
		return add(() -> this.local.add(type, items, listener), Subscribed.isStreamed(type), delivery);
	}

	/**
	 * Run a condition in real time: its {@code 02} pushes come on the stream.
	 */
	RealtimeSubscription subscribeCondition(String seq, RealtimeListener listener, ClusterDelivery delivery) {
		return add(() -> this.local.addCondition(seq, listener), true, delivery);
	}

	/**
	 * Add a subscription; a streamed one reads the stream from its newest entry before
	 * the holder hears that this member wants it.
	 */
	private RealtimeSubscription add(Supplier<RealtimeDispatcher.Added> adding, boolean streamed,
			ClusterDelivery delivery) {
		RealtimeDispatcher.Added added;
		synchronized (this.lock) {
			requireNotStopped();
			added = adding.get();
		}
		listen();
		if (streamed) {
			readStream(delivery);
		}
		if (!added.added().isEmpty()) {
			this.changed.run();
		}
		return new ClusterSubscription(added.handle(), this::unsubscribe);
	}

	void requireNotStopped() {
		Assert.state(!this.stopped,
				"The real-time session of Kiwoom account '" + this.settings.account() + "' is stopped");
	}

	void requireAddress() {
		if (this.settings.url() == null) {
			throw new InvalidConfigurationPropertyValueException(this.settings.urlProperty(), null,
					"Kiwoom account '" + this.settings.account() + "' has no real-time address: its host "
							+ this.settings.host() + " is not one of Kiwoom's, so set " + this.settings.urlProperty()
							+ " (wss://…:10000/api/dostk/websocket).");
		}
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

	Set<String> conditionSeqs() {
		synchronized (this.lock) {
			return this.local.conditionSeqs();
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

	/**
	 * Read the stream from its newest entry on, once; queued before the beat that tells
	 * the holder what this member now wants, so that nothing written for it is missed.
	 * The holder may already write what this member subscribes to (another member wants
	 * it too), so the subscribing caller waits, briefly, for the stream's newest entry to
	 * be taken: an entry written after {@code subscribe} returned is then never missed,
	 * and a Redis that does not answer holds the caller at most {@link #STREAM_START}.
	 */
	void readStream(ClusterDelivery delivery) {
		CompletableFuture<Void> taken = new CompletableFuture<>();
		this.threads.execute(() -> {
			try {
				readAccount(delivery);
			}
			finally {
				taken.complete(null);
			}
		});
		try {
			taken.get(STREAM_START.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// Reading starts when Redis answers
		}
	}

	private void readAccount(ClusterDelivery delivery) {
		if (this.inbound.readsAccount()) {
			return;
		}
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
