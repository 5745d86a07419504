package io.github.ktrader.kiwoom.auth.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.SharedTokenStore;
import io.github.ktrader.kiwoom.auth.SharedTokenStoreException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;

/**
 * {@link SharedTokenStore} on Redis through Spring Data Redis.
 * <p>
 * Keys are {@code <key-prefix>:<hash>:token|lock|members|failed} and the channel
 * {@code <key-prefix>:<hash>:events}, the hash standing for host and appkey
 * ({@link RedisKeys}). The token is stored sealed with AES-GCM under a key derived from
 * the secretkey ({@link TokenCipher}), with a Redis TTL at its expiry, and with its
 * epoch: the token's place in the order of issue, taken from a counter in Redis
 * ({@code <key-prefix>:<hash>:epoch}) by the instance that issued it, under the issue
 * lock. The epoch alone decides which token is live: the most recently issued one,
 * whatever its expiry. Lock, publish, restore, drop, heartbeat and leave are Lua scripts,
 * so each compare-and-act step is atomic; leases are measured by Redis's clock, so the
 * instances' clocks need not agree.
 * <p>
 * <b>Redis trouble:</b> each command waits at most the command timeout given to the
 * constructor, then throws {@link SharedTokenStoreException} and turns {@link #health()}
 * DOWN; while Redis is gone, {@link IssueLock#close()} does nothing (the lock ends with
 * its lease), heartbeats fail quietly and are retried on schedule, and the channel
 * resubscribes by itself when Redis is back. Redis restarted empty reads as "no shared
 * token, no members": the next member's heartbeat takes its place again.
 * <p>
 * Threads: commands run on up to four daemon threads of the store, heartbeats on one,
 * notifications on the channel's; call {@link #start()} before use and {@link #close()}
 * at the end.
 *
 * @since 0.1.0
 */
