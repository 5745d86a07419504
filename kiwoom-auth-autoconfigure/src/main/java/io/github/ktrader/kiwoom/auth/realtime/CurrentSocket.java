package io.github.ktrader.kiwoom.auth.realtime;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import io.github.ktrader.kiwoom.auth.AccessToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Holds the real-time session's current socket and forgets it when it goes away,
 * remembering when the gap in events started.
 * <p>
 * Every method is called with the session's lock held.
 */
final class CurrentSocket {

	private static final Log logger = LogFactory.getLog(RealtimeSession.class);

	private final SessionStateMachine machine;

	private final ReconnectScheduler reconnect;

	private final RealtimeObserver observer;

	private final ConditionSearches conditions;

	private final String account;

	private @Nullable RealtimeSocket socket;

	private @Nullable AccessToken loginToken;

	private @Nullable ScheduledFuture<?> loginTimeout;

	private @Nullable Instant gapSince;

	CurrentSocket(SessionStateMachine machine, ReconnectScheduler reconnect, RealtimeObserver observer,
			ConditionSearches conditions, String account) {
		this.machine = machine;
		this.reconnect = reconnect;
		this.observer = observer;
		this.conditions = conditions;
		this.account = account;
	}

	/**
	 * The logged-in (or logging-in) socket, if any.
	 */
	@Nullable RealtimeSocket socket() {
		return this.socket;
	}

	/**
	 * The token the current socket logged in with, if any.
	 */
	@Nullable AccessToken loginToken() {
		return this.loginToken;
	}

	/**
	 * Keep a socket that opened and sent its LOGIN.
	 */
	void opened(RealtimeSocket socket, AccessToken token) {
		this.socket = socket;
		this.loginToken = token;
	}

	void loginTimeout(ScheduledFuture<?> loginTimeout) {
		this.loginTimeout = loginTimeout;
	}

	void cancelLoginTimeout() {
		ReconnectScheduler.cancel(this.loginTimeout);
	}

	/**
	 * Return when the gap that a new login ends started, if there was one, and forget it.
	 */
	@Nullable Instant takeGapSince() {
		Instant since = this.gapSince;
		this.gapSince = null;
		return since;
	}

	/**
	 * Stop for good: Kiwoom said connecting again cannot help.
	 */
	void fail(String message) {
		drop();
		this.reconnect.cancelConnect();
		this.machine.moveTo(RealtimeState.FAILED);
		this.machine.setLastError(message);
		logger.error("Kiwoom account '" + this.account + "': real-time session stopped: " + message);
		this.machine.notify(() -> this.observer.failed(message));
	}

	/**
	 * Say the logged-in socket went away and forget it.
	 */
	void lost(String reason, String detail) {
		markDown(reason, detail);
		drop();
	}

	/**
	 * Say the socket closed by itself and forget it without aborting it.
	 */
	void closed(String reason) {
		markDown("closed", reason);
		this.socket = null;
		drop();
	}

	/**
	 * Leave the socket behind on stop, for the caller to close.
	 * @return the socket, if any
	 */
	@Nullable RealtimeSocket detach() {
		RealtimeSocket socket = this.socket;
		this.socket = null;
		this.machine.nextGeneration();
		cancelLoginTimeout();
		return socket;
	}

	/**
	 * Remember when the gap started (the last frame of a logged-in socket) and say the
	 * socket went away.
	 */
	private void markDown(String reason, String detail) {
		if (this.machine.state() != RealtimeState.OPEN) {
			return;
		}
		Instant last = this.machine.lastFrameAt();
		if (this.gapSince == null) {
			this.gapSince = (last != null) ? last : this.machine.now();
		}
		this.machine.notify(() -> this.observer.disconnected(reason, detail));
	}

	/**
	 * Forget the current socket: later callbacks of it are ignored.
	 */
	void drop() {
		this.machine.nextGeneration();
		this.conditions.disconnected();
		cancelLoginTimeout();
		this.reconnect.cancelWatchdog();
		RealtimeSocket socket = this.socket;
		this.socket = null;
		this.loginToken = null;
		if (socket != null) {
			socket.abort();
		}
	}

}
