package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.data.redis.stream.StreamMessageListenerContainer;
import org.springframework.data.redis.stream.StreamMessageListenerContainer.StreamMessageListenerContainerOptions;
import org.springframework.data.redis.stream.StreamMessageListenerContainer.StreamReadRequest;

/**
 * What a member reads from Redis: the market and control channels (pub/sub, one thread,
 * in order) and, once it subscribes to {@code 00}/{@code 04}, the account stream, read
 * from the id it last saw, so that a brief disconnect from Redis loses nothing that the
 * stream still holds.
 */
final class ClusterInbound implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ClusterInbound.class);

	private static final Duration RECOVERY = Duration.ofMillis(500);

	private final RedisConnectionFactory connectionFactory;

	private final ClusterKeys keys;

	private final Duration pollTimeout;

	private final ExecutorService dispatch;

	private final RedisMessageListenerContainer channels = new RedisMessageListenerContainer();

	private @Nullable StreamMessageListenerContainer<String, MapRecord<String, String, String>> stream;

	private boolean listening;

	private volatile boolean closed;

	ClusterInbound(RedisConnectionFactory connectionFactory, ClusterKeys keys, Duration pollTimeout,
			Consumer<String> market, Consumer<String> control) {
		this.connectionFactory = connectionFactory;
		this.keys = keys;
		this.pollTimeout = pollTimeout;
		this.dispatch = Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "kiwoom-realtime-cluster-inbound");
			thread.setDaemon(true);
			return thread;
		});
		SimpleAsyncTaskExecutor subscriber = new SimpleAsyncTaskExecutor("kiwoom-realtime-cluster-subscriber-");
		subscriber.setDaemon(true);
		this.channels.setConnectionFactory(connectionFactory);
		// One thread hands the messages on, in the order Redis sent them
		this.channels.setTaskExecutor(new TaskExecutorAdapter(this.dispatch));
		this.channels.setSubscriptionExecutor(subscriber);
		this.channels.setRecoveryInterval(RECOVERY.toMillis());
		this.channels.setBeanName("kiwoomRealtimeClusterChannels");
		this.channels.addMessageListener(
				(message, pattern) -> market.accept(new String(message.getBody(), StandardCharsets.UTF_8)),
				new ChannelTopic(keys.market()));
		this.channels.addMessageListener(
				(message, pattern) -> control.accept(new String(message.getBody(), StandardCharsets.UTF_8)),
				new ChannelTopic(keys.control()));
		this.channels.afterPropertiesSet();
	}

	/**
	 * Subscribe to the channels, once; when Redis is down, try again until it is up.
	 */
	synchronized void listen(java.util.concurrent.ScheduledExecutorService scheduler) {
		if (this.listening || this.closed) {
			return;
		}
		try {
			this.channels.start();
			this.listening = true;
		}
		catch (RuntimeException ex) {
			logger.debug("Cannot subscribe to Redis yet, retrying in " + RECOVERY + ": " + ex);
			this.channels.stop();
			scheduler.schedule(() -> listen(scheduler), RECOVERY.toMillis(),
					java.util.concurrent.TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Return whether the account stream is read already.
	 */
	synchronized boolean readsAccount() {
		return this.stream != null;
	}

	/**
	 * Read the account stream from the entry after {@code lastSeenId}, once.
	 */
	synchronized void readAccount(String lastSeenId, Consumer<String> account) {
		if (this.stream != null || this.closed) {
			return;
		}
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("kiwoom-realtime-cluster-stream-");
		executor.setDaemon(true);
		StreamMessageListenerContainerOptions<String, MapRecord<String, String, String>> options = StreamMessageListenerContainerOptions
			.builder()
			.pollTimeout(this.pollTimeout)
			.batchSize(256)
			.executor(executor)
			.build();
		StreamMessageListenerContainer<String, MapRecord<String, String, String>> container = StreamMessageListenerContainer
			.create(this.connectionFactory, options);
		// Reading goes on from the last id it saw, after errors too
		StreamReadRequest<String> request = StreamReadRequest
			.builder(StreamOffset.create(this.keys.account(), ReadOffset.from(lastSeenId)))
			.cancelOnError((ex) -> false)
			.errorHandler(this::streamError)
			.build();
		container.register(request, (record) -> {
			String entry = record.getValue().get("e");
			if (entry != null) {
				account.accept(entry);
			}
		});
		container.start();
		this.stream = container;
	}

	private void streamError(Throwable ex) {
		if (this.closed) {
			return;
		}
		logger.debug("Reading the real-time account stream failed; reading on from the last entry seen: " + ex);
		try {
			// The poll loop goes on at once: do not spin while Redis is away
			Thread.sleep(RECOVERY.toMillis());
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.stream != null) {
			this.stream.stop();
		}
		try {
			this.channels.destroy();
		}
		catch (Exception ex) {
			logger.debug("Closing the real-time cluster channels failed", ex);
		}
		this.dispatch.shutdownNow();
	}

}
