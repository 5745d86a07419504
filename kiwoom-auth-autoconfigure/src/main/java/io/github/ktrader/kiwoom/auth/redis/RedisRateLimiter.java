package io.github.ktrader.kiwoom.auth.redis;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.ktrader.kiwoom.auth.ratelimit.Allowance;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import io.github.ktrader.kiwoom.auth.ratelimit.SharedPermits;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * The token buckets of one key pair in Redis, shared by every instance on the key
 * (cluster mode): each bucket is one key holding the time its next permit is due,
 * reserved by a Lua script on Redis's own clock ({@code TIME}), so that the instances'
 * clocks need not agree and a reservation is one round trip. The same script reads how
 * many members are live (the token store's membership), which is what each instance paces
 * at when Redis cannot be reached. An allowance Kiwoom stated to one instance
 * ({@code 유량=N}) is kept beside the bucket,
 * {@code <prefix>:<hash>:rate-learned:<api id>}, and the script paces every instance at
 * it; it lives as long as the member set (a minute at least), so that instances joining
 * later read it, and an instance that knows it puts it back if Redis lost it. Keys are
 * {@code <prefix>:<hash>:rate:<api id>}, named by the hash of host and app key, never the
 * key itself.
 *
 * @since 0.1.0
 */
public final class RedisRateLimiter implements SharedPermits {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> RESERVE = script("rate-reserve.lua");

	private static final RedisScript<Long> REFUSED;

	static {
		DefaultRedisScript<Long> refused = new DefaultRedisScript<>();
		refused.setLocation(new ClassPathResource("rate-refused.lua", RedisRateLimiter.class));
		refused.setResultType(Long.class);
		REFUSED = refused;
	}

	/**
	 * The interval at one call per second, in microseconds, which the script divides by a
	 * learned allowance.
	 */
	private static final String ONE_PER_SECOND = Long.toString(micros(new Allowance(1, 1).intervalNanos()));

	private final StringRedisTemplate redis;

	private final Map<String, Integer> learned = new ConcurrentHashMap<>();

	private final RedisKeys keys;

	private volatile int liveMembers = 1;

	/**
	 * Create the shared buckets of one key pair.
	 * @param connectionFactory the Redis connection factory
	 * @param baseUrl the pair's host
	 * @param appkey the pair's app key, hashed into the key names
	 * @param keyPrefix the first part of every key
	 * ({@code kiwoom.token.redis.key-prefix})
	 */
	public RedisRateLimiter(RedisConnectionFactory connectionFactory, String baseUrl, String appkey, String keyPrefix) {
		Assert.notNull(connectionFactory, "ConnectionFactory must not be null");
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = new RedisKeys(keyPrefix, baseUrl, appkey);
	}

	@Override
	public long reserve(String bucket, Allowance allowance, int learned, long maxWaitNanos) {
		long interval = micros(allowance.intervalNanos());
		List<?> result = this.redis.execute(RESERVE,
				List.of(this.keys.rate(bucket), this.keys.members(), this.keys.learned(bucket)),
				Long.toString(interval), Long.toString(interval * (allowance.burst() - 1)),
				Long.toString(maxWaitNanos / 1000), Double.toString(allowance.rate()),
				Integer.toString(allowance.burst()), Integer.toString(learned), ONE_PER_SECOND);
		Assert.state(result != null && result.size() == 3, "Unexpected answer of the rate script");
		this.liveMembers = Math.max(1, ((Number) result.get(1)).intValue());
		remember(bucket, ((Number) result.get(2)).intValue());
		long wait = ((Number) result.get(0)).longValue();
		return (wait < 0) ? -1 : wait * 1000;
	}

	@Override
	public void refused(String bucket, Allowance allowance, int stated) {
		long interval = micros(allowance.intervalNanos());
		Long learned = this.redis.execute(REFUSED,
				List.of(this.keys.rate(bucket), this.keys.learned(bucket), this.keys.members()),
				Long.toString(interval), Long.toString(interval * (allowance.burst() - 1)), Integer.toString(stated));
		remember(bucket, (learned != null) ? learned.intValue() : 0);
	}

	@Override
	public void refresh(String bucket) {
		List<String> learned = this.redis.opsForValue()
			.multiGet(List.of(this.keys.learned(bucket), this.keys.learned(KiwoomRateLimiter.KEY_WIDE)));
		if (learned != null && learned.size() == 2) {
			remember(bucket, parse(learned.get(0)));
			remember(KiwoomRateLimiter.KEY_WIDE, parse(learned.get(1)));
		}
	}

	private static int parse(@Nullable String learned) {
		try {
			return (learned != null) ? Integer.parseInt(learned) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private void remember(String bucket, int learned) {
		if (learned > 0) {
			this.learned.put(bucket, learned);
		}
	}

	@Override
	public int learned(String bucket) {
		Integer learned = this.learned.get(bucket);
		return (learned != null) ? learned : 0;
	}

	@Override
	public int liveMembers() {
		return this.liveMembers;
	}

	private static long micros(long nanos) {
		return Math.max(1, nanos / 1000);
	}

	@SuppressWarnings("rawtypes")
	private static RedisScript<List> script(String name) {
		DefaultRedisScript<List> script = new DefaultRedisScript<>();
		script.setLocation(new ClassPathResource(name, RedisRateLimiter.class));
		script.setResultType(List.class);
		return script;
	}

}
