package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.github.ktrader.kiwoom.auth.realtime.KiwoomCondition;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeEvent;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeDispatcher;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeListener;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeObserver;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSession;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSettings;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeState;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeStatus;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSubscription;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
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
 * says so), {@code 00}/{@code 04} and condition hits ({@code 02}) on a Redis Stream
 * trimmed to about {@code accountStreamLength} entries, which each member reads on from
 * the last id it saw: an entry reaches every member that was subscribed when it was
 * written, across a disconnect from Redis, as long as the stream still holds it.
 * <p>
 * <b>Condition search</b> (조건검색) runs on the holder's socket too: a member's real-time
 * searches are wanted like subscriptions (each condition searched once for the cluster,
 * again by the next holder after a failover, its {@code 02} pushes fanned out on the
 * stream); its one-shot requests (the list, a search) wait in Redis under an id until the
 * holder leaves the answer there, for at most twice the lease (at least 10 s).
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

	private final RealtimeDispatcher local;

	private final ClusterSubscriptions subscriptions;

	private final ClusterConditions conditions;

	private final ClusterThreads threads;

	private final Duration leaveTimeout;

	private final ClusterBeat beat;

	private final ClusterDelivery delivery;

	private final Clock clock;

	private volatile boolean running;

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
		ClusterFrames frames = new ClusterFrames(mapper);
		ClusterKeys keys = new ClusterKeys(keyPrefix, settings.host(), appkey);
		StringRedisTemplate template = new StringRedisTemplate(connectionFactory);
		this.redis = new ClusterRedis(template, keys, this.member, lease, accountStreamLength);
		this.threads = new ClusterThreads(settings.account());
		long third = Math.max(1, lease.toMillis() / 3);
		this.local = new RealtimeDispatcher(settings.account(), settings.queueCapacity(), memberObserver);
		this.delivery = new ClusterDelivery(this.member, this.local, frames, observer, memberObserver, this.threads,
				clock, this::answered);
		Duration poll = lease.dividedBy(3);
		this.inbound = new ClusterInbound(connectionFactory, keys,
				(poll.compareTo(Duration.ofSeconds(1)) < 0) ? poll : Duration.ofSeconds(1), this.delivery::market,
				this.delivery::control);
		this.beat = new ClusterBeat(settings.account(), this.redis, this::wanted, sessions, this::hook, frames,
				this.delivery::heldGap, memberObserver::connected, observer, lease, clock);
		this.delivery.bind(this.beat);
		this.subscriptions = new ClusterSubscriptions(settings, this.local, this.redis, this.inbound, this.threads,
				this::changed);
		this.conditions = new ClusterConditions(this.redis, frames, this.threads, this.subscriptions, this::changed,
				Duration.ofMillis(third));
		this.leaveTimeout = Duration.ofMillis(Math.min(third, 5000));
		this.threads.start(this.beat::beat, this.beat::guard, third);
	}

	private RealtimeObserver hook(String term) {
		return new ClusterHolderHook(term, this.member, this.redis, this.beat, this.threads, this.clock);
	}

	@Override
	public String account() {
		return this.settings.account();
	}

	@Override
	public RealtimeState state() {
		ClusterHolder current = this.beat.holder();
		if (this.subscriptions.isStopped()) {
			return RealtimeState.STOPPED;
		}
		if (current != null) {
			return current.session().state();
		}
		if (this.subscriptions.size() == 0) {
			return RealtimeState.IDLE;
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
		long last = this.delivery.lastDeliveredAt();
		return new RealtimeStatus(state(), this.subscriptions.size(), (last > 0) ? Instant.ofEpochMilli(last) : null, 0,
				null);
	}

	/**
	 * Return where this member stands in the cluster, for health.
	 * @return the status
	 */
	public ClusterRealtimeStatus clusterStatus() {
		ClusterHolder current = this.beat.holder();
		return new ClusterRealtimeStatus((current != null) ? "holder" : "standby", this.member,
				(current != null) ? this.member : this.beat.knownHolder(), this.beat.unionSize(),
				this.subscriptions.size(), (current != null) ? current.session().status() : null);
	}

	@Override
	public RealtimeSubscription subscribe(String type, Collection<String> items, RealtimeListener listener) {
		this.subscriptions.requireAddress();
		return this.subscriptions.subscribe(type, items, listener, this.delivery);
	}

	@Override
	public CompletableFuture<List<KiwoomCondition>> conditions() {
		this.subscriptions.requireAddress();
		return this.conditions.conditions();
	}

	@Override
	public CompletableFuture<List<RealtimeEvent>> search(String seq) {
		this.subscriptions.requireAddress();
		return this.conditions.search(seq);
	}

	@Override
	public RealtimeSubscription subscribeCondition(String seq, RealtimeListener listener) {
		Assert.hasText(seq, "Seq must not be empty");
		this.subscriptions.requireAddress();
		return this.subscriptions.subscribeCondition(seq, listener, this.delivery);
	}

	private void answered(String id) {
		this.conditions.answered(id);
	}

	private void changed() {
		this.beat.changed();
		this.threads.execute(this.beat::beat);
	}

	private Map<String, Set<String>> wanted() {
		Map<String, Set<String>> wanted = new LinkedHashMap<>(this.subscriptions.wanted());
		wanted.putAll(this.conditions.wanted());
		return wanted;
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
		if (!this.subscriptions.stop()) {
			return;
		}
		this.running = false;
		this.beat.leave(this.threads, this.leaveTimeout);
		// After leaving: the requests dropped now need no beat
		this.conditions.stop();
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
		this.threads.shutdown();
		this.local.shutdown();
	}

	/**
	 * Fall silent as a crashed process would: no more heartbeats or renewals, nothing
	 * read from Redis, the socket dropped, nothing released. For tests.
	 */
	void crash() {
		this.subscriptions.stop();
		this.threads.shutdown();
		this.inbound.close();
		this.beat.crash();
	}

	@Override
	public String toString() {
		return "ClusterRealtime[" + account() + ", " + this.redis.keys() + "]";
	}

}