public final class RedisSharedTokenStore implements SharedTokenStore, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisSharedTokenStore.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final Duration lease;

	private final RedisCalls calls;

	private final TokenChannel channel;

	private final ScheduledExecutorService scheduler;

	private final RedisMembership membership;

	private final @Nullable LettuceConnectionFactory own;

	private final RedisSharedTokens tokens;

	private final RedisIssueLocks locks;

	/**
	 * Create a store; nothing is sent to Redis until {@link #start()}.
	 * @param connectionFactory the connection to Redis
	 * @param credentials the appkey (hashed into the key names) and secretkey (from which
	 * the encryption key is derived)
	 * @param host the Kiwoom host, as in {@code kiwoom.host}
	 * @param keyPrefix the first part of every key name
	 * @param lease how long a member counts as alive without a heartbeat, and how long an
	 * issue lock lasts unless renewed
	 * @param commandTimeout the longest a caller waits for one Redis command
	 * @param clock the clock that turns a token's expiry into a Redis TTL
	 */
	public RedisSharedTokenStore(RedisConnectionFactory connectionFactory, KiwoomCredentials credentials, String host,
			String keyPrefix, Duration lease, Duration commandTimeout, Clock clock) {
		this(connectionFactory, credentials, host, keyPrefix, lease, commandTimeout, clock, false);
	}

	/**
	 * Create a store that may talk to Redis through its own connection; nothing is sent
	 * to Redis until {@link #start()}.
	 * <p>
	 * With {@code ownConnection}, the store copies a Lettuce factory (same servers, same
	 * client configuration), starts the copy in {@link #start()} and destroys it in
	 * {@link #close()}: Spring stops the application's factory before it destroys any
	 * bean, and the provider needs Redis until it has left the cluster, after the beans
	 * that call Kiwoom from {@code @PreDestroy}. Never ask for it with a static
	 * master/replica factory, whose configuration the public API does not reveal.
	 * @param connectionFactory the application's connection to Redis
	 * @param credentials the appkey and secretkey
	 * @param host the Kiwoom host, as in {@code kiwoom.host}
	 * @param keyPrefix the first part of every key name
	 * @param lease how long a member counts as alive without a heartbeat, and how long an
	 * issue lock lasts unless renewed
	 * @param commandTimeout the longest a caller waits for one Redis command
	 * @param clock the clock that turns a token's expiry into a Redis TTL
	 * @param ownConnection whether to use an own copy of a Lettuce factory
	 * @since 0.1.0
	 */
	public RedisSharedTokenStore(RedisConnectionFactory connectionFactory, KiwoomCredentials credentials, String host,
			String keyPrefix, Duration lease, Duration commandTimeout, Clock clock, boolean ownConnection) {
		Assert.notNull(connectionFactory, "ConnectionFactory must not be null");
		Assert.notNull(credentials, "Credentials must not be null");
		Assert.isTrue(lease != null && lease.toMillis() >= 3, "Lease must be at least 3ms");
		this.own = ownConnection ? StoreConnectionFactory.copyOf(connectionFactory) : null;
		RedisConnectionFactory connections = (this.own != null) ? this.own : connectionFactory;
		this.redis = new StringRedisTemplate(connections);
		this.keys = new RedisKeys(keyPrefix, host, credentials.appkey());
		this.lease = lease;
		this.calls = new RedisCalls(commandTimeout, clock);
		TokenCipher cipher = new TokenCipher(credentials.secretkey(), host, credentials.appkey(), this.keys.hash());
		this.tokens = new RedisSharedTokens(this.redis, this.keys, cipher, this.calls, clock);
		this.channel = new TokenChannel(connections, this.keys.channel(), this.tokens::open);
		CustomizableThreadFactory threads = new CustomizableThreadFactory("kiwoom-redis-heartbeat-");
		threads.setDaemon(true);
		this.scheduler = Executors.newSingleThreadScheduledExecutor(threads);
		this.membership = new RedisMembership(this.redis, this.keys, this.calls, lease, this.scheduler);
		this.locks = new RedisIssueLocks(this.redis, this.keys, this.calls, lease, this.channel, this.scheduler,
				this.membership.id());
	}

	/**
	 * Subscribe to the channel. Does not fail when Redis is down: the subscription is
	 * made once it is up.
	 */
	public void start() {
		if (this.own != null) {
			this.own.afterPropertiesSet();
			this.own.start();
			StoreConnectionFactory.onSubscriptionLost(this.own, () -> this.channel.resubscribe(this.scheduler));
		}
		this.channel.start(this.scheduler);
	}

	@Override
	public Optional<AccessToken> read() {
		return this.tokens.read();
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The token gets the next epoch from Redis's counter; a token that has already
	 * expired by this store's clock is not stored.
	 */
	@Override
	public boolean publish(AccessToken token) {
		return this.tokens.publish(token);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The token keeps the epoch it had when this store last saw it; this instance's
	 * membership is put back in the same script, and "last one out" is not decided for a
	 * lease, while the other members' heartbeats refill the member set.
	 */
	@Override
	public boolean restore(AccessToken token) {
		return this.tokens.restore(token, this.membership.id(), this.lease);
	}

	@Override
	public boolean drop(AccessToken rejected) {
		return this.tokens.drop(rejected);
	}

	@Override
	public Optional<IssueLock> tryLock() {
		return this.locks.tryLock();
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * An interrupted waiter returns empty with its interrupt flag set.
	 */
	@Override
	public Optional<IssueLock> awaitLock(Duration timeout) {
		Assert.notNull(timeout, "Timeout must not be null");
		return this.locks.awaitLock(timeout);
	}

	@Override
	public Subscription subscribe(Consumer<AccessToken> listener) {
		Assert.notNull(listener, "Listener must not be null");
		return this.channel.subscribe(listener);
	}

	@Override
	public void join() {
		this.membership.join();
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Unsubscribes first, while Redis is reachable: releasing the subscription's
	 * connection after its factory closed it makes Lettuce warn that the connection is
	 * already closed.
	 */
	@Override
	public Optional<AccessToken> leave(boolean takeToken) {
		this.channel.stop();
		String sealed = this.membership.leave(takeToken);
		if (sealed == null) {
			return Optional.empty();
		}
		Optional<AccessToken> token = this.tokens.open(sealed);
		if (token.isEmpty()) {
			logger.warn("Last member out, but the shared token under " + this.keys
					+ " was sealed with another secretkey; not revoking it");
		}
		return token;
	}

	@Override
	public void markIssueFailed(String kind, Duration coolDown) {
		Assert.hasText(kind, "Kind must not be empty");
		if (coolDown.toMillis() <= 0) {
			return;
		}
		this.calls.call("failure mark", () -> {
			this.redis.opsForValue().set(this.keys.failed(), kind, coolDown.toMillis(), TimeUnit.MILLISECONDS);
			return null;
		});
	}

	@Override
	public Optional<IssueFailure> issueFailure() {
		String mark = this.calls.call("failure mark read",
				() -> this.redis.execute(RedisScripts.FAILURE_READ, List.of(this.keys.failed())));
		if (mark == null) {
			return Optional.empty();
		}
		int space = mark.indexOf(' ');
		long remaining = Long.parseLong(mark.substring(space + 1));
		return (remaining > 0) ? Optional.of(new IssueFailure(mark.substring(0, space), Duration.ofMillis(remaining)))
				: Optional.empty();
	}

	@Override
	public Health health() {
		return this.calls.health();
	}

	/**
	 * Stop heartbeats and the subscription, without leaving: the membership lapses with
	 * its lease, as a crashed instance's would. Call {@link #leave()} first to leave.
	 */
	@Override
	public void close() {
		this.membership.stopHeartbeats();
		this.scheduler.shutdownNow();
		this.channel.close();
		this.calls.close();
		if (this.own != null) {
			this.own.destroy();
		}
	}

	@Override
	public String toString() {
		return "RedisSharedTokenStore[" + this.keys + ", lease=" + this.lease + ", commandTimeout="
				+ this.calls.timeout() + "]";
	}

}
