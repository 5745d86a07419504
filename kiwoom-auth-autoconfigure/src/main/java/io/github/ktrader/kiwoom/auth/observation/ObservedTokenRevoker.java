package io.github.ktrader.kiwoom.auth.observation;

import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.TokenRevoker;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEventPublisher;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.util.Assert;

/**
 * {@link TokenRevoker} that runs au10002 inside a {@value KiwoomObservations#REVOKE}
 * observation.
 *
 * @since 0.1.0
 * @see KiwoomObservations
 */
public final class ObservedTokenRevoker implements TokenRevoker {

	private final TokenRevoker delegate;

	private final Supplier<ObservationRegistry> registry;

	private final String account;

	/**
	 * Create a revoker for the default key pair.
	 * @param delegate the revoker that calls Kiwoom
	 * @param registry supplies the registry on each call, so that it may be created later
	 * than this revoker; {@link ObservationRegistry#NOOP} turns observing off
	 */
	public ObservedTokenRevoker(TokenRevoker delegate, Supplier<ObservationRegistry> registry) {
		this(delegate, registry, KiwoomTokenEventPublisher.DEFAULT_ACCOUNT);
	}

	/**
	 * Create a revoker.
	 * @param delegate the revoker that calls Kiwoom
	 * @param registry supplies the registry on each call, so that it may be created later
	 * than this revoker; {@link ObservationRegistry#NOOP} turns observing off
	 * @param account the key pair, the {@value KiwoomObservations#ACCOUNT} key of the
	 * observation: {@code default}, or its name under {@code kiwoom.accounts}
	 */
	public ObservedTokenRevoker(TokenRevoker delegate, Supplier<ObservationRegistry> registry, String account) {
		Assert.notNull(delegate, "Delegate must not be null");
		Assert.notNull(registry, "Registry must not be null");
		Assert.hasText(account, "Account must not be empty");
		this.delegate = delegate;
		this.registry = registry;
		this.account = account;
	}

	@Override
	public void revoke(AccessToken token) {
		KiwoomObservations.observe(KiwoomObservations.REVOKE, "kiwoom au10002", this.account, this.registry, () -> {
			this.delegate.revoke(token);
			return null;
		});
	}

	@Override
	public String toString() {
		return "ObservedTokenRevoker[" + this.delegate + "]";
	}

}
