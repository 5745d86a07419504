package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import java.time.Clock;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The real-time sessions' scheduler (connecting, back-off, watchdog), kept in a holder so
 * that the application never picks it up as its own {@link TaskScheduler}.
 */
final class RealtimeScheduler implements DisposableBean {

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	RealtimeScheduler(Clock clock) {
		this.scheduler.setThreadNamePrefix("kiwoom-realtime-");
		this.scheduler.setDaemon(true);
		this.scheduler.setPoolSize(1);
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.scheduler.setClock(clock);
		this.scheduler.initialize();
	}

	TaskScheduler scheduler() {
		return this.scheduler;
	}

	@Override
	public void destroy() {
		this.scheduler.shutdown();
	}

}
