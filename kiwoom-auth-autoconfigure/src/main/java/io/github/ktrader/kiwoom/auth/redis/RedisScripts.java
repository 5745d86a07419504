package io.github.ktrader.kiwoom.auth.redis;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Lua scripts that make each compare-and-act step atomic in Redis; the sources beside
 * this class say what each does.
 */
final class RedisScripts {

	static final RedisScript<Long> LOCK_ACQUIRE = script("lock-acquire.lua", Long.class);

	static final RedisScript<Long> LOCK_RELEASE = script("lock-release.lua", Long.class);

	static final RedisScript<Long> LOCK_RENEW = script("lock-renew.lua", Long.class);

	static final RedisScript<Long> TOKEN_PUBLISH = script("token-publish.lua", Long.class);

	static final RedisScript<Long> TOKEN_RESTORE = script("token-restore.lua", Long.class);

	static final RedisScript<Long> EPOCH_NEXT = script("epoch-next.lua", Long.class);

	static final RedisScript<Long> TOKEN_DROP = script("token-drop.lua", Long.class);

	static final RedisScript<Long> MEMBER_HEARTBEAT = script("member-heartbeat.lua", Long.class);

	static final RedisScript<String> MEMBER_LEAVE = script("member-leave.lua", String.class);

	static final RedisScript<String> FAILURE_READ = script("failure-read.lua", String.class);

	private RedisScripts() {
	}

	private static <T> RedisScript<T> script(String name, Class<T> resultType) {
		DefaultRedisScript<T> script = new DefaultRedisScript<>();
		script.setLocation(new ClassPathResource(name, RedisScripts.class));
		script.setResultType(resultType);
		return script;
	}

}
