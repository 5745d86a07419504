package io.github.ktrader.kiwoom.auth.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.SharedTokenStore;
import io.github.ktrader.kiwoom.auth.SharedTokenStore.IssueLock;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServer;
import io.github.ktrader.kiwoom.auth.test.redis.RedisServerExtension;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisServerCommands;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisSharedTokenStore} against a real {@code redis-server}, each store
 * standing for one application instance.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisSharedTokenStoreTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	private static final Instant IN_AN_HOUR = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

	private static final AccessToken TOKEN = new AccessToken("TokenOneWQJCwyqInphKnR3bSRtB9NE1lv_2t0FTTm0lqNN7Yy",
			IN_AN_HOUR);

	private static final AccessToken NEWER = new AccessToken("TokenTwoQ9yqInphKnR3bSRtB9NE1lv_2t0FTTm0lqNN7Zz",
			IN_AN_HOUR.plusSeconds(600));

	private RedisInstances instances;

	private StringRedisTemplate redis;

	@BeforeEach
	void setUp() {
		RedisServer server = redisServer.server();
		server.flushAll();
		this.instances = new RedisInstances(server);
		this.redis = this.instances.redis();
	}

	@AfterEach
	void tearDown() throws Exception {
		this.instances.close();
	}

	@Test
	void siblingReadsWhatAnInstancePublished() {
		SharedTokenStore first = this.instances.store();
		SharedTokenStore second = this.instances.store();
		assertThat(second.read()).isEmpty();
		assertThat(first.publish(TOKEN)).isTrue();
		assertThat(second.read()).contains(TOKEN);
		assertThat(second.health().status()).isEqualTo(SharedTokenStore.Health.Status.UP);
	}

	@Test
	void storedTokenLapsesWithItsExpiry() {
		SharedTokenStore store = this.instances.store();
		store.publish(TOKEN);
		Long ttl = this.redis.getExpire(this.instances.keys().token(), TimeUnit.MILLISECONDS);
		long expected = Duration.between(Instant.now(), TOKEN.expiresAt()).toMillis();
		assertThat(ttl).isBetween(expected - 5_000, expected + 1_000);
	}

	@Test
	void redisHoldsNeitherAppkeyNorSecretkeyNorToken() {
		SharedTokenStore first = this.instances.store();
		SharedTokenStore second = this.instances.store();
		first.join();
		second.join();
		first.publish(TOKEN);
		IssueLock lock = second.tryLock().orElseThrow();
		List<String> seen = new ArrayList<>();
		Set<String> keys = this.redis.keys("*");
		assertThat(keys).hasSize(4);
		for (String key : keys) {
			seen.add(key);
			DataType type = this.redis.type(key);
			if (type == DataType.STRING) {
				seen.add(this.redis.opsForValue().get(key));
			}
			else if (type == DataType.ZSET) {
				seen.addAll(this.redis.opsForZSet().range(key, 0, -1));
			}
			else {
				throw new AssertionError("Unexpected type " + type + " of " + key);
			}
		}
		seen.addAll(this.redis.execute((RedisCallback<List<String>>) (connection) -> channels(connection)));
		assertThat(seen).hasSizeGreaterThan(6)
			.allSatisfy((text) -> assertThat(text).doesNotContain(RedisInstances.APPKEY)
				.doesNotContain(RedisInstances.APPKEY.substring(0, 10))
				.doesNotContain(RedisInstances.SECRETKEY.substring(0, 10))
				.doesNotContain(TOKEN.value().substring(0, 10)));
		lock.close();
	}

	@Test
	void tokenOfAnotherSecretkeyReadsAsNoSharedToken(CapturedOutput output) {
		SharedTokenStore ours = this.instances.store();
		SharedTokenStore theirs = this.instances.store("OtherSecretAbcdefghijklmnopqrstuvwxyz0123",
				Duration.ofSeconds(30));
		theirs.publish(TOKEN);
		assertThat(ours.read()).isEmpty();
		assertThat(output).contains("cannot be opened with this instance's secretkey")
			.doesNotContain(TOKEN.value())
			.doesNotContain(RedisInstances.APPKEY);
	}

	@Test
	void theMostRecentlyIssuedTokenIsLiveWhateverItsExpiry() {
		SharedTokenStore first = this.instances.store();
		SharedTokenStore second = this.instances.store();
		assertThat(first.publish(NEWER)).isTrue();
		// Kiwoom gave the next token a shorter life (4 h after 24 h has been seen)
		assertThat(second.publish(TOKEN)).isTrue();
		assertThat(first.read()).contains(TOKEN);
		// An idle member cannot put its longer-lived, older token back over it
		assertThat(first.restore(NEWER)).isFalse();
		assertThat(second.read()).contains(TOKEN);
	}

	@Test
	void restoreNeverPutsBackATokenOlderThanOneTheStoreHeldSince() {
		SharedTokenStore first = this.instances.store();
		SharedTokenStore second = this.instances.store();
		first.publish(NEWER);
		second.publish(TOKEN);
		// Kiwoom rejected the newest token: the older one is no better
		assertThat(second.drop(TOKEN)).isTrue();
		assertThat(first.restore(NEWER)).isFalse();
		assertThat(first.read()).isEmpty();
	}

	@Test
	void restoreAfterRedisLostItsDataPutsTokenAndMembershipBackWithoutTakingAnyoneForTheLastOneOut() {
		SharedTokenStore first = this.instances.store();
		SharedTokenStore second = this.instances.store();
		first.join();
		second.join();
		first.publish(TOKEN);
		redisServer.server().flushAll();
		assertThat(first.restore(TOKEN)).isTrue();
		assertThat(second.read()).contains(TOKEN);
		// The second member's heartbeat has not come back yet: the first is not the last
		// one out, and the token the second uses stays
		assertThat(first.leave()).isEmpty();
		assertThat(second.read()).contains(TOKEN);
		// A later token still goes after the restored one
		assertThat(second.publish(NEWER)).isTrue();
		assertThat(first.restore(TOKEN)).isFalse();
	}

	@Test
	void expiredTokenIsNotPublished() {
		SharedTokenStore store = this.instances.store();
		assertThat(store.publish(new AccessToken(TOKEN.value(), Instant.now().minusSeconds(1)))).isFalse();
		assertThat(this.redis.hasKey(this.instances.keys().token())).isFalse();
	}

	@Test
	void dropRemovesOnlyTheRejectedToken() {
		SharedTokenStore first = this.instances.store();
		SharedTokenStore second = this.instances.store();
		first.publish(TOKEN);
		first.publish(NEWER);
		// A stale rejection of the older token must leave the newer one
		assertThat(second.drop(TOKEN)).isFalse();
		assertThat(first.read()).contains(NEWER);
		assertThat(second.drop(NEWER)).isTrue();
		assertThat(first.read()).isEmpty();
		assertThat(second.drop(NEWER)).isFalse();
	}

	@Test
	void issueLockIsExclusive() {
		SharedTokenStore first = this.instances.store();
		SharedTokenStore second = this.instances.store();
		IssueLock lock = first.tryLock().orElseThrow();
		assertThat(second.tryLock()).isEmpty();
		assertThat(first.tryLock()).isEmpty();
		lock.close();
		assertThat(second.tryLock()).isPresent();
	}

	@Test
	void onlyTheOwnerReleasesOrRenewsTheLock() {
		Duration lease = Duration.ofMillis(300);
		SharedTokenStore first = this.instances.store(lease);
		SharedTokenStore second = this.instances.store(lease);
		IssueLock stale = first.tryLock().orElseThrow();
		// As if its lease had run out while the owner was stuck
		this.redis.delete(this.instances.keys().lock());
		IssueLock current = second.tryLock().orElseThrow();
		assertThat(stale.renew()).isFalse();
		stale.close();
		assertThat(this.redis.hasKey(this.instances.keys().lock())).isTrue();
		assertThat(first.tryLock()).isEmpty();
		assertThat(current.renew()).isTrue();
		current.close();
		assertThat(this.redis.hasKey(this.instances.keys().lock())).isFalse();
	}

	@Test
	void renewalExtendsTheLease() {
		SharedTokenStore store = this.instances.store(Duration.ofSeconds(30));
		IssueLock lock = store.tryLock().orElseThrow();
		this.redis.expire(this.instances.keys().lock(), Duration.ofSeconds(2));
		assertThat(lock.renew()).isTrue();
		assertThat(this.redis.getExpire(this.instances.keys().lock(), TimeUnit.MILLISECONDS)).isGreaterThan(25_000);
		lock.close();
		assertThat(lock.renew()).isFalse();
	}

	@Test
	void liveHolderKeepsTheLockBeyondItsLease() {
		Duration lease = Duration.ofMillis(300);
		SharedTokenStore holder = this.instances.store(lease);
		SharedTokenStore other = this.instances.store(lease);
		IssueLock lock = holder.tryLock().orElseThrow();
		await().during(Duration.ofMillis(900))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.redis.hasKey(this.instances.keys().lock()));
		assertThat(other.tryLock()).isEmpty();
		lock.close();
		assertThat(other.tryLock()).isPresent();
	}

	@Test
	void deadHoldersLockBlocksOthersNoLongerThanItsLease() {
		Duration lease = Duration.ofMillis(400);
		RedisSharedTokenStore dead = this.instances.store(lease);
		SharedTokenStore waiter = this.instances.store(lease);
		dead.tryLock().orElseThrow();
		dead.close();
		long start = System.nanoTime();
		Optional<IssueLock> lock = waiter.awaitLock(Duration.ofSeconds(5));
		long waitedMillis = (System.nanoTime() - start) / 1_000_000;
		assertThat(lock).isPresent();
		assertThat(waitedMillis).isBetween(200L, 1_000L);
	}

	@Test
	void waiterTakesTheLockSoonAfterTheHolderReleasesIt() throws Exception {
		SharedTokenStore holder = this.instances.store();
		SharedTokenStore waiter = this.instances.store();
		IssueLock lock = holder.tryLock().orElseThrow();
		CompletableFuture<Long> acquiredAt = CompletableFuture.supplyAsync(() -> {
			waiter.awaitLock(Duration.ofSeconds(10)).orElseThrow().close();
			return System.nanoTime();
		});
		assertThat(acquiredAt).isNotDone();
		long releasedAt = System.nanoTime();
		lock.close();
		long latencyMillis = (acquiredAt.get(5, TimeUnit.SECONDS) - releasedAt) / 1_000_000;
		assertThat(latencyMillis).isLessThan(1_000);
	}

	@Test
	void awaitLockGivesUpAfterItsTimeout() {
		SharedTokenStore holder = this.instances.store();
		SharedTokenStore waiter = this.instances.store();
		holder.tryLock().orElseThrow();
		long start = System.nanoTime();
		assertThat(waiter.awaitLock(Duration.ofMillis(300))).isEmpty();
		assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 1_500L);
	}

	@Test
	void siblingsAdoptAPublishedTokenWithinASecond() throws Exception {
		SharedTokenStore publisher = this.instances.store();
		SharedTokenStore sibling = this.instances.store();
		BlockingQueue<AccessToken> adopted = new LinkedBlockingQueue<>();
		sibling.subscribe((token) -> {
			throw new IllegalStateException("A failing listener must not stop the others");
		});
		sibling.subscribe(adopted::add);
		awaitSubscribers(2);
		long start = System.nanoTime();
		publisher.publish(TOKEN);
		AccessToken received = adopted.poll(1, TimeUnit.SECONDS);
		long latencyMillis = (System.nanoTime() - start) / 1_000_000;
		assertThat(received).isEqualTo(TOKEN);
		assertThat(latencyMillis).isLessThan(1_000);
		publisher.publish(NEWER);
		assertThat(adopted.poll(1, TimeUnit.SECONDS)).isEqualTo(NEWER);
	}

	@Test
	void closedSubscriptionReceivesNothing() throws Exception {
		SharedTokenStore publisher = this.instances.store();
		SharedTokenStore sibling = this.instances.store();
		BlockingQueue<AccessToken> closed = new LinkedBlockingQueue<>();
		BlockingQueue<AccessToken> open = new LinkedBlockingQueue<>();
		sibling.subscribe(closed::add).close();
		sibling.subscribe(open::add);
		awaitSubscribers(2);
		publisher.publish(TOKEN);
		assertThat(open.poll(1, TimeUnit.SECONDS)).isEqualTo(TOKEN);
		assertThat(closed).isEmpty();
	}

	@Test
	void onlyTheLastMemberOutTakesTheToken() {
		SharedTokenStore first = this.instances.store();
		SharedTokenStore second = this.instances.store();
		first.join();
		second.join();
		first.publish(TOKEN);
		assertThat(first.leave()).isEmpty();
		assertThat(second.read()).contains(TOKEN);
		assertThat(second.leave()).contains(TOKEN);
		// Only the epoch counter stays, so that the next token goes after this one
		assertThat(this.redis.keys("*")).containsExactly(this.instances.keys().epoch());
	}

	@Test
	void lastMemberOutWithNoTokenTakesNothing() {
		SharedTokenStore store = this.instances.store();
		store.join();
		assertThat(store.leave()).isEmpty();
	}

	@Test
	void crashedMemberDropsOutWhenItsLeaseRunsOut() {
		Duration lease = Duration.ofMillis(400);
		RedisSharedTokenStore crashed = this.instances.store(lease);
		SharedTokenStore first = this.instances.store(lease);
		SharedTokenStore last = this.instances.store(lease);
		crashed.join();
		first.join();
		last.join();
		first.publish(TOKEN);
		crashed.close();
		assertThat(first.leave()).isEmpty();
		awaitMembers(1);
		assertThat(last.leave()).contains(TOKEN);
	}

	@Test
	void heartbeatsKeepAMemberAliveBeyondItsLease() {
		Duration lease = Duration.ofMillis(300);
		SharedTokenStore alive = this.instances.store(lease);
		SharedTokenStore leaving = this.instances.store(lease);
		alive.join();
		leaving.join();
		alive.publish(TOKEN);
		await().during(Duration.ofMillis(900)).atMost(Duration.ofSeconds(2)).until(() -> liveMembers() == 2);
		assertThat(leaving.leave()).isEmpty();
		assertThat(alive.leave()).contains(TOKEN);
	}

	private void awaitSubscribers(int count) {
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> subscribers() >= count);
	}

	private long subscribers() {
		byte[] channel = this.instances.keys().channel().getBytes(StandardCharsets.UTF_8);
		Map<byte[], Long> counts = this.redis.execute(
				(RedisCallback<Map<byte[], Long>>) (connection) -> join(lettuce(connection).pubsubNumsub(channel)));
		return counts.values().stream().mapToLong(Long::longValue).sum();
	}

	private void awaitMembers(int count) {
		await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20)).until(() -> liveMembers() == count);
	}

	/**
	 * Members whose lease has not run out by Redis's clock.
	 */
	private long liveMembers() {
		long now = this.redis.execute((RedisCallback<Long>) RedisServerCommands::time);
		Long count = this.redis.opsForZSet().count(this.instances.keys().members(), now + 1, Double.POSITIVE_INFINITY);
		return (count != null) ? count : 0;
	}

	private static List<String> channels(RedisConnection connection) {
		List<String> names = new ArrayList<>();
		for (byte[] name : join(lettuce(connection).pubsubChannels())) {
			names.add(new String(name, StandardCharsets.UTF_8));
		}
		return names;
	}

	@SuppressWarnings("unchecked")
	private static RedisClusterAsyncCommands<byte[], byte[]> lettuce(RedisConnection connection) {
		return (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
	}

	private static <T> T join(RedisFuture<T> future) {
		try {
			return future.get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
