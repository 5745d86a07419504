package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.github.ktrader.kiwoom.auth.realtime.KiwoomCondition;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeEvent;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeDispatcher;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeGap;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeListener;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeObserver;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSession;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSettings;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeState;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeStatus;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSubscription;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRedis.Subscribed;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

/**
 * One key pair's real-time session in cluster mode: the same {@link KiwoomRealtime} API,
 * over one socket for the whole cluster.
 * <p>
 * <b>One holder.</b> The member that holds the lease in Redis ({@code SET NX PX}, renewed
 * and released only by its owner) opens the socket: an ordinary {@link RealtimeSession}
 * logged in with the cluster's shared token. A member takes the lease only while it has
 * subscriptions, and the holder gives it up once no member has any.
 * <p>
 * <b>Subscriptions.</b> Each member keeps its (type, item)s in a hash of its own under
 * its membership lease, written again by every heartbeat (a third of the lease); a member
 * that stops beating drops out with its lease. The holder subscribes its session to the
 * union, so that each (type, item) is registered once and removed when nobody wants it.
 * <p>
 * <b>Fan-out.</b> The holder publishes each entry it receives, as Kiwoom sent it and
 * without the token: market data on a pub/sub channel (at most once: what is sent while a
 * member is away from Redis or while the socket changes hands is lost, and the gap event
 * says so), {@code 00}/{@code 04} on a Redis Stream trimmed to about
 * {@code accountStreamLength} entries, which each member reads on from the last id it
 * saw: an entry reaches every member that was subscribed when it was written, across a
 * disconnect from Redis, as long as the stream still holds it.
 * <p>
 * <b>Failover.</b> A holder that cannot renew the lease for two thirds of it closes its
 * socket, so two members never hold sockets for longer than the lease; another member
 * takes the lease once it runs out, logs in with the shared token and registers the
 * union, and every member hears about the gap. {@code R10001} while another member holds
 * the lease makes the holder stand down rather than reconnect.
 * <p>
 * <b>Shutdown.</b> A leaving member removes its subscriptions; a leaving holder closes
 * its socket, then releases the lease for the next member; all of it in
 * {@link RealtimeSession#PHASE}, before the token is revoked.
 *
 * @since 0.1.0
 */
