package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Owns one daemon thread on which the starter schedules its own work, kept out of the
 * context as a {@link TaskScheduler} so that the application's own scheduling never picks
 * it up. Two beans of this type exist, told apart by name:
 * {@code kiwoomTokenRenewalScheduler} renews and expires tokens, and
 * {@code kiwoomRealtimeScheduler} runs the real-time sessions (connecting, back-off,
 * watchdog). Public only so that both packages of the auto-configuration can create it;
 * not meant for application code.
 *
 * @since 0.1.0
 */
public final class KiwoomSchedulerHolder implements DisposableBean {

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	/**
	 * Create a holder and start its thread.
	 * @param threadNamePrefix the prefix of the thread's name, such as
	 * {@code kiwoom-token-}
	 * @param clock the clock the scheduler places its timers on
	 * @since 0.1.0
	 */
	public KiwoomSchedulerHolder(String threadNamePrefix, Clock clock) {
		this.scheduler.setThreadNamePrefix(threadNamePrefix);
		this.scheduler.setDaemon(true);
		this.scheduler.setPoolSize(1);
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.scheduler.setClock(clock);
		this.scheduler.initialize();
	}

	/**
	 * Return the scheduler running on this holder's thread.
	 * @return the scheduler
	 * @since 0.1.0
	 */
	public TaskScheduler scheduler() {
		return this.scheduler;
	}

	/**
	 * Shut the thread down, with the context.
	 * @since 0.1.0
	 */
	@Override
	public void destroy() {
		this.scheduler.shutdown();
	}

}
