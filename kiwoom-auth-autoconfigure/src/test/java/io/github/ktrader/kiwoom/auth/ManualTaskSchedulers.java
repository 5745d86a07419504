package io.github.ktrader.kiwoom.auth;

import java.time.Duration;
import java.time.Instant;

import org.springframework.scheduling.TaskScheduler;

/**
 * Gives tests in other packages a {@link ManualTaskScheduler}.
 */
public final class ManualTaskSchedulers {

	private ManualTaskSchedulers() {
	}

	/**
	 * Return a scheduler whose clock stands at the given instant until moved.
	 * @param start the instant
	 * @return a handle on the scheduler
	 */
	public static Handle at(Instant start) {
		return new Handle(new ManualTaskScheduler(start));
	}

	/**
	 * A manual scheduler and the means to move its clock.
	 */
	public static final class Handle {

		private final ManualTaskScheduler scheduler;

		Handle(ManualTaskScheduler scheduler) {
			this.scheduler = scheduler;
		}

		public TaskScheduler scheduler() {
			return this.scheduler;
		}

		public void advance(Duration duration) {
			this.scheduler.advance(duration);
		}

	}

}
