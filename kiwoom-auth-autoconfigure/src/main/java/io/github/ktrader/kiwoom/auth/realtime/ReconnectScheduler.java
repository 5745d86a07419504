package io.github.ktrader.kiwoom.auth.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Schedules the real-time session's one connect attempt in flight, after the back-off or
 * the kicked back-off, and the silence watchdog, on the {@link TaskScheduler}.
 * <p>
 * Every method but {@link #checkSilence(int)} (a scheduler task) is called with the
 * session's lock held.
 */
final class ReconnectScheduler {

	private static final Log logger = LogFactory.getLog(RealtimeSession.class);

	private final SessionStateMachine machine;

	private final RealtimeSettings settings;

	private final TaskScheduler scheduler;

	private final RealtimeObserver observer;

	private final Runnable connect;

	private final Runnable silent;

	private @Nullable ScheduledFuture<?> pendingConnect;

	private @Nullable ScheduledFuture<?> watchdog;

	private @Nullable BackOffExecution backOff;

	/**
	 * Create a scheduler.
	 * @param connect the connect attempt, run on the scheduler
	 * @param silent drops a socket that fell silent, under the lock
	 */
	ReconnectScheduler(SessionStateMachine machine, RealtimeSettings settings, TaskScheduler scheduler,
			RealtimeObserver observer, Runnable connect, Runnable silent) {
		this.machine = machine;
		this.settings = settings;
		this.scheduler = scheduler;
		this.observer = observer;
		this.connect = connect;
		this.silent = silent;
	}

	void connectIfIdle() {
		if (this.machine.state() == RealtimeState.IDLE) {
			scheduleConnect(Duration.ZERO, null);
		}
	}

	/**
	 * The attempt in flight has started: another may be scheduled.
	 */
	void connecting() {
		this.pendingConnect = null;
	}

	void cancelConnect() {
		cancel(this.pendingConnect);
		this.pendingConnect = null;
	}

	/**
	 * Logged in: the next back-off starts from the beginning.
	 */
	void resetBackOff() {
		this.backOff = null;
	}

	void scheduleReconnect(String reason) {
		if (this.backOff == null) {
			this.backOff = this.settings.reconnectBackOff().start();
		}
		long delay = this.backOff.nextBackOff();
		if (delay == BackOffExecution.STOP) {
			this.backOff = this.settings.reconnectBackOff().start();
			delay = this.backOff.nextBackOff();
		}
		this.machine.countReconnect();
		scheduleConnect(Duration.ofMillis(Math.max(delay, 0)), reason);
	}

	/**
	 * Schedule the one attempt in flight.
	 * @param reason why it reconnects, or {@code null} for the first connection
	 */
	void scheduleConnect(Duration delay, @Nullable String reason) {
		if (this.pendingConnect != null || this.machine.isStopped()) {
			return;
		}
		this.machine.moveTo(delay.isZero() ? RealtimeState.CONNECTING : RealtimeState.BACKING_OFF);
		logger.debug("Kiwoom account '" + this.settings.account() + "': real-time connect in " + delay + " ("
				+ ((reason != null) ? reason : "first subscription") + ")");
		this.pendingConnect = this.scheduler.schedule(this.connect, this.machine.now().plus(delay));
		if (reason != null) {
			this.machine.notify(() -> this.observer.reconnecting(reason));
		}
	}

	/**
	 * Another session logged in with this app key: reconnecting at once would knock it
	 * off in turn, and it would do the same, so wait long, and never issue a token.
	 */
	void kicked(String message) {
		this.machine.moveTo(RealtimeState.KICKED);
		this.machine.setLastError("kicked: " + message);
		this.machine.countReconnect();
		this.pendingConnect = this.scheduler.schedule(this.connect,
				this.machine.now().plus(this.settings.kickedBackoff()));
		logger.warn("Kiwoom account '" + this.settings.account()
				+ "': another session logged in with the same app key and took "
				+ "the real-time socket (SYSTEM R10001 \"" + message + "\"). Kiwoom keeps one socket per app key: most "
				+ "likely another instance or program uses this key's real-time socket. Trying again in "
				+ this.settings.kickedBackoff() + " (kiwoom.realtime.kicked-backoff) instead of taking it back.");
		this.machine.notify(() -> {
			this.observer.kicked(message);
			this.observer.reconnecting("kicked");
		});
	}

	void scheduleWatchdog(int attempt) {
		Instant last = this.machine.lastFrameAt();
		Instant from = (last != null) ? last : this.machine.now();
		this.watchdog = this.scheduler.schedule(() -> checkSilence(attempt), from.plus(this.settings.idleTimeout()));
	}

	void cancelWatchdog() {
		cancel(this.watchdog);
	}

	private void checkSilence(int attempt) {
		synchronized (this.machine.lock()) {
			if (!this.machine.isCurrent(attempt) || this.machine.state() != RealtimeState.OPEN) {
				return;
			}
			Instant last = this.machine.lastFrameAt();
			if (last != null && this.machine.now().isBefore(last.plus(this.settings.idleTimeout()))) {
				scheduleWatchdog(attempt);
				return;
			}
			logger.warn("Kiwoom account '" + this.settings.account() + "': no frame on the real-time socket for "
					+ this.settings.idleTimeout() + " (kiwoom.realtime.idle-timeout); connecting again");
			this.machine.setLastError("silent for " + this.settings.idleTimeout());
			this.silent.run();
			scheduleReconnect("idle");
		}
		this.machine.flush();
	}

	static void cancel(@Nullable ScheduledFuture<?> future) {
		if (future != null) {
			future.cancel(false);
		}
	}

}
