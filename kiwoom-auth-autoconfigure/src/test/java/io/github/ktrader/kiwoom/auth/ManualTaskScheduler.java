package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.test.SimulatorClock;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * {@link TaskScheduler} for tests: runs one-shot tasks on the calling thread when the
 * test moves its clock past their time, so tests never sleep.
 */
final class ManualTaskScheduler implements TaskScheduler {

	private final SimulatorClock clock;

	private final List<Task> tasks = new ArrayList<>();

	ManualTaskScheduler(Instant start) {
		this.clock = new SimulatorClock(start);
	}

	@Override
	public Clock getClock() {
		return this.clock;
	}

	Instant now() {
		return this.clock.instant();
	}

	/**
	 * Move the clock forward, running every task that falls due on the way, in order.
	 */
	void advance(Duration duration) {
		advanceTo(this.clock.instant().plus(duration));
	}

	void advanceTo(Instant target) {
		while (true) {
			Task next;
			synchronized (this) {
				next = this.tasks.stream()
					.filter((task) -> !task.cancelled && !task.time.isAfter(target))
					.min(Comparator.comparing((Task task) -> task.time))
					.orElse(null);
				if (next == null) {
					break;
				}
				this.tasks.remove(next);
				if (next.time.isAfter(this.clock.instant())) {
					this.clock.set(next.time);
				}
			}
			next.done = true;
			next.runnable.run();
		}
		if (target.isAfter(this.clock.instant())) {
			this.clock.set(target);
		}
	}

	synchronized List<Instant> pendingTimes() {
		return this.tasks.stream().filter((task) -> !task.cancelled).map((task) -> task.time).sorted().toList();
	}

	@Override
	public synchronized ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		Task scheduled = new Task(task, startTime);
		this.tasks.add(scheduled);
		return scheduled;
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		throw new UnsupportedOperationException();
	}

	private final class Task implements ScheduledFuture<Object> {

		private final Runnable runnable;

		private final Instant time;

		private volatile boolean cancelled;

		private volatile boolean done;

		Task(Runnable runnable, Instant time) {
			this.runnable = runnable;
			this.time = time;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(Duration.between(ManualTaskScheduler.this.clock.instant(), this.time));
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			this.cancelled = true;
			return !this.done;
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

		@Override
		public boolean isDone() {
			return this.done || this.cancelled;
		}

		@Override
		public Object get() {
			return null;
		}

		@Override
		public Object get(long timeout, TimeUnit unit) {
			return null;
		}

	}

}
