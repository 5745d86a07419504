package io.github.ktrader.kiwoom.auth.realtime;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.Assert;

/**
 * One key pair's real-time session: a socket opened on the first subscription, logged in
 * with the provider's current token, kept alive and opened again until the context
 * closes.
 * <p>
 * <b>Token.</b> Every connection logs in with what {@link AccessTokenProvider} hands out
 * at that moment, never the token the session started with. A LOGIN refused for the token
 * (8005, 8031, 8103) goes through
 * {@link AccessTokenProvider#renewRejected(AccessToken, KiwoomStatus)} and logs in once
 * more at once on a new socket; a second refusal in a row waits for the back-off. A
 * socket that closes or falls silent is no reason for a new token.
 * <p>
 * <b>States.</b> One field of {@link SessionStateMachine} holds the
 * {@link RealtimeState}; its {@code moveTo} changes it, logs at DEBUG and tells the
 * observer. One attempt to connect is in flight at a time ({@link ReconnectScheduler});
 * {@link SessionConnection} logs in and {@link FrameRouter} routes the frames.
 * <p>
 * <b>Threads.</b> Frames are read on the HTTP client's thread, which echoes PINGs and
 * hands events to each subscription's bounded queue; listeners run on a pool of their
 * own. Connecting, back-off and the silence watchdog run on the {@link TaskScheduler},
 * whose clock the session reads.
 * <p>
 * <b>Shutdown.</b> {@link #stop()} closes the socket (bounded by the close timeout) and
 * stops reconnecting, in {@link #PHASE}, before the token is revoked.
 *
 * @since 0.1.0
 */
public final class RealtimeSession implements KiwoomRealtime, SmartLifecycle, DisposableBean {

	/**
	 * Lifecycle phase: above the token's revocation
	 * ({@code Integer.MAX_VALUE / 2 - 1024}) so the socket closes first, below the task
	 * executors so their work is done.
	 */
	public static final int PHASE = Integer.MAX_VALUE / 2 - 512;

	/**
	 * The group ({@code grp_no}) of every registration the starter sends.
	 */
	public static final String GROUP = "1";

	private static final Log logger = LogFactory.getLog(RealtimeSession.class);

	private final RealtimeSettings settings;

	private final RealtimeObserver observer;

	private final OutboundFrames frames;

	private final SessionThreads threads;

	private final SubscriptionRegistry registry = new SubscriptionRegistry();

	private final ConditionSearches conditions;

	private final SessionStateMachine machine;

	private final ReconnectScheduler reconnect;

	private final CurrentSocket current;

	private final SessionConnection connection;

	private final FrameRouter router;

	private volatile boolean running;

	/**
	 * Create a session; nothing is opened until the first subscription.
	 * @param settings the pair's settings
	 * @param tokenProvider the pair's token provider, looked up when first needed
	 * @param scheduler runs connecting, back-off and the watchdog; its clock is the
	 * session's
	 * @param observer what hears about the session
	 * @param mapper the JSON mapper
	 */
	public RealtimeSession(RealtimeSettings settings, Supplier<AccessTokenProvider> tokenProvider,
			TaskScheduler scheduler, RealtimeObserver observer, JsonMapper mapper) {
		Assert.notNull(settings, "Settings must not be null");
		Assert.notNull(tokenProvider, "Token provider must not be null");
		Assert.notNull(scheduler, "Scheduler must not be null");
		Assert.notNull(observer, "Observer must not be null");
		Assert.notNull(mapper, "Mapper must not be null");
		this.settings = settings;
		this.observer = observer;
		this.frames = new OutboundFrames(mapper, GROUP);
		this.conditions = new ConditionSearches(mapper);
		this.threads = new SessionThreads(settings.account());
		this.machine = new SessionStateMachine(settings.account(), scheduler.getClock(), observer);
		this.reconnect = new ReconnectScheduler(this.machine, settings, scheduler, observer, this::connect,
				this::dropSilent);
		this.current = new CurrentSocket(this.machine, this.reconnect, observer, this.conditions, settings.account());
		this.connection = new SessionConnection(this.machine, this.reconnect, this.current, settings, tokenProvider,
				scheduler, observer, this.frames, this.threads, this.registry, this.conditions, this::handler);
		this.router = new FrameRouter(this.machine, this.connection, this.current, this.reconnect, observer, mapper,
				this.registry, this.conditions, settings.account());
	}

	// The parts refer to each other through these, bound once all are built

	private void connect() {
		this.connection.connect();
	}

	private void dropSilent() {
		this.current.lost("idle", "no frame for " + this.settings.idleTimeout());
	}

	private RealtimeSocket.Handler handler(int attempt) {
		return this.router.handler(attempt);
	}

	@Override
	public String account() {
		return this.settings.account();
	}

	@Override
	public RealtimeState state() {
		synchronized (this.machine.lock()) {
			return this.machine.state();
		}
	}

	/**
	 * Return a snapshot of the session for health and diagnostics.
	 * @return the status
	 */
	public RealtimeStatus status() {
		synchronized (this.machine.lock()) {
			return this.machine.status(this.registry.size());
		}
	}

