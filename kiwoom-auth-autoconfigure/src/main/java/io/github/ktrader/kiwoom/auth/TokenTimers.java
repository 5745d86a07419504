package io.github.ktrader.kiwoom.auth;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;

/**
 * The two timers of the cached token, renewal and expiry, on this machine's scheduler.
 * Starting timers for a new token cancels those of the previous one.
 */
final class TokenTimers {

	private final TaskScheduler scheduler;

	private @Nullable ScheduledFuture<?> renewal;

	private @Nullable ScheduledFuture<?> expiry;

	TokenTimers(TaskScheduler scheduler) {
		this.scheduler = scheduler;
	}

	synchronized void start(Instant expiresAt, Runnable expire, Instant renewAt, Runnable renew) {
		cancel();
		this.expiry = this.scheduler.schedule(expire, expiresAt);
		this.renewal = this.scheduler.schedule(renew, renewAt);
	}

	synchronized void renewAt(Instant at, Runnable renew) {
		this.renewal = this.scheduler.schedule(renew, at);
	}

	synchronized void cancel() {
		cancel(this.renewal);
		cancel(this.expiry);
		this.renewal = null;
		this.expiry = null;
	}

	private static void cancel(@Nullable ScheduledFuture<?> task) {
		if (task != null) {
			task.cancel(false);
		}
	}

}
