package io.github.ktrader.kiwoom.auth.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.SharedTokenStore.Health;
import io.github.ktrader.kiwoom.auth.SharedTokenStoreException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;

/**
 * Runs Redis commands with a bound on how long the caller waits, and records the outcome
 * as the store's health.
 * <p>
 * The bound is needed because Lettuce queues commands while it reconnects, for up to
 * {@code spring.data.redis.timeout} (a minute unless set). A command that outlives the
 * bound is cancelled, and a caller that finds all four command threads busy with a hung
 * Redis fails at once rather than queueing behind them.
 */
final class RedisCalls implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisCalls.class);

	private final Duration timeout;

	private final Clock clock;

	private final ThreadPoolExecutor executor;

	/**
	 * Changed by compare-and-set, so that of two commands that see the store go down (or
	 * come back) together only one logs it.
	 */
	private final AtomicReference<Health> health = new AtomicReference<>(new Health(Health.Status.UP, null, null));

	RedisCalls(Duration timeout, Clock clock) {
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "Timeout must be positive");
		Assert.notNull(clock, "Clock must not be null");
		this.timeout = timeout;
		this.clock = clock;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("kiwoom-redis-");
		threads.setDaemon(true);
		this.executor = new ThreadPoolExecutor(0, 4, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
	}

	Duration timeout() {
		return this.timeout;
	}

	Health health() {
		return this.health.get();
	}

	/**
	 * Run the command and return its result.
	 * @throws SharedTokenStoreException when it failed or did not finish within the bound
	 */
	<T> @Nullable T call(String what, Supplier<@Nullable T> command) {
		Future<@Nullable T> future;
		try {
			future = this.executor.submit(command::get);
		}
		catch (RejectedExecutionException ex) {
			throw failed("Redis " + what + " not sent: earlier commands are still waiting for Redis", ex);
		}
		try {
			T result = future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			succeeded();
			return result;
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw failed("Redis did not answer " + what + " within " + this.timeout, ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw failed("Redis " + what + " failed: " + describe(cause), cause);
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw failed("Interrupted while waiting for Redis " + what, ex);
		}
	}

	private void succeeded() {
		Health current = this.health.get();
		if (current.status() != Health.Status.UP && this.health.compareAndSet(current,
				new Health(Health.Status.UP, current.lastError(), current.lastErrorAt()))) {
			logger.info("Redis answers again; the shared token store is up");
		}
	}

	private SharedTokenStoreException failed(String message, Throwable cause) {
		Health down = new Health(Health.Status.DOWN, message, this.clock.instant());
		Health previous = this.health.getAndSet(down);
		if (previous.status() == Health.Status.UP) {
			logger.warn("Shared token store is down: " + message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
		return new SharedTokenStoreException(message, cause);
	}

	private static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
