package io.github.ktrader.kiwoom.auth.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * {@link TaskScheduler} whose one-shot tasks run only when the benchmark fires them, so
 * that a renewal can start at once instead of hours before the token expires.
 */
final class ManualTaskScheduler implements TaskScheduler {

	private final List<PendingTask> pending = new ArrayList<>();

	@Override
	public synchronized ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		PendingTask pendingTask = new PendingTask(task, startTime);
		this.pending.add(pendingTask);
		return pendingTask;
	}

	/**
	 * Remove the earliest task that has not been cancelled, for the caller to run.
	 */
	synchronized @Nullable Runnable takeEarliest() {
		this.pending.removeIf(FutureTask::isCancelled);
		PendingTask earliest = this.pending.stream().min(Comparator.comparing((task) -> task.startTime)).orElse(null);
		if (earliest != null) {
			this.pending.remove(earliest);
		}
		return earliest;
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		throw new UnsupportedOperationException("Only one-shot tasks are supported");
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		throw new UnsupportedOperationException("Only one-shot tasks are supported");
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		throw new UnsupportedOperationException("Only one-shot tasks are supported");
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		throw new UnsupportedOperationException("Only one-shot tasks are supported");
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		throw new UnsupportedOperationException("Only one-shot tasks are supported");
	}

	private static final class PendingTask extends FutureTask<Void> implements ScheduledFuture<Void> {

		private final Instant startTime;

		PendingTask(Runnable task, Instant startTime) {
			super(task, null);
			this.startTime = startTime;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(Duration.between(Instant.now(), this.startTime));
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

	}

}
