package io.github.ktrader.kiwoom.auth.redis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.SharedTokenStoreException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The order of issue of one (host, appkey): takes the next epoch from Redis's counter,
 * and remembers the tokens this instance has seen lately with their epochs, so that a
 * token Redis lost is put back with its own epoch, never as a newer one.
 */
final class RedisTokenEpochs {

	private static final int RECENT_TOKENS = 4;

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisCalls calls;

	private volatile long highest;

	/**
	 * Sealed forms of the tokens seen lately, by token id, oldest first.
	 */
	private final Map<String, String> recent = new LinkedHashMap<>(8, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
			return size() > RECENT_TOKENS;
		}

	};

	RedisTokenEpochs(StringRedisTemplate redis, RedisKeys keys, RedisCalls calls) {
		this.redis = redis;
		this.keys = keys;
		this.calls = calls;
	}

	/**
	 * Take the next epoch, never below the highest this instance has seen.
	 */
	long next() {
		Long epoch = this.calls.call("epoch", () -> this.redis.execute(RedisScripts.EPOCH_NEXT,
				List.of(this.keys.epoch()), Long.toString(this.highest)));
		if (epoch == null) {
			throw new SharedTokenStoreException("Redis answered nothing to the epoch script",
					new IllegalStateException("null script result"));
		}
		return epoch;
	}

	/**
	 * Remember a sealed token read, published or announced, with its epoch.
	 */
	void seen(String sealed, long epoch) {
		synchronized (this.recent) {
			this.highest = Math.max(this.highest, epoch);
			this.recent.put(TokenCipher.idOf(sealed), sealed);
		}
	}

	/**
	 * Return the sealed form last seen of the token with the given id, if seen lately.
	 */
	@Nullable String sealedForm(String tokenId) {
		synchronized (this.recent) {
			return this.recent.get(tokenId);
		}
	}

}