public final class ClusterRealtime implements KiwoomRealtime, SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(ClusterRealtime.class);

	private final String member = UUID.randomUUID().toString();

	private final RealtimeSettings settings;

	private final ClusterRedis redis;

	private final ClusterInbound inbound;

	private final RealtimeObserver memberObserver;

	private final Clock clock;

	private final RealtimeDispatcher local;

	private final ScheduledExecutorService scheduler;

	/**
	 * The guard's own thread, so that a beat stuck on Redis never holds it up.
	 */
	private final ScheduledExecutorService guard;

	private final Duration leaveTimeout;

	private final ClusterBeat beat;

	private final ClusterObserver observer;

	private final ClusterFrames frames;

	private final Object lock = new Object();

	private volatile long lastDeliveredAt;

	private volatile boolean running;

	private volatile boolean stopped;

	/**
	 * Create a member; nothing is sent to Redis until the first subscription.
	 * @param settings the pair's real-time settings
	 * @param connectionFactory the connection to Redis
	 * @param keyPrefix the first part of every key name
	 * ({@code kiwoom.token.redis.key-prefix})
	 * @param appkey the pair's appkey, hashed into the key names
	 * @param lease the lease of the holder and of each member
	 * ({@code kiwoom.token.redis.lease})
	 * @param accountStreamLength about how many {@code 00}/{@code 04} entries the stream
	 * keeps
	 * @param sessions makes the holder's session, told about it through the given
	 * observer
	 * @param memberObserver this member's observer (events, meters), told about gaps
	 * @param observer told about the fan-out
	 * @param mapper the JSON mapper
	 * @param clock the clock
	 */
	public ClusterRealtime(RealtimeSettings settings, RedisConnectionFactory connectionFactory, String keyPrefix,
			String appkey, Duration lease, long accountStreamLength,
			Function<RealtimeObserver, RealtimeSession> sessions, RealtimeObserver memberObserver,
			ClusterObserver observer, JsonMapper mapper, Clock clock) {
		Assert.notNull(settings, "Settings must not be null");
		Assert.notNull(connectionFactory, "ConnectionFactory must not be null");
		Assert.isTrue(lease != null && lease.toMillis() >= 30, "Lease must be at least 30ms");
		Assert.isTrue(accountStreamLength > 0, "Account stream length must be positive");
		this.settings = settings;
		this.clock = clock;
		this.memberObserver = memberObserver;
		this.observer = observer;
		this.frames = new ClusterFrames(mapper);
		ClusterKeys keys = new ClusterKeys(keyPrefix, settings.host(), appkey);
		StringRedisTemplate template = new StringRedisTemplate(connectionFactory);
		this.redis = new ClusterRedis(template, keys, this.member, lease, accountStreamLength);
		Duration poll = lease.dividedBy(3);
		this.inbound = new ClusterInbound(connectionFactory, keys,
				(poll.compareTo(Duration.ofSeconds(1)) < 0) ? poll : Duration.ofSeconds(1), this::market,
				this::control);
		this.local = new RealtimeDispatcher(settings.account(), settings.queueCapacity(), memberObserver);
		this.beat = new ClusterBeat(settings.account(), this.redis, this::wanted, sessions, HolderHook::new,
				this.frames, this::heldGap, memberObserver::connected, observer, lease, clock);
		this.scheduler = Executors.newScheduledThreadPool(1, daemon("kiwoom-realtime-cluster-" + settings.account()));
		this.guard = Executors
			.newSingleThreadScheduledExecutor(daemon("kiwoom-realtime-cluster-guard-" + settings.account()));
		long third = Math.max(1, lease.toMillis() / 3);
		this.leaveTimeout = Duration.ofMillis(Math.min(third, 5000));
		this.scheduler.scheduleWithFixedDelay(this.beat::beat, third, third, TimeUnit.MILLISECONDS);
		this.guard.scheduleWithFixedDelay(this.beat::guard, third / 2, Math.max(1, third / 2), TimeUnit.MILLISECONDS);
	}

	@Override
	public String account() {
		return this.settings.account();
	}

	@Override
	public RealtimeState state() {
		ClusterHolder current = this.beat.holder();
		if (this.stopped) {
			return RealtimeState.STOPPED;
		}
		if (current != null) {
			return current.session().state();
		}
		synchronized (this.lock) {
			if (this.local.size() == 0) {
				return RealtimeState.IDLE;
			}
		}
		return this.beat.holderSeen() ? RealtimeState.OPEN : RealtimeState.CONNECTING;
	}

	/**
	 * Return a snapshot for health, as a session's: on the holder, its session's; on a
	 * standby, this member's subscriptions and the time it last received an entry.
	 * @return the status
	 */
	public RealtimeStatus status() {
		ClusterHolder current = this.beat.holder();
		if (current != null) {
			return current.session().status();
		}
		int subscriptions;
		synchronized (this.lock) {
			subscriptions = this.local.size();
		}
		long last = this.lastDeliveredAt;
		return new RealtimeStatus(state(), subscriptions, (last > 0) ? Instant.ofEpochMilli(last) : null, 0, null);
	}

	/**
	 * Return where this member stands in the cluster, for health.
	 * @return the status
	 */
	public ClusterRealtimeStatus clusterStatus() {
		ClusterHolder current = this.beat.holder();
		int subscriptions;
		synchronized (this.lock) {
			subscriptions = this.local.size();
		}
		return new ClusterRealtimeStatus((current != null) ? "holder" : "standby", this.member,
				(current != null) ? this.member : this.beat.knownHolder(), this.beat.unionSize(), subscriptions,
				(current != null) ? current.session().status() : null);
	}

	@Override
	public RealtimeSubscription subscribe(String type, Collection<String> items, RealtimeListener listener) {
		if (this.settings.url() == null) {
			throw new InvalidConfigurationPropertyValueException(this.settings.urlProperty(), null,
					"Kiwoom account '" + account() + "' has no real-time address: its host " + this.settings.host()
							+ " is not one of Kiwoom's, so set " + this.settings.urlProperty()
							+ " (wss://…:10000/api/dostk/websocket).");
		}
		RealtimeDispatcher.Added added;
		synchronized (this.lock) {
			Assert.state(!this.stopped, "The real-time session of Kiwoom account '" + account() + "' is stopped");
			added = this.local.add(type, items, listener);
		}
		this.inbound.listen(this.scheduler);
		if (Subscribed.accountTypes().contains(type)) {
			execute(this::readAccount);
		}
		if (!added.added().isEmpty()) {
			changed();
		}
		return new Subscription(added.handle());
	}

	/**
	 * Not available in cluster mode yet: the condition list and searches live on one
	 * connection, which only the holder has.
	 * @throws UnsupportedOperationException always
	 */
	@Override
	public CompletableFuture<List<KiwoomCondition>> conditions() {
		throw conditionSearchUnsupported();
	}

	/**
	 * Not available in cluster mode yet.
	 * @throws UnsupportedOperationException always
	 */
	@Override
	public CompletableFuture<List<RealtimeEvent>> search(String seq) {
		throw conditionSearchUnsupported();
	}

	/**
	 * Not available in cluster mode yet.
	 * @throws UnsupportedOperationException always
	 */
	@Override
	public RealtimeSubscription subscribeCondition(String seq, RealtimeListener listener) {
		throw conditionSearchUnsupported();
	}

	private UnsupportedOperationException conditionSearchUnsupported() {
		return new UnsupportedOperationException("Condition search (조건검색) of Kiwoom account '" + account()
				+ "' is not available in cluster mode (kiwoom.token.store=redis) yet: the cluster's one real-time "
				+ "socket carries subscriptions to real-time types only");
	}

	private void unsubscribe(RealtimeDispatcher.Handle handle) {
		List<String> removed;
		synchronized (this.lock) {
			removed = this.local.remove(handle);
		}
		if (!removed.isEmpty()) {
			changed();
		}
	}

	private void changed() {
		this.beat.changed();
		execute(this.beat::beat);
	}

	private Map<String, Set<String>> wanted() {
		synchronized (this.lock) {
			return this.local.itemsByType();
		}
	}

	private void readAccount() {
		String from;
		try {
			from = this.redis.lastAccountId();
		}
		catch (RuntimeException ex) {
			// Redis is away: try again shortly, before anything for this member is
			// written
			schedule(this::readAccount, Duration.ofMillis(200));
			return;
		}
		this.inbound.readAccount(from, this::account);
	}

	// What arrives from Redis

	private void market(String entry) {
		deliver("market", entry);
	}

	private void account(String entry) {
		deliver("account", entry);
	}

	private void deliver(String channel, String entry) {
		ClusterFrames.Read read;
		try {
			read = this.frames.read(entry);
		}
		catch (IllegalArgumentException ex) {
			logger.debug("Ignored a real-time cluster entry: " + ex.getMessage());
			return;
		}
		long now = this.clock.millis();
		this.lastDeliveredAt = now;
		this.local.dispatch(read.event());
		this.observer.delivered(channel, Duration.ofMillis(Math.max(0, now - read.at())));
	}

	private void control(String message) {
		String[] parts = message.split(" ");
		switch (parts[0]) {
			case "changed", "released" -> execute(this.beat::beat);
			case "online" -> {
				if (parts.length == 3) {
					this.beat.notice(parts[1], Long.parseLong(parts[2]));
				}
			}
			case "gap" -> {
				if (parts.length == 4) {
					gap(Instant.ofEpochMilli(Long.parseLong(parts[2])), Instant.ofEpochMilli(Long.parseLong(parts[3])),
							!parts[1].equals(this.member));
				}
			}
			default -> logger.debug("Ignored a real-time cluster message");
		}
	}

	/**
	 * Another socket took over: nothing came from the time of the last entry (or when the
	 * previous socket was first seen) until the new one was seen.
	 */
	private void heldGap(long previousSeenAt, long until) {
		long since = Math.min(Math.max(this.lastDeliveredAt, previousSeenAt), until);
		gap(Instant.ofEpochMilli(since), Instant.ofEpochMilli(until), true);
	}

	private void gap(Instant since, Instant until, boolean tellObserver) {
		this.local.gap(new RealtimeGap(since, until));
		if (tellObserver) {
			this.memberObserver.gap(since, until);
		}
	}

	private static ThreadFactory daemon(String name) {
		return (runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	private void execute(Runnable task) {
		schedule(task, Duration.ZERO);
	}

	private void schedule(Runnable task, Duration delay) {
		try {
			this.scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Closing
		}
	}

	// Lifecycle

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Leave the cluster: remove this member's subscriptions; as the holder, close the
	 * socket, then release the lease so that the next member takes it. Never throws, and
	 * a Redis that is away costs at most its command timeout.
	 */
	@Override
	public void stop() {
		synchronized (this.lock) {
			if (this.stopped) {
				return;
			}
			this.stopped = true;
			this.running = false;
		}
		String term = this.beat.stop();
		// Bounded: a Redis that hangs must not hold up the shutdown
		CompletableFuture<Void> leaving = CompletableFuture.runAsync(() -> {
			this.redis.leave();
			if (term != null) {
				this.redis.release(term);
			}
			this.redis.control("changed");
		}, this.guard);
		try {
			leaving.get(this.leaveTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException | RejectedExecutionException ex) {
			logger.debug("Kiwoom account '" + account() + "': could not leave the real-time cluster in Redis; "
					+ "this member's subscriptions and lease end with the lease: " + ex);
		}
		this.inbound.close();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return RealtimeSession.PHASE;
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

	@Override
	public void destroy() {
		stop();
		this.scheduler.shutdownNow();
		this.guard.shutdownNow();
		this.local.shutdown();
	}

	/**
	 * Fall silent as a crashed process would: no more heartbeats or renewals, nothing
	 * read from Redis, the socket dropped, nothing released. For tests.
	 */
	void crash() {
		this.stopped = true;
		this.scheduler.shutdownNow();
		this.guard.shutdownNow();
		this.inbound.close();
		this.beat.crash();
	}

	@Override
	public String toString() {
		return "ClusterRealtime[" + account() + ", " + this.redis.keys() + "]";
	}

	/**
	 * Tells the members what the holder's session does.
	 */
	private final class HolderHook implements RealtimeObserver {

		private final String term;

		HolderHook(String term) {
			this.term = term;
		}

		@Override
		public void connected(boolean reconnect) {
			long now = ClusterRealtime.this.clock.millis();
			ClusterRealtime.this.beat.notice(this.term, now);
			send("online " + this.term + " " + now);
		}

		@Override
		public void gap(Instant since, Instant until) {
			send("gap " + ClusterRealtime.this.member + " " + since.toEpochMilli() + " " + until.toEpochMilli());
		}

		@Override
		public void kicked(String message) {
			execute(() -> {
				ClusterHolder current = ClusterRealtime.this.beat.holder();
				String holder = ClusterRealtime.this.redis.holder();
				if (current != null && holder != null && !holder.equals(current.term())) {
					ClusterRealtime.this.beat.standDown(current, "R10001 while another member holds the lease");
				}
			});
		}

		private void send(String message) {
			try {
				ClusterRealtime.this.redis.control(message);
			}
			catch (RuntimeException ex) {
				logger.debug("Could not tell the real-time cluster: " + ex);
			}
		}

	}

	/**
	 * The handle of one subscription.
	 */
	private final class Subscription implements RealtimeSubscription {

		private final RealtimeDispatcher.Handle handle;

		private volatile boolean closed;

		Subscription(RealtimeDispatcher.Handle handle) {
			this.handle = handle;
		}

		@Override
		public String type() {
			return this.handle.type();
		}

		@Override
		public long dropped() {
			return this.handle.dropped();
		}

		@Override
		public void close() {
			if (!this.closed) {
				this.closed = true;
				unsubscribe(this.handle);
			}
		}

		@Override
		public String toString() {
			return this.handle.toString();
		}

	}

}
