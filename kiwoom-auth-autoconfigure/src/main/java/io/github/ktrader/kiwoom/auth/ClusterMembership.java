package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Whether the provider shares its tokens with the other instances on its appkey, and what
 * that changes at shutdown: only the last instance out revokes. Thread-safe: the source
 * is set once, before the first token is needed, and read through a volatile field.
 */
final class ClusterMembership {

	private final TokenIssuer issuer;

	private final Clock clock;

	private volatile @Nullable ClusterTokenSource source;

	ClusterMembership(TokenIssuer issuer, Clock clock) {
		this.issuer = issuer;
		this.clock = clock;
	}

	/**
	 * Join the instances sharing {@code store}.
	 * @param adopt given each token a sibling announces
	 * @param current the token this instance serves, if any
	 */
	void join(SharedTokenStore store, Duration lease, Consumer<AccessToken> adopt,
			Supplier<@Nullable AccessToken> current) {
		Assert.state(this.source == null, "A shared token store is set already");
		ClusterTokenSource joined = new ClusterTokenSource(store, this.issuer, this.clock, lease);
		this.source = joined;
		joined.start(adopt, current);
	}

	@Nullable ClusterTokenSource source() {
		return this.source;
	}

	boolean isClustered() {
		return this.source != null;
	}

	Optional<SharedTokenStore.Health> health() {
		ClusterTokenSource joined = this.source;
		return (joined != null) ? Optional.of(joined.health()) : Optional.empty();
	}

	/**
	 * In cluster mode the tokens this instance held are the cluster's: only the last
	 * instance out revokes, and what it revokes is the shared token.
	 * @param tokens the tokens this instance took at shutdown
	 * @return the tokens to revoke
	 */
	List<AccessToken> lastOneOut(List<AccessToken> tokens) {
		ClusterTokenSource joined = this.source;
		if (joined == null) {
			return tokens;
		}
		List<AccessToken> shared = ShutdownHandoff.newList();
		joined.leave().ifPresent(shared::add);
		return shared;
	}

}
