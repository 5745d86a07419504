package io.github.ktrader.kiwoom.auth.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.Assert;

/**
 * Opens the real-time session's socket and logs it in with the provider's current token,
 * handling the LOGIN answer, its refusal (through {@link LoginRefusal} and the
 * {@link AccessTokenProvider}) and its timeout.
 * <p>
 * {@link #connect()} and the login timeout run on the scheduler, {@link #opened} on the
 * HTTP client's thread, {@link #loginAnswered} on the socket's reader thread; every other
 * method is called with the session's lock held.
 */
final class SessionConnection {

	private static final Log logger = LogFactory.getLog(RealtimeSession.class);

	private final SessionStateMachine machine;

	private final ReconnectScheduler reconnect;

	private final CurrentSocket current;

	private final RealtimeSettings settings;

	private final Supplier<AccessTokenProvider> tokenProvider;

	private final TaskScheduler scheduler;

	private final RealtimeObserver observer;

	private final OutboundFrames frames;

	private final SessionThreads threads;

	private final SubscriptionRegistry registry;

	private final ConditionSearches conditions;

	private final IntFunction<RealtimeSocket.Handler> handlers;

	private @Nullable AccessToken rejectedToken;

	private @Nullable KiwoomStatus rejectedStatus;

	private int tokenRefusalsInRow;

	private boolean everOpen;

	/**
	 * Create a connection.
	 * @param handlers the handler of the socket of a given attempt
	 */
	SessionConnection(SessionStateMachine machine, ReconnectScheduler reconnect, CurrentSocket current,
			RealtimeSettings settings, Supplier<AccessTokenProvider> tokenProvider, TaskScheduler scheduler,
			RealtimeObserver observer, OutboundFrames frames, SessionThreads threads, SubscriptionRegistry registry,
			ConditionSearches conditions, IntFunction<RealtimeSocket.Handler> handlers) {
		this.machine = machine;
		this.reconnect = reconnect;
		this.current = current;
		this.settings = settings;
		this.tokenProvider = tokenProvider;
		this.scheduler = scheduler;
		this.observer = observer;
		this.frames = frames;
		this.threads = threads;
		this.registry = registry;
		this.conditions = conditions;
		this.handlers = handlers;
	}

	void connect() {
		int attempt;
		AccessToken rejected;
		KiwoomStatus status;
		synchronized (this.machine.lock()) {
			this.reconnect.connecting();
			if (this.machine.isStopped() || this.machine.state() == RealtimeState.FAILED) {
				return;
			}
			attempt = this.machine.nextGeneration();
			this.machine.moveTo(RealtimeState.CONNECTING);
			rejected = this.rejectedToken;
			status = this.rejectedStatus;
			this.rejectedToken = null;
			this.rejectedStatus = null;
		}
		this.machine.flush();
		AccessToken token;
		try {
			AccessTokenProvider provider = this.tokenProvider.get();
			token = (rejected != null && status != null) ? provider.renewRejected(rejected, status)
					: provider.getAccessToken();
		}
		catch (RuntimeException ex) {
			logger.warn("Kiwoom account '" + account() + "': no access token for the real-time session ("
					+ ex.getMessage() + "); trying again later");
			synchronized (this.machine.lock()) {
				if (this.machine.isCurrent(attempt)) {
					this.machine.setLastError("no access token: " + ex.getMessage());
					this.reconnect.scheduleReconnect("token_unavailable");
				}
			}
			this.machine.flush();
			return;
		}
		open(attempt, token);
	}

	private void open(int attempt, AccessToken token) {
		RealtimeSettings settings = this.settings;
		Assert.state(settings.url() != null, "No real-time address");
		RealtimeSocket socket = new RealtimeSocket(this.threads.httpClient(settings.connectTimeout()), settings.url(),
				settings.connectTimeout(), settings.maxFrameSize(), this.handlers.apply(attempt));
		socket.opened().whenComplete((webSocket, ex) -> opened(attempt, token, socket, ex));
	}

	private void opened(int attempt, AccessToken token, RealtimeSocket socket, @Nullable Throwable failure) {
		synchronized (this.machine.lock()) {
			if (!this.machine.isCurrent(attempt)) {
				socket.abort();
				return;
			}
			if (failure != null) {
				String detail = (failure.getCause() != null) ? failure.getCause().toString() : failure.toString();
				logger.warn("Kiwoom account '" + account() + "': could not open the real-time socket to "
						+ this.settings.url() + " (" + detail + ")");
				this.machine.setLastError("could not connect: " + detail);
				this.reconnect.scheduleReconnect("connect_failed");
			}
			else {
				this.current.opened(socket, token);
				// LOGIN first; nothing else goes out before its answer
				socket.send(this.frames.login(token.value()));
				this.current.loginTimeout(this.scheduler.schedule(() -> loginTimedOut(attempt),
						this.machine.now().plus(this.settings.loginTimeout())));
			}
		}
		this.machine.flush();
	}

