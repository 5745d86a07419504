package io.github.ktrader.kiwoom.auth.redis;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.SharedTokenStore;
import io.github.ktrader.kiwoom.auth.SharedTokenStore.Health;
import io.github.ktrader.kiwoom.auth.SharedTokenStore.IssueLock;
import io.github.ktrader.kiwoom.auth.SharedTokenStoreException;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.data.redis.core.RedisCallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisSharedTokenStore} when Redis stops and comes back: every command
 * fails within the store's command timeout with {@link SharedTokenStoreException}, health
 * turns DOWN, and all of it recovers once Redis is back.
 */
class RedisSharedTokenStoreOutageTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	private static final AccessToken TOKEN = new AccessToken("TokenOneWQJCwyqInphKnR3bSRtB9NE1lv_2t0FTTm0lqNN7Yy",
			Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));

	private static final long BOUND_MILLIS = 2_500;

	private RedisServer server;

	private RedisInstances instances;

	@BeforeEach
	void setUp() {
		this.server = redisServer.server();
		this.server.start();
		this.server.flushAll();
		this.instances = new RedisInstances(this.server);
	}

	@AfterEach
	void tearDown() throws Exception {
		this.server.start();
		this.instances.close();
	}

	@Test
	void aLockCommandAbandonedDuringARedisPauseHoldsNoLockOnceRedisResumes() {
		SharedTokenStore store = this.instances.store(RedisInstances.SECRETKEY, Duration.ofSeconds(30),
				Duration.ofMillis(300));
		// Redis knows the lock script already, so a late EVALSHA runs as it is
		await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
			store.tryLock().orElseThrow().close();
			return true;
		});
		// Redis stops running commands for a second, then runs the queued ones
		this.instances.redis()
			.execute((RedisCallback<Object>) (connection) -> connection.execute("CLIENT", "PAUSE".getBytes(),
					"1000".getBytes(), "ALL".getBytes()));
		assertUnavailable(store::tryLock);
		// Once Redis runs the queued commands, the abandoned lock command among them
		await().pollDelay(Duration.ofMillis(1500))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.instances.redis().hasKey(this.instances.keys().lock()))
				.as("a lock for an owner nobody holds")
				.isFalse());
		assertThat(store.tryLock()).isPresent();
	}

	@ParameterizedTest
	@ValueSource(strings = { "WRITE", "ALL" })
	void aLeaveAbandonedDuringARedisPauseDoesNotTakeTheTokenOnceRedisResumes(String mode) {
		SharedTokenStore last = this.instances.store(RedisInstances.SECRETKEY, Duration.ofSeconds(30),
				Duration.ofMillis(300));
		SharedTokenStore other = this.instances.store(RedisInstances.SECRETKEY, Duration.ofSeconds(30),
				Duration.ofMillis(300));
		last.join();
		other.join();
		last.publish(TOKEN);
		// Redis knows the leave script already (another member left), so a late EVALSHA
		// runs as it is
		assertThat(other.leave()).isEmpty();
		// Redis stops running commands (in WRITE mode only scripts and writes: TIME is
		// answered, the leave is queued) for a second, then runs the queued ones
		this.instances.redis()
			.execute((RedisCallback<Object>) (connection) -> connection.execute("CLIENT", "PAUSE".getBytes(),
					"1000".getBytes(), mode.getBytes()));
		assertUnavailable(last::leave);
		// In WRITE mode the leave itself ran late (it dropped the member); in ALL mode
		// the fence's first step, TIME, was abandoned and nothing was sent after it
		long membersLeft = "WRITE".equals(mode) ? 0 : 1;
		await().pollDelay(Duration.ofMillis(1500))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.instances.redis().opsForZSet().size(this.instances.keys().members()))
				.isEqualTo(membersLeft));
		assertThat(this.instances.redis().hasKey(this.instances.keys().token()))
			.as("the token a late leave would take, with nobody to revoke it")
			.isTrue();
		SharedTokenStore next = this.instances.store();
		assertThat(next.read()).contains(TOKEN);
	}

	@Test
	void everyCommandFailsBoundedWhileRedisIsDown() {
		SharedTokenStore store = this.instances.store(RedisInstances.SECRETKEY, Duration.ofSeconds(30),
				Duration.ofMillis(300));
		store.join();
		store.publish(TOKEN);
		IssueLock lock = store.tryLock().orElseThrow();
		this.server.stop();
		assertUnavailable(store::read);
		Health health = store.health();
		assertThat(health.status()).isEqualTo(Health.Status.DOWN);
		assertThat(health.lastError()).startsWith("Redis").doesNotContain(TOKEN.value());
		assertThat(health.lastErrorAt()).isNotNull();
		assertUnavailable(() -> store.publish(TOKEN));
		assertUnavailable(() -> store.drop(TOKEN));
		assertUnavailable(store::tryLock);
		assertUnavailable(() -> store.awaitLock(Duration.ofSeconds(5)));
		assertUnavailable(lock::renew);
		assertUnavailable(() -> {
			store.join();
			return null;
		});
		// A member that cannot leave must not revoke: the exception says so
		assertUnavailable(store::leave);
		long start = System.nanoTime();
		lock.close();
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(BOUND_MILLIS);
	}

	@Test
	void recoversWhenRedisComesBackEmpty() throws Exception {
		SharedTokenStore publisher = this.instances.store();
		SharedTokenStore sibling = this.instances.store();
		BlockingQueue<AccessToken> adopted = new LinkedBlockingQueue<>();
		sibling.subscribe(adopted::add);
		publisher.publish(TOKEN);
		assertThat(adopted.poll(2, TimeUnit.SECONDS)).isEqualTo(TOKEN);
		this.server.stop();
		assertUnavailable(sibling::read);
		this.server.start();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptionsInstanceOf(SharedTokenStoreException.class)
			.until(() -> sibling.read().isEmpty());
		assertThat(sibling.health().status()).isEqualTo(Health.Status.UP);
		assertThat(sibling.health().lastError()).isNotNull();
		// The channel resubscribes by itself; publish until the sibling hears it
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptionsInstanceOf(SharedTokenStoreException.class)
			.until(() -> publisher.publish(TOKEN) && adopted.poll(200, TimeUnit.MILLISECONDS) != null);
		assertThat(sibling.read()).contains(TOKEN);
		assertThat(sibling.tryLock()).isPresent();
	}

	@Test
	void heartbeatsRestoreTheMembershipAfterRedisRestartedEmpty() {
		Duration lease = Duration.ofMillis(600);
		SharedTokenStore member = this.instances.store(lease);
		SharedTokenStore last = this.instances.store(lease);
		member.join();
		last.join();
		this.server.restart();
		String members = this.instances.keys().members();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.ignoreExceptions()
			.until(() -> this.instances.redis().opsForZSet().size(members) == 2);
		last.publish(TOKEN);
		assertThat(last.leave()).isEmpty();
		assertThat(member.leave()).contains(TOKEN);
	}

	@Test
	void startsWhileRedisIsDown() {
		this.server.stop();
		SharedTokenStore store = this.instances.store();
		BlockingQueue<AccessToken> adopted = new LinkedBlockingQueue<>();
		store.subscribe(adopted::add);
		assertUnavailable(store::read);
		this.server.start();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptionsInstanceOf(SharedTokenStoreException.class)
			.until(() -> store.publish(TOKEN) && adopted.poll(200, TimeUnit.MILLISECONDS) != null);
		assertThat(store.read()).contains(TOKEN);
	}

	private static void assertUnavailable(Supplier<?> command) {
		long start = System.nanoTime();
		assertThatExceptionOfType(SharedTokenStoreException.class).isThrownBy(command::get)
			.withMessageStartingWith("Redis")
			.withMessageNotContaining(RedisInstances.APPKEY)
			.withMessageNotContaining(TOKEN.value());
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(BOUND_MILLIS);
	}

}
