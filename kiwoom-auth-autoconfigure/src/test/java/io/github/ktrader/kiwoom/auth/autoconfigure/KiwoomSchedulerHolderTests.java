package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomSchedulerHolder}: one named daemon thread on the given clock,
 * cancelled timers dropped at once, shut down with the context.
 */
class KiwoomSchedulerHolderTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC);

	private final KiwoomSchedulerHolder renewalScheduler = new KiwoomSchedulerHolder("kiwoom-token-", this.clock);

	@AfterEach
	void destroy() {
		this.renewalScheduler.destroy();
	}

	private ThreadPoolTaskScheduler scheduler() {
		return (ThreadPoolTaskScheduler) this.renewalScheduler.scheduler();
	}

	@Test
	void runsTasksOnANamedDaemonThread() throws Exception {
		Thread thread = scheduler().submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
		assertThat(thread.getName()).startsWith("kiwoom-token-");
		assertThat(thread.isDaemon()).isTrue();
	}

	@Test
	void usesOneThread() {
		assertThat(scheduler().getScheduledThreadPoolExecutor().getCorePoolSize()).isOne();
	}

	@Test
	void schedulesByTheGivenClock() {
		assertThat(scheduler().getClock()).isSameAs(this.clock);
	}

	@Test
	void dropsCancelledTimersFromItsQueue() {
		ScheduledThreadPoolExecutor executor = scheduler().getScheduledThreadPoolExecutor();
		ScheduledFuture<?> timer = scheduler().schedule(() -> {
		}, this.clock.instant().plusSeconds(86_400));
		assertThat(executor.getQueue()).hasSize(1);
		timer.cancel(false);
		assertThat(executor.getQueue()).isEmpty();
	}

	@Test
	void shutsDownWhenDestroyed() {
		ScheduledThreadPoolExecutor executor = scheduler().getScheduledThreadPoolExecutor();
		this.renewalScheduler.destroy();
		assertThat(executor.isShutdown()).isTrue();
	}

}