	void loginAnswered(int attempt, RealtimeFrame frame) {
		KiwoomStatus status = frame.status();
		synchronized (this.machine.lock()) {
			if (!this.machine.isCurrent(attempt) || this.machine.state() != RealtimeState.CONNECTING) {
				return;
			}
			this.current.cancelLoginTimeout();
			if (status.isSuccess()) {
				loggedIn();
			}
			else {
				loginRefused(frame, status);
			}
		}
		this.machine.flush();
	}

	private void loggedIn() {
		this.machine.moveTo(RealtimeState.OPEN);
		this.reconnect.resetBackOff();
		this.tokenRefusalsInRow = 0;
		this.machine.setLastError(null);
		boolean again = this.everOpen;
		this.everOpen = true;
		RealtimeSocket socket = this.current.socket();
		Assert.state(socket != null, "No socket");
		for (Map.Entry<String, Set<String>> items : this.registry.itemsByType().entrySet()) {
			socket.send(this.frames.register(items.getKey(), items.getValue()));
		}
		// CNSRLST first, then the real-time condition searches again
		this.conditions.connected(socket::send);
		this.reconnect.scheduleWatchdog(this.machine.generation());
		this.machine.notify(() -> {
			this.observer.login("ok");
			this.observer.connected(again);
		});
		Instant since = this.current.takeGapSince();
		if (since != null) {
			RealtimeGap gap = new RealtimeGap(since, this.machine.now());
			this.registry.entries().forEach((entry) -> entry.queue().offer(gap));
			this.machine.notify(() -> this.observer.gap(gap.since(), gap.until()));
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
		AccessToken refused = this.current.loginToken();
		this.current.drop();
		if (refusal == LoginRefusal.TOKEN) {
			this.machine.notify(() -> this.observer.login("token_rejected"));
			this.rejectedToken = refused;
			this.rejectedStatus = status;
			this.machine.setLastError("LOGIN refused for the token: " + status.describe());
			if (this.tokenRefusalsInRow++ == 0) {
				logger.info("Kiwoom account '" + account() + "': Kiwoom refused the real-time LOGIN for the token ("
						+ status.describe() + "); renewing it and logging in again");
				this.reconnect.scheduleConnect(Duration.ZERO, "token_rejected");
			}
			else {
				logger.warn("Kiwoom account '" + account() + "': Kiwoom refused the real-time LOGIN for the token "
						+ this.tokenRefusalsInRow + " times in a row (" + status.describe()
						+ "); trying again after a back-off");
				this.reconnect.scheduleReconnect("token_rejected");
			}
		}
		else if (refusal == LoginRefusal.FATAL) {
			this.machine.notify(() -> this.observer.login("fatal"));
			KiwoomErrorKind kind = LoginRefusal.kindOf(codes);
			this.current.fail("Kiwoom refused the real-time LOGIN (" + status.describe() + "). "
					+ ((kind != null) ? kind.advice() : ""));
		}
		else {
			this.machine.notify(() -> this.observer.login("refused"));
			this.machine.setLastError("LOGIN refused: " + status.describe());
			logger.warn("Kiwoom account '" + account() + "': Kiwoom refused the real-time LOGIN (" + status.describe()
					+ "); trying again after a back-off");
			this.reconnect.scheduleReconnect("login_refused");
		}
	}

	private void loginTimedOut(int attempt) {
		synchronized (this.machine.lock()) {
			if (!this.machine.isCurrent(attempt) || this.machine.state() != RealtimeState.CONNECTING) {
				return;
			}
			logger.warn("Kiwoom account '" + account() + "': no answer to the real-time LOGIN within "
					+ this.settings.loginTimeout() + " (kiwoom.realtime.login-timeout); connecting again");
			this.machine.setLastError("no answer to LOGIN");
			this.machine.notify(() -> this.observer.login("timeout"));
			this.current.drop();
			this.reconnect.scheduleReconnect("login_timeout");
		}
		this.machine.flush();
	}

	private String account() {
		return this.settings.account();
	}

}
