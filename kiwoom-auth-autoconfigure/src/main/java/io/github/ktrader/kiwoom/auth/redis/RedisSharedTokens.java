package io.github.ktrader.kiwoom.auth.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.Secrets;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

/**
 * The shared token of one (host, appkey) in Redis: read, published with the next epoch,
 * put back with its own, dropped; sealed and opened with the {@link TokenCipher}.
 */
final class RedisSharedTokens {

	// Logs under the store's category, as before the store was split along its jobs
	private static final Log logger = LogFactory.getLog(RedisSharedTokenStore.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final TokenCipher cipher;

	private final RedisCalls calls;

	private final RedisTokenEpochs epochs;

	private final Clock clock;

	RedisSharedTokens(StringRedisTemplate redis, RedisKeys keys, TokenCipher cipher, RedisCalls calls, Clock clock) {
		this.redis = redis;
		this.keys = keys;
		this.cipher = cipher;
		this.calls = calls;
		this.clock = clock;
		this.epochs = new RedisTokenEpochs(redis, keys, calls);
	}

	Optional<AccessToken> read() {
		String sealed = this.calls.call("read", () -> this.redis.opsForValue().get(this.keys.token()));
		return (sealed != null) ? open(sealed) : Optional.empty();
	}

	boolean publish(AccessToken token) {
		Assert.notNull(token, "Token must not be null");
		Duration ttl = ttl(token);
		if (ttl.toMillis() <= 0) {
			return false;
		}
		long epoch = this.epochs.next();
		String sealed = this.cipher.seal(token, epoch);
		Long written = this.calls.call("publish",
				() -> this.redis.execute(RedisScripts.TOKEN_PUBLISH, List.of(this.keys.token(), this.keys.epoch()),
						sealed, Long.toString(ttl.toMillis()), Long.toString(epoch), this.keys.channel()));
		boolean published = written != null && written == 1L;
		if (published) {
			this.epochs.seen(sealed, epoch);
		}
		return published;
	}

	/**
	 * Put the token back with the epoch it had when this store last saw it, and the
	 * member's membership with it, for {@code lease}.
	 */
	boolean restore(AccessToken token, String memberId, Duration lease) {
		Assert.notNull(token, "Token must not be null");
		Duration ttl = ttl(token);
		if (ttl.toMillis() <= 0) {
			return false;
		}
		String known = this.epochs.sealedForm(this.cipher.tokenId(token));
		TokenCipher.Opened opened = (known != null) ? this.cipher.openWithEpoch(known).orElse(null) : null;
		// A token the store never held (issued while it was unreachable) takes the next
		// epoch
		long epoch = (opened != null) ? opened.epoch() : this.epochs.next();
		String sealed = (known != null) ? known : this.cipher.seal(token, epoch);
		Long written = this.calls.call("restore",
				() -> this.redis.execute(RedisScripts.TOKEN_RESTORE,
						List.of(this.keys.token(), this.keys.epoch(), this.keys.members(), this.keys.rebuilt()), sealed,
						Long.toString(ttl.toMillis()), Long.toString(epoch), this.keys.channel(), memberId,
						Long.toString(lease.toMillis())));
		return written != null && written == 1L;
	}

	boolean drop(AccessToken rejected) {
		Assert.notNull(rejected, "Rejected must not be null");
		String prefix = this.cipher.sealedPrefix(rejected);
		Long dropped = this.calls.call("drop", () -> this.redis.execute(RedisScripts.TOKEN_DROP,
				List.of(this.keys.token()), prefix, this.keys.channel()));
		return dropped != null && dropped == 1L;
	}

	/**
	 * Open a sealed token, remembering its epoch; empty (with a WARN) when it was sealed
	 * with another secretkey or altered.
	 */
	Optional<AccessToken> open(String sealed) {
		Optional<TokenCipher.Opened> opened = this.cipher.openWithEpoch(sealed);
		if (opened.isEmpty()) {
			logger.warn("Shared token under " + this.keys + " (id " + Secrets.mask(TokenCipher.idOf(sealed))
					+ ") cannot be opened with this instance's secretkey, or was altered; treated as no shared token");
			return Optional.empty();
		}
		this.epochs.seen(sealed, opened.get().epoch());
		return Optional.of(opened.get().token());
	}

	private Duration ttl(AccessToken token) {
		return Duration.between(this.clock.instant(), token.expiresAt());
	}

}
