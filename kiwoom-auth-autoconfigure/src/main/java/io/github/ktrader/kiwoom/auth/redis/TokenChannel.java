package io.github.ktrader.kiwoom.auth.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.SharedTokenStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Pub/sub channel of one (host, appkey): hands published tokens to listeners and wakes
 * instances waiting for the issue lock.
 * <p>
 * Messages are {@code T <sealed token>} (published), {@code R} (lock released) and
 * {@code D} (token dropped); none is readable without the secretkey. The container is
 * private to the store, so an application's own {@code RedisMessageListenerContainer} is
 * left alone; it resubscribes by itself, every {@link #RECOVERY_INTERVAL}, after Redis
 * comes back.
 */
final class TokenChannel implements AutoCloseable {

	static final Duration RECOVERY_INTERVAL = Duration.ofMillis(500);

	private static final Log logger = LogFactory.getLog(TokenChannel.class);

	private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

	private final Function<String, Optional<AccessToken>> opener;

	private final RedisConnectionFactory connectionFactory;

	private final List<Consumer<AccessToken>> listeners = new CopyOnWriteArrayList<>();

	private final Object signal = new Object();

	private long generation;

	private volatile boolean closed;

	TokenChannel(RedisConnectionFactory connectionFactory, String channel,
			Function<String, Optional<AccessToken>> opener) {
		this.opener = opener;
		this.connectionFactory = connectionFactory;
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("kiwoom-redis-channel-");
		executor.setDaemon(true);
		this.container.setConnectionFactory(connectionFactory);
		this.container.setTaskExecutor(executor);
		this.container.setSubscriptionExecutor(executor);
		this.container.setRecoveryInterval(RECOVERY_INTERVAL.toMillis());
		this.container.setBeanName("kiwoomTokenChannel");
		this.container.addMessageListener(this::onMessage, new ChannelTopic(channel));
		this.container.afterPropertiesSet();
	}

	/**
	 * Subscribe; when Redis is down, keep trying on the scheduler until it is up (the
	 * container recovers by itself only from a subscription that it once made).
	 */
	void start(ScheduledExecutorService scheduler) {
		if (this.closed) {
			return;
		}
		try {
			this.container.start();
		}
		catch (RuntimeException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Cannot subscribe to Redis yet, retrying in " + RECOVERY_INTERVAL + ": " + ex);
			}
			this.container.stop();
			try {
				scheduler.schedule(() -> start(scheduler), RECOVERY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException rejected) {
				// Closed meanwhile
			}
		}
	}

	/**
	 * Subscribe again, on the scheduler, after Redis dropped the subscription of a
	 * connection that does not reconnect by itself (the store's own). Redis is pinged
	 * first, every {@link #RECOVERY_INTERVAL}, so that the container does not log a
	 * failed attempt each time while Redis is down.
	 */
	void resubscribe(ScheduledExecutorService scheduler) {
		if (this.closed) {
			return;
		}
		try {
			scheduler.schedule(() -> {
				if (answers()) {
					stopContainer();
					start(scheduler);
				}
				else {
					resubscribe(scheduler);
				}
			}, RECOVERY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Closed meanwhile
		}
	}

	private boolean answers() {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.ping();
			return true;
		}
		catch (RuntimeException ex) {
			logger.debug("Cannot subscribe to Redis again yet, retrying in " + RECOVERY_INTERVAL + ": " + ex);
			return false;
		}
	}

	private void stopContainer() {
		try {
			this.container.stop();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not stop the lost subscription", ex);
		}
	}

	SharedTokenStore.Subscription subscribe(Consumer<AccessToken> listener) {
		this.listeners.add(listener);
		return () -> this.listeners.remove(listener);
	}

	/**
	 * Return a number that changes with every message, for {@link #awaitChange}.
	 */
	long generation() {
		synchronized (this.signal) {
			return this.generation;
		}
	}

	/**
	 * Wait until a message arrives after the given generation, or the time has passed.
	 */
	void awaitChange(long seen, Duration max) throws InterruptedException {
		long deadline = System.nanoTime() + max.toNanos();
		synchronized (this.signal) {
			long left = max.toNanos();
			while (this.generation == seen && left > 0) {
				this.signal.wait(Math.max(1, left / 1_000_000));
				left = deadline - System.nanoTime();
			}
		}
	}

	private void onMessage(Message message, byte @Nullable [] pattern) {
		synchronized (this.signal) {
			this.generation++;
			this.signal.notifyAll();
		}
		String body = new String(message.getBody(), StandardCharsets.UTF_8);
		if (!body.startsWith("T ")) {
			return;
		}
		String sealed = body.substring(2);
		Optional<AccessToken> token = this.opener.apply(sealed);
		token.ifPresent(this::notifyListeners);
	}

	private void notifyListeners(AccessToken token) {
		for (Consumer<AccessToken> listener : this.listeners) {
			try {
				listener.accept(token);
			}
			catch (RuntimeException ex) {
				logger.warn("Listener for shared tokens failed: " + ex, ex);
			}
		}
	}

	/**
	 * Unsubscribe and release the subscription's connection now; {@link #close()} then
	 * has nothing left to release.
	 */
	void stop() {
		this.closed = true;
		try {
			this.container.stop();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not unsubscribe from Redis", ex);
		}
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.container.destroy();
		}
		catch (Exception ex) {
			logger.debug("Could not stop the Redis listener container", ex);
		}
	}

}
