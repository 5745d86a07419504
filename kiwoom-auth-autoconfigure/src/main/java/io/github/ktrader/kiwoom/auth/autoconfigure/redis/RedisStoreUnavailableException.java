package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

/**
 * Thrown at startup when {@code kiwoom.token.store=redis} but no Redis connection can be
 * had; {@link RedisStoreFailureAnalyzer} explains it.
 */
class RedisStoreUnavailableException extends RuntimeException {

	private final String reason;

	RedisStoreUnavailableException(String reason) {
		super("kiwoom.token.store is redis, but " + reason);
		this.reason = reason;
	}

	String getReason() {
		return this.reason;
	}

}