	@Override
	public RealtimeSubscription subscribe(String type, Collection<String> items, RealtimeListener listener) {
		Assert.hasText(type, "Type must not be empty");
		Assert.notNull(items, "Items must not be null");
		Assert.notNull(listener, "Listener must not be null");
		requireAddress();
		Set<String> normalized = new LinkedHashSet<>();
		items.forEach((item) -> normalized.add(item.strip()));
		if (normalized.isEmpty()) {
			// Account types (00, 04) and types without items take item [""]
			normalized.add("");
		}
		SubscriberQueue queue = new SubscriberQueue(type, listener, this.settings.queueCapacity(),
				this.threads.listeners(), this.observer);
		SubscriptionRegistry.Entry entry = new SubscriptionRegistry.Entry(type, List.copyOf(normalized), queue);
		synchronized (this.machine.lock()) {
			requireNotStopped();
			List<String> added = this.registry.add(entry);
			RealtimeSocket socket = this.current.socket();
			if (this.machine.state() == RealtimeState.OPEN && !added.isEmpty() && socket != null) {
				socket.send(this.frames.register(type, added));
			}
			else {
				this.reconnect.connectIfIdle();
			}
		}
		this.machine.flush();
		return new RegisteredSubscription(entry, this::unsubscribe);
	}

	private void requireAddress() {
		if (this.settings.url() == null) {
			throw new InvalidConfigurationPropertyValueException(this.settings.urlProperty(), null,
					"Kiwoom account '" + account() + "' has no real-time address: its host " + this.settings.host()
							+ " is not one of Kiwoom's, so set " + this.settings.urlProperty()
							+ " (wss://…:10000/api/dostk/websocket).");
		}
	}

	private void requireNotStopped() {
		Assert.state(!this.machine.isStopped(),
				"The real-time session of Kiwoom account '" + account() + "' is stopped");
	}

	@Override
	public CompletableFuture<List<KiwoomCondition>> conditions() {
		requireAddress();
		CompletableFuture<List<KiwoomCondition>> conditions;
		synchronized (this.machine.lock()) {
			requireNotStopped();
			conditions = this.conditions.list();
			this.reconnect.connectIfIdle();
		}
		this.machine.flush();
		return conditions;
	}

	@Override
	public CompletableFuture<List<RealtimeEvent>> search(String seq) {
		Assert.hasText(seq, "Seq must not be empty");
		requireAddress();
		CompletableFuture<List<RealtimeEvent>> rows;
		synchronized (this.machine.lock()) {
			requireNotStopped();
			rows = this.conditions.search(seq);
			this.reconnect.connectIfIdle();
		}
		this.machine.flush();
		return rows;
	}

	@Override
	public RealtimeSubscription subscribeCondition(String seq, RealtimeListener listener) {
		Assert.hasText(seq, "Seq must not be empty");
		Assert.notNull(listener, "Listener must not be null");
		requireAddress();
		SubscriberQueue queue = new SubscriberQueue("02", listener, this.settings.queueCapacity(),
				this.threads.listeners(), this.observer);
		synchronized (this.machine.lock()) {
			requireNotStopped();
			this.conditions.subscribe(seq, queue);
			this.reconnect.connectIfIdle();
		}
		this.machine.flush();
		return new ConditionSubscription(seq, queue, this.conditions, this.machine.lock());
	}

	private void unsubscribe(SubscriptionRegistry.Entry entry) {
		synchronized (this.machine.lock()) {
			List<String> removed = this.registry.remove(entry);
			RealtimeSocket socket = this.current.socket();
			if (this.machine.state() == RealtimeState.OPEN && !removed.isEmpty() && socket != null) {
				socket.send(this.frames.remove(entry.type(), removed));
			}
		}
		entry.queue().close();
	}

	// Lifecycle

	@Override
	public void start() {
		synchronized (this.machine.lock()) {
			this.running = true;
			if (this.machine.isStopped()) {
				this.machine.setStopped(false);
				this.machine.moveTo(RealtimeState.IDLE);
				if (!this.registry.isEmpty()) {
					this.reconnect.scheduleConnect(Duration.ZERO, null);
				}
			}
		}
		this.machine.flush();
	}

	@Override
	public void stop() {
		RealtimeSocket socket;
		synchronized (this.machine.lock()) {
			this.running = false;
			this.machine.setStopped(true);
			this.reconnect.cancelConnect();
			socket = this.current.detach();
			this.reconnect.cancelWatchdog();
			this.conditions.stopped();
			this.machine.moveTo(RealtimeState.STOPPED);
		}
		this.machine.flush();
		if (socket != null) {
			socket.close(this.settings.closeTimeout());
			logger.debug("Kiwoom account '" + account() + "': real-time socket closed");
		}
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

	@Override
	public void destroy() {
		synchronized (this.machine.lock()) {
			this.machine.setStopped(true);
		}
		stop();
		this.registry.entries().forEach((entry) -> entry.queue().close());
		this.threads.shutdown();
	}

	@Override
	public String toString() {
		return "RealtimeSession[" + account() + ", " + this.settings.url() + ", " + state() + "]";
	}

}
