package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A member's threads: one for its beat and everything that talks to Redis on its behalf,
 * and the guard's own, so that a beat stuck on Redis never holds up the guard or the
 * leaving.
 */
final class ClusterThreads {

	private final ScheduledExecutorService scheduler;

	private final ScheduledExecutorService guard;

	ClusterThreads(String account) {
		this.scheduler = Executors.newScheduledThreadPool(1, daemon("kiwoom-realtime-cluster-" + account));
		this.guard = Executors.newSingleThreadScheduledExecutor(daemon("kiwoom-realtime-cluster-guard-" + account));
	}

	ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	/**
	 * Run the beat every {@code beat} and the guard twice as often.
	 */
	void start(Runnable beat, Runnable guard, long beatMillis) {
		this.scheduler.scheduleWithFixedDelay(beat, beatMillis, beatMillis, TimeUnit.MILLISECONDS);
		long half = Math.max(1, beatMillis / 2);
		this.guard.scheduleWithFixedDelay(guard, half, half, TimeUnit.MILLISECONDS);
	}

	void execute(Runnable task) {
		schedule(task, Duration.ZERO);
	}

	void schedule(Runnable task, Duration delay) {
		try {
			this.scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Closing
		}
	}

	/**
	 * Run a task on the guard's thread, whatever the beat's is doing.
	 */
	CompletableFuture<Void> onGuard(Runnable task) {
		return CompletableFuture.runAsync(task, this.guard);
	}

	void shutdown() {
		this.scheduler.shutdownNow();
		this.guard.shutdownNow();
	}

	private static ThreadFactory daemon(String name) {
		return (runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

}
