package io.github.ktrader.kiwoom.auth.client;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;

/**
 * {@link AccessTokenProvider} for tests: hands out {@code token-1}, {@code token-2}, …
 * and records every {@link #renewRejected(AccessToken)} call.
 */
final class SequentialTokenProvider implements AccessTokenProvider {

	static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");

	private final AtomicInteger issued = new AtomicInteger();

	private final List<AccessToken> rejected = new CopyOnWriteArrayList<>();

	private volatile AccessToken current;

	@Override
	public synchronized AccessToken getAccessToken() {
		if (this.current == null) {
			this.current = next();
		}
		return this.current;
	}

	@Override
	public synchronized AccessToken renewRejected(AccessToken rejected) {
		this.rejected.add(rejected);
		if (rejected.equals(this.current)) {
			this.current = next();
		}
		return getAccessToken();
	}

	private AccessToken next() {
		return new AccessToken("token-" + this.issued.incrementAndGet(), EXPIRY);
	}

	static AccessToken token(int number) {
		return new AccessToken("token-" + number, EXPIRY);
	}

	List<AccessToken> rejected() {
		return this.rejected;
	}

	int issued() {
		return this.issued.get();
	}

}
