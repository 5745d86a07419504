package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link RedisStoreUnavailableException}: cluster mode is on but Redis is not
 * set up, and says what to add.
 */
class RedisStoreFailureAnalyzer extends AbstractFailureAnalyzer<RedisStoreUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RedisStoreUnavailableException cause) {
		return new FailureAnalysis(
				"kiwoom.token.store is set to redis, that is cluster mode (클러스터 모드), but " + cause.getReason() + ".",
				"Add the dependency org.springframework.boot:spring-boot-starter-data-redis and point "
						+ "spring.data.redis.host and spring.data.redis.port (and spring.data.redis.password if "
						+ "needed) at your Redis; or remove kiwoom.token.store (or set it to memory) to keep the "
						+ "token in this instance only.",
				cause);
	}

}
