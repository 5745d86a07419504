package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Owns the one daemon thread that renews and expires tokens. Kept out of the context as a
 * {@link TaskScheduler} so that the application's own scheduling never picks it up.
 */
final class TokenRenewalScheduler implements DisposableBean {

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	TokenRenewalScheduler(Clock clock) {
		this.scheduler.setThreadNamePrefix("kiwoom-token-");
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
