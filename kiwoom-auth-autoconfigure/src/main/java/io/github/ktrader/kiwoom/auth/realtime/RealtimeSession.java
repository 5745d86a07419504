package io.github.ktrader.kiwoom.auth.realtime;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOffExecution;

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
 * <b>States.</b> One field holds the {@link RealtimeState}; {@code moveTo} changes it,
 * logs at DEBUG and tells the observer. One attempt to connect is in flight at a time.
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

	private final Supplier<AccessTokenProvider> tokenProvider;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final RealtimeObserver observer;

	private final JsonMapper mapper;

	private final OutboundFrames frames;

	private final SessionThreads threads;

	private final SubscriptionRegistry registry = new SubscriptionRegistry();

	private final ConditionSearches conditions;

	private final Object lock = new Object();

	private final List<Runnable> notifications = new ArrayList<>();

	private final AtomicLong reconnects = new AtomicLong();

	private RealtimeState state = RealtimeState.IDLE;

	private int generation;

	private @Nullable RealtimeSocket socket;

	private @Nullable AccessToken loginToken;

	private @Nullable AccessToken rejectedToken;

	private @Nullable KiwoomStatus rejectedStatus;

	private int tokenRefusalsInRow;

	private @Nullable ScheduledFuture<?> pendingConnect;

	private @Nullable ScheduledFuture<?> loginTimeout;

	private @Nullable ScheduledFuture<?> watchdog;

	private @Nullable BackOffExecution backOff;

	private boolean everOpen;

	private @Nullable Instant gapSince;

	private @Nullable String lastError;

	private volatile @Nullable Instant lastFrameAt;

	private volatile boolean running;

	private boolean stopped;

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
		this.tokenProvider = tokenProvider;
		this.scheduler = scheduler;
		this.clock = scheduler.getClock();
		this.observer = observer;
		this.mapper = mapper;
		this.frames = new OutboundFrames(mapper, GROUP);
		this.conditions = new ConditionSearches(mapper);
		this.threads = new SessionThreads(settings.account());
	}

	@Override
	public String account() {
		return this.settings.account();
	}

	@Override
	public RealtimeState state() {
		synchronized (this.lock) {
			return this.state;
		}
	}

	/**
	 * Return a snapshot of the session for health and diagnostics.
	 * @return the status
	 */
	public RealtimeStatus status() {
		synchronized (this.lock) {
			return new RealtimeStatus(this.state, this.registry.size(), this.lastFrameAt, this.reconnects.get(),
					this.lastError);
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
		synchronized (this.lock) {
			Assert.state(!this.stopped, "The real-time session of Kiwoom account '" + account() + "' is stopped");
			List<String> added = this.registry.add(entry);
			if (this.state == RealtimeState.OPEN && !added.isEmpty() && this.socket != null) {
				this.socket.send(this.frames.register(type, added));
			}
			else {
				connectIfIdle();
			}
		}
		flush();
		return new Subscription(entry);
	}

	private void requireAddress() {
		if (this.settings.url() == null) {
			throw new InvalidConfigurationPropertyValueException(this.settings.urlProperty(), null,
					"Kiwoom account '" + account() + "' has no real-time address: its host " + this.settings.host()
							+ " is not one of Kiwoom's, so set " + this.settings.urlProperty()
							+ " (wss://…:10000/api/dostk/websocket).");
		}
	}

	@Override
	public CompletableFuture<List<KiwoomCondition>> conditions() {
		requireAddress();
		CompletableFuture<List<KiwoomCondition>> conditions;
		synchronized (this.lock) {
			Assert.state(!this.stopped, "The real-time session of Kiwoom account '" + account() + "' is stopped");
			conditions = this.conditions.list();
			connectIfIdle();
		}
		flush();
		return conditions;
	}

	@Override
	public CompletableFuture<List<RealtimeEvent>> search(String seq) {
		Assert.hasText(seq, "Seq must not be empty");
		requireAddress();
		CompletableFuture<List<RealtimeEvent>> rows;
		synchronized (this.lock) {
			Assert.state(!this.stopped, "The real-time session of Kiwoom account '" + account() + "' is stopped");
			rows = this.conditions.search(seq);
			connectIfIdle();
		}
		flush();
		return rows;
	}

	@Override
	public RealtimeSubscription subscribeCondition(String seq, RealtimeListener listener) {
		Assert.hasText(seq, "Seq must not be empty");
		Assert.notNull(listener, "Listener must not be null");
		requireAddress();
		SubscriberQueue queue = new SubscriberQueue("02", listener, this.settings.queueCapacity(),
				this.threads.listeners(), this.observer);
		synchronized (this.lock) {
			Assert.state(!this.stopped, "The real-time session of Kiwoom account '" + account() + "' is stopped");
			this.conditions.subscribe(seq, queue);
			connectIfIdle();
		}
		flush();
		return new ConditionSubscription(seq, queue);
	}

	private void connectIfIdle() {
		if (this.state == RealtimeState.IDLE) {
			scheduleConnect(Duration.ZERO, null);
		}
	}

	private void unsubscribe(SubscriptionRegistry.Entry entry) {
		synchronized (this.lock) {
			List<String> removed = this.registry.remove(entry);
			if (this.state == RealtimeState.OPEN && !removed.isEmpty() && this.socket != null) {
				this.socket.send(this.frames.remove(entry.type(), removed));
			}
		}
		entry.queue().close();
	}

	// Connecting

	private void connect() {
		int attempt;
		AccessToken rejected;
		KiwoomStatus status;
		synchronized (this.lock) {
			this.pendingConnect = null;
			if (this.stopped || this.state == RealtimeState.FAILED) {
				return;
			}
			attempt = ++this.generation;
			moveTo(RealtimeState.CONNECTING);
			rejected = this.rejectedToken;
			status = this.rejectedStatus;
			this.rejectedToken = null;
			this.rejectedStatus = null;
		}
		flush();
		AccessToken token;
		try {
			AccessTokenProvider provider = this.tokenProvider.get();
			token = (rejected != null && status != null) ? provider.renewRejected(rejected, status)
					: provider.getAccessToken();
		}
		catch (RuntimeException ex) {
			logger.warn("Kiwoom account '" + account() + "': no access token for the real-time session ("
					+ ex.getMessage() + "); trying again later");
			synchronized (this.lock) {
				if (attempt == this.generation && !this.stopped) {
					this.lastError = "no access token: " + ex.getMessage();
					scheduleReconnect("token_unavailable");
				}
			}
			flush();
			return;
		}
		open(attempt, token);
	}

	private void open(int attempt, AccessToken token) {
		RealtimeSettings settings = this.settings;
		Assert.state(settings.url() != null, "No real-time address");
		RealtimeSocket socket = new RealtimeSocket(this.threads.httpClient(settings.connectTimeout()), settings.url(),
				settings.connectTimeout(), settings.maxFrameSize(), new Handler(attempt));
		socket.opened().whenComplete((webSocket, ex) -> opened(attempt, token, socket, ex));
	}

	private void opened(int attempt, AccessToken token, RealtimeSocket socket, @Nullable Throwable failure) {
		synchronized (this.lock) {
			if (attempt != this.generation || this.stopped) {
				socket.abort();
				return;
			}
			if (failure != null) {
				String detail = (failure.getCause() != null) ? failure.getCause().toString() : failure.toString();
				logger.warn("Kiwoom account '" + account() + "': could not open the real-time socket to "
						+ this.settings.url() + " (" + detail + ")");
				this.lastError = "could not connect: " + detail;
				scheduleReconnect("connect_failed");
			}
			else {
				this.socket = socket;
				this.loginToken = token;
				// LOGIN first; nothing else goes out before its answer
				socket.send(this.frames.login(token.value()));
				this.loginTimeout = this.scheduler.schedule(() -> loginTimedOut(attempt),
						now().plus(this.settings.loginTimeout()));
			}
		}
		flush();
	}

	// Frames

	private void frame(int attempt, RealtimeSocket from, String text) {
		this.lastFrameAt = now();
		RealtimeFrame frame;
		try {
			frame = RealtimeFrame.parse(this.mapper, text);
		}
		catch (IllegalArgumentException ex) {
			logger.debug("Kiwoom account '" + account() + "': ignored a real-time frame: " + ex.getMessage());
			return;
		}
		switch (frame.trnm()) {
			case "PING" -> {
				// Echoed unchanged, whatever state the session is in
				from.send(text);
				this.observer.frame("PING");
			}
			case "REAL" -> real(attempt, frame);
			case "LOGIN" -> {
				this.observer.frame("LOGIN");
				loginAnswered(attempt, frame);
			}
			case "SYSTEM" -> {
				this.observer.frame("SYSTEM");
				system(attempt, frame);
			}
			case "CNSRLST", "CNSRREQ", "CNSRCLR" -> {
				this.observer.frame(frame.trnm());
				synchronized (this.lock) {
					if (attempt == this.generation) {
						this.conditions.answered(frame);
					}
				}
			}
			case "REG", "REMOVE" -> {
				this.observer.frame(frame.trnm());
				if (!frame.status().isSuccess()) {
					logger.warn("Kiwoom account '" + account() + "': Kiwoom refused " + frame.trnm() + " ("
							+ frame.status().describe() + ")");
				}
			}
			default -> {
				this.observer.frame(frame.trnm());
				logger.debug("Kiwoom account '" + account() + "': real-time frame " + frame.trnm());
			}
		}
	}

	private void real(int attempt, RealtimeFrame frame) {
		if (attempt != currentGeneration()) {
			return;
		}
		for (RealtimeEvent event : frame.events()) {
			this.observer.frame(event.type());
			if (event.type().equals("02")) {
				synchronized (this.lock) {
					this.conditions.dispatch(event);
				}
			}
			else {
				this.registry.dispatch(event);
			}
		}
	}

	private int currentGeneration() {
		synchronized (this.lock) {
			return this.generation;
		}
	}

	private void loginAnswered(int attempt, RealtimeFrame frame) {
		KiwoomStatus status = frame.status();
		synchronized (this.lock) {
			if (attempt != this.generation || this.stopped || this.state != RealtimeState.CONNECTING) {
				return;
			}
			cancel(this.loginTimeout);
			if (status.isSuccess()) {
				loggedIn();
			}
			else {
				loginRefused(frame, status);
			}
		}
		flush();
	}

	private void loggedIn() {
		moveTo(RealtimeState.OPEN);
		this.backOff = null;
		this.tokenRefusalsInRow = 0;
		this.lastError = null;
		boolean reconnect = this.everOpen;
		this.everOpen = true;
		RealtimeSocket socket = this.socket;
		Assert.state(socket != null, "No socket");
		for (Map.Entry<String, Set<String>> items : this.registry.itemsByType().entrySet()) {
			socket.send(this.frames.register(items.getKey(), items.getValue()));
		}
		// CNSRLST first, then the real-time condition searches again
		this.conditions.connected(socket::send);
		scheduleWatchdog(this.generation);
		notify(() -> {
			this.observer.login("ok");
			this.observer.connected(reconnect);
		});
		Instant since = this.gapSince;
		if (since != null) {
			this.gapSince = null;
			RealtimeGap gap = new RealtimeGap(since, now());
			this.registry.entries().forEach((entry) -> entry.queue().offer(gap));
			notify(() -> this.observer.gap(gap.since(), gap.until()));
			logger.info("Kiwoom account '" + account() + "': real-time session logged in again, " + this.registry.size()
					+ " subscriptions registered; nothing was received for " + gap.duration());
		}
		else {
			logger.debug("Kiwoom account '" + account() + "': real-time session logged in");
		}
	}

	private void loginRefused(RealtimeFrame frame, KiwoomStatus status) {
		List<Integer> codes = frame.codes();
		LoginRefusal refusal = LoginRefusal.ofLogin(codes);
		AccessToken refused = this.loginToken;
		dropSocket();
		if (refusal == LoginRefusal.TOKEN) {
			notify(() -> this.observer.login("token_rejected"));
			this.rejectedToken = refused;
			this.rejectedStatus = status;
			this.lastError = "LOGIN refused for the token: " + status.describe();
			if (this.tokenRefusalsInRow++ == 0) {
				logger.info("Kiwoom account '" + account() + "': Kiwoom refused the real-time LOGIN for the token ("
						+ status.describe() + "); renewing it and logging in again");
				scheduleConnect(Duration.ZERO, "token_rejected");
			}
			else {
				logger.warn("Kiwoom account '" + account() + "': Kiwoom refused the real-time LOGIN for the token "
						+ this.tokenRefusalsInRow + " times in a row (" + status.describe()
						+ "); trying again after a back-off");
				scheduleReconnect("token_rejected");
			}
		}
		else if (refusal == LoginRefusal.FATAL) {
			notify(() -> this.observer.login("fatal"));
			KiwoomErrorKind kind = LoginRefusal.kindOf(codes);
			fail("Kiwoom refused the real-time LOGIN (" + status.describe() + "). "
					+ ((kind != null) ? kind.advice() : ""));
		}
		else {
			notify(() -> this.observer.login("refused"));
			this.lastError = "LOGIN refused: " + status.describe();
			logger.warn("Kiwoom account '" + account() + "': Kiwoom refused the real-time LOGIN (" + status.describe()
					+ "); trying again after a back-off");
			scheduleReconnect("login_refused");
		}
	}

	private void loginTimedOut(int attempt) {
		synchronized (this.lock) {
			if (attempt != this.generation || this.stopped || this.state != RealtimeState.CONNECTING) {
				return;
			}
			logger.warn("Kiwoom account '" + account() + "': no answer to the real-time LOGIN within "
					+ this.settings.loginTimeout() + " (kiwoom.realtime.login-timeout); connecting again");
			this.lastError = "no answer to LOGIN";
			notify(() -> this.observer.login("timeout"));
			dropSocket();
			scheduleReconnect("login_timeout");
		}
		flush();
	}

	private void system(int attempt, RealtimeFrame frame) {
		String code = frame.field("code");
		String message = frame.field("message");
		LoginRefusal refusal = LoginRefusal.ofSystem(code, message);
		synchronized (this.lock) {
			if (attempt != this.generation || this.stopped) {
				return;
			}
			if (refusal == null) {
				logger.info("Kiwoom account '" + account() + "': real-time SYSTEM " + code + " \"" + message + "\"");
			}
			else if (refusal == LoginRefusal.KICKED) {
				kicked(String.valueOf(message));
			}
			else if (refusal == LoginRefusal.FATAL) {
				fail("Kiwoom closed the real-time session (SYSTEM " + code + " \"" + message
						+ "\"), which has meant a wrong app key: check kiwoom.appkey (앱키) and kiwoom.host.");
			}
			else {
				logger.warn("Kiwoom account '" + account() + "': Kiwoom ends the real-time session (SYSTEM " + code
						+ " \"" + message + "\"); connecting again");
				this.lastError = "SYSTEM " + code + " " + message;
				markDown("system", code + " " + message);
				dropSocket();
				scheduleReconnect("system");
			}
		}
		flush();
	}

	/**
	 * Another session logged in with this app key: reconnecting at once would knock it
	 * off in turn, and it would do the same, so wait long, and never issue a token.
	 */
	private void kicked(String message) {
		markDown("kicked", message);
		dropSocket();
		moveTo(RealtimeState.KICKED);
		this.lastError = "kicked: " + message;
		this.reconnects.incrementAndGet();
		this.pendingConnect = this.scheduler.schedule(this::connect, now().plus(this.settings.kickedBackoff()));
		logger.warn("Kiwoom account '" + account() + "': another session logged in with the same app key and took "
				+ "the real-time socket (SYSTEM R10001 \"" + message + "\"). Kiwoom keeps one socket per app key: most "
				+ "likely another instance or program uses this key's real-time socket. Trying again in "
				+ this.settings.kickedBackoff() + " (kiwoom.realtime.kicked-backoff) instead of taking it back.");
		notify(() -> {
			this.observer.kicked(message);
			this.observer.reconnecting("kicked");
		});
	}

	private void fail(String message) {
		dropSocket();
		cancel(this.pendingConnect);
		this.pendingConnect = null;
		moveTo(RealtimeState.FAILED);
		this.lastError = message;
		logger.error("Kiwoom account '" + account() + "': real-time session stopped: " + message);
		notify(() -> this.observer.failed(message));
	}

	private void closed(int attempt, String reason) {
		synchronized (this.lock) {
			if (attempt != this.generation || this.stopped) {
				return;
			}
			logger.info("Kiwoom account '" + account() + "': real-time socket " + reason + "; connecting again");
			this.lastError = "socket " + reason;
			markDown("closed", reason);
			this.socket = null;
			dropSocket();
			scheduleReconnect("closed");
		}
		flush();
	}

	// Watchdog and back-off

	private void scheduleWatchdog(int attempt) {
		Instant last = this.lastFrameAt;
		Instant from = (last != null) ? last : now();
		this.watchdog = this.scheduler.schedule(() -> checkSilence(attempt), from.plus(this.settings.idleTimeout()));
	}

	private void checkSilence(int attempt) {
		synchronized (this.lock) {
			if (attempt != this.generation || this.stopped || this.state != RealtimeState.OPEN) {
				return;
			}
			Instant last = this.lastFrameAt;
			if (last != null && now().isBefore(last.plus(this.settings.idleTimeout()))) {
				scheduleWatchdog(attempt);
				return;
			}
			logger.warn("Kiwoom account '" + account() + "': no frame on the real-time socket for "
					+ this.settings.idleTimeout() + " (kiwoom.realtime.idle-timeout); connecting again");
			this.lastError = "silent for " + this.settings.idleTimeout();
			markDown("idle", "no frame for " + this.settings.idleTimeout());
			dropSocket();
			scheduleReconnect("idle");
		}
		flush();
	}

	private void scheduleReconnect(String reason) {
		if (this.backOff == null) {
			this.backOff = this.settings.reconnectBackOff().start();
		}
		long delay = this.backOff.nextBackOff();
		if (delay == BackOffExecution.STOP) {
			this.backOff = this.settings.reconnectBackOff().start();
			delay = this.backOff.nextBackOff();
		}
		this.reconnects.incrementAndGet();
		scheduleConnect(Duration.ofMillis(Math.max(delay, 0)), reason);
	}

	/**
	 * Schedule the one attempt in flight.
	 * @param reason why it reconnects, or {@code null} for the first connection
	 */
	private void scheduleConnect(Duration delay, @Nullable String reason) {
		if (this.pendingConnect != null || this.stopped) {
			return;
		}
		moveTo(delay.isZero() ? RealtimeState.CONNECTING : RealtimeState.BACKING_OFF);
		logger.debug("Kiwoom account '" + account() + "': real-time connect in " + delay + " ("
				+ ((reason != null) ? reason : "first subscription") + ")");
		this.pendingConnect = this.scheduler.schedule(this::connect, now().plus(delay));
		if (reason != null) {
			notify(() -> this.observer.reconnecting(reason));
		}
	}

	/**
	 * Remember when the gap started (the last frame of a logged-in socket) and say the
	 * socket went away.
	 */
	private void markDown(String reason, String detail) {
		if (this.state != RealtimeState.OPEN) {
			return;
		}
		Instant last = this.lastFrameAt;
		if (this.gapSince == null) {
			this.gapSince = (last != null) ? last : now();
		}
		notify(() -> this.observer.disconnected(reason, detail));
	}

	/**
	 * Forget the current socket: later callbacks of it are ignored.
	 */
	private void dropSocket() {
		this.generation++;
		this.conditions.disconnected();
		cancel(this.loginTimeout);
		cancel(this.watchdog);
		RealtimeSocket socket = this.socket;
		this.socket = null;
		this.loginToken = null;
		if (socket != null) {
			socket.abort();
		}
	}

	private void moveTo(RealtimeState next) {
		RealtimeState previous = this.state;
		if (previous == next) {
			return;
		}
		this.state = next;
		if (logger.isDebugEnabled()) {
			logger.debug("Kiwoom account '" + account() + "': real-time session " + previous + " -> " + next);
		}
		notify(() -> this.observer.stateChanged(previous, next));
	}

	private void notify(Runnable notification) {
		this.notifications.add(notification);
	}

	/**
	 * Tell the observer, outside the lock, what happened under it.
	 */
	private void flush() {
		List<Runnable> pending;
		synchronized (this.lock) {
			if (this.notifications.isEmpty()) {
				return;
			}
			pending = new ArrayList<>(this.notifications);
			this.notifications.clear();
		}
		for (Runnable notification : pending) {
			try {
				notification.run();
			}
			catch (RuntimeException ex) {
				logger.warn("Kiwoom real-time observer failed", ex);
			}
		}
	}

	private static void cancel(@Nullable ScheduledFuture<?> future) {
		if (future != null) {
			future.cancel(false);
		}
	}

	private Instant now() {
		return this.clock.instant();
	}

	// Lifecycle

	@Override
	public void start() {
		synchronized (this.lock) {
			this.running = true;
			if (this.stopped) {
				this.stopped = false;
				moveTo(RealtimeState.IDLE);
				if (!this.registry.isEmpty()) {
					scheduleConnect(Duration.ZERO, null);
				}
			}
		}
		flush();
	}

	@Override
	public void stop() {
		RealtimeSocket socket;
		synchronized (this.lock) {
			this.running = false;
			this.stopped = true;
			cancel(this.pendingConnect);
			this.pendingConnect = null;
			socket = this.socket;
			this.socket = null;
			this.generation++;
			cancel(this.loginTimeout);
			cancel(this.watchdog);
			this.conditions.stopped();
			moveTo(RealtimeState.STOPPED);
		}
		flush();
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
		synchronized (this.lock) {
			this.stopped = true;
		}
		stop();
		this.registry.entries().forEach((entry) -> entry.queue().close());
		this.threads.shutdown();
	}

	@Override
	public String toString() {
		return "RealtimeSession[" + account() + ", " + this.settings.url() + ", " + state() + "]";
	}

	/**
	 * Receives one socket's frames; those of a socket the session has left are ignored.
	 */
	private final class Handler implements RealtimeSocket.Handler {

		private final int attempt;

		Handler(int attempt) {
			this.attempt = attempt;
		}

		@Override
		public void frame(RealtimeSocket socket, String text) {
			RealtimeSession.this.frame(this.attempt, socket, text);
		}

		@Override
		public void closed(RealtimeSocket socket, String reason) {
			RealtimeSession.this.closed(this.attempt, reason);
		}

	}

	/**
	 * The handle of one real-time condition search; closing it sends {@code CNSRCLR} when
	 * it was the condition's last.
	 */
	private final class ConditionSubscription implements RealtimeSubscription {

		private final String seq;

		private final SubscriberQueue queue;

		ConditionSubscription(String seq, SubscriberQueue queue) {
			this.seq = seq;
			this.queue = queue;
		}

		@Override
		public String type() {
			return "02";
		}

		@Override
		public long dropped() {
			return this.queue.dropped();
		}

		@Override
		public void close() {
			synchronized (RealtimeSession.this.lock) {
				RealtimeSession.this.conditions.unsubscribe(this.seq, this.queue);
			}
			this.queue.close();
		}

	}

	/**
	 * The handle of one subscription.
	 */
	private final class Subscription implements RealtimeSubscription {

		private final SubscriptionRegistry.Entry entry;

		Subscription(SubscriptionRegistry.Entry entry) {
			this.entry = entry;
		}

		@Override
		public String type() {
			return this.entry.type();
		}

		@Override
		public long dropped() {
			return this.entry.queue().dropped();
		}

		@Override
		public void close() {
			unsubscribe(this.entry);
		}

		@Override
		public String toString() {
			return "RealtimeSubscription[" + this.entry.type() + " " + this.entry.items() + "]";
		}

	}

}
