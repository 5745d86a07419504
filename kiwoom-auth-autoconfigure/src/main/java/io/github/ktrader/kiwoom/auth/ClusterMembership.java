package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Whether the provider shares its tokens with the other instances on its appkey, and what
 * that changes at shutdown. The one place that decides "last one out" on this side of the
 * store: only the last instance out revokes, and what it revokes is the shared token.
 * <p>
 * <b>Shutdown in cluster mode.</b> When the context starts closing ({@link #closing()})
 * the instance stays a member and keeps serving the shared token, so that beans calling
 * Kiwoom from {@code @PreDestroy} use it; nothing is issued from then on. It leaves when
 * the provider itself is closed, after those beans: the last one out then gets the shared
 * token to revoke, unless revoking is off, in which case the token stays in the store for
 * the next start.
 * <p>
 * Thread-safe: the source is set once, before the first token is needed, and read through
 * a volatile field.
 */
final class ClusterMembership {

	private final TokenLog logger;

	private final TokenIssuer issuer;

	private final Clock clock;

	private final Function<RuntimeException, Duration> coolDown;

	private volatile @Nullable Joined joined;

	/**
	 * @param coolDown how long a failed au10001 cools down, shared with the cluster
	 * @param log the provider's log, whose lines name the key pair
	 */
	ClusterMembership(TokenIssuer issuer, Clock clock, Function<RuntimeException, Duration> coolDown, TokenLog log) {
		this.logger = log.forCategory(ClusterTokenSource.class);
		this.issuer = issuer;
		this.clock = clock;
		this.coolDown = coolDown;
	}

	/**
	 * Join the instances sharing {@code store} and follow their token. Never fails: with
	 * the store down, the membership is taken up by the store's heartbeats once it is
	 * back.
	 * @param adopt given each token a sibling announces
	 * @param current the token this instance serves, if any
	 */
	void join(SharedTokenStore store, Duration lease, Consumer<AccessToken> adopt,
			Supplier<@Nullable AccessToken> current) {
		Assert.state(this.joined == null, "A shared token store is set already");
		ClusterReconciler reconciler = new ClusterReconciler(store, this.clock, lease, this.logger);
		ClusterTokenSource source = new ClusterTokenSource(store, this.issuer, this.clock, lease, reconciler,
				this.coolDown, this.logger);
		try {
			store.join();
		}
		catch (SharedTokenStoreException ex) {
			this.logger.warn("Cluster mode: the shared token store is unreachable at startup (" + ex.getMessage()
					+ "); this instance joins once it answers");
		}
		// The announcement of a token this instance issued comes back to it too, and the
		// store holds it before the issue that published it has installed it here:
		// neither is a sibling's token to adopt
		Consumer<AccessToken> siblings = (token) -> {
			if (!source.isOwnIssue(token)) {
				adopt.accept(token);
			}
		};
		this.joined = new Joined(store, source, reconciler, store.subscribe(siblings), this.logger);
		reconciler.start(siblings, current);
	}

	@Nullable ClusterTokenSource source() {
		Joined cluster = this.joined;
		return (cluster != null) ? cluster.source() : null;
	}

	boolean isClustered() {
		return this.joined != null;
	}

	Optional<SharedTokenStore.Health> health() {
		Joined cluster = this.joined;
		return (cluster != null) ? Optional.of(cluster.store().health()) : Optional.empty();
	}

	/**
	 * The context starts closing: keep serving the shared token, issue no more.
	 * @return whether tokens are shared, so that the caller leaves revoking to
	 * {@link #lastOneOut}
	 */
	boolean closing() {
		Joined cluster = this.joined;
		if (cluster == null) {
			return false;
		}
		cluster.source().closing();
		return true;
	}

	/**
	 * Leave the cluster, once. In cluster mode the tokens this instance held are the
	 * cluster's: only the last one out gets the shared token to revoke, taking it out of
	 * the store. With the store unreachable nothing is revoked: others may hold it.
	 * @param tokens the tokens this instance took at shutdown
	 * @param revoking whether the caller revokes what it gets; when not, the last one out
	 * leaves the shared token in the store, still valid, for the next start
	 * @return the tokens to revoke
	 */
	List<AccessToken> lastOneOut(List<AccessToken> tokens, boolean revoking) {
		Joined cluster = this.joined;
		if (cluster == null) {
			return tokens;
		}
		List<AccessToken> shared = ShutdownHandoff.newList();
		cluster.leave(revoking).ifPresent(shared::add);
		return shared;
	}

	private record Joined(SharedTokenStore store, ClusterTokenSource source, ClusterReconciler reconciler,
			SharedTokenStore.Subscription subscription, TokenLog logger) {

		Optional<AccessToken> leave(boolean takeToken) {
			synchronized (this) {
				if (this.reconciler.isStopped()) {
					return Optional.empty();
				}
				this.source.closing();
				this.reconciler.close();
			}
			this.subscription.close();
			if (this.source.hasDroppedOut()) {
				return Optional.empty();
			}
			try {
				Optional<AccessToken> token = this.store.leave(takeToken);
				if (token.isEmpty()) {
					this.logger.info("Cluster mode: left the cluster; the shared token stays "
							+ (takeToken ? "with the other instances" : "in the store for the next start"));
				}
				return token;
			}
			catch (SharedTokenStoreException ex) {
				this.logger.warn("Cluster mode: the shared token store is unreachable at shutdown (" + ex.getMessage()
						+ "); not revoking the shared token, which other instances may still use. "
						+ "This instance's membership ends with kiwoom.token.redis.lease");
				return Optional.empty();
			}
			catch (RuntimeException ex) {
				this.logger
					.warn("Cluster mode: leaving the cluster failed (" + ex + "); not revoking the shared token");
				return Optional.empty();
			}
		}

	}

}
