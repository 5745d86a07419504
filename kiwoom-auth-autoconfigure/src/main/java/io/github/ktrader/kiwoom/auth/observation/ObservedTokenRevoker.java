package io.github.ktrader.kiwoom.auth.observation;

import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.TokenRevoker;
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

	/**
	 * Create a revoker.
	 * @param delegate the revoker that calls Kiwoom
	 * @param registry supplies the registry on each call, so that it may be created later
	 * than this revoker; {@link ObservationRegistry#NOOP} turns observing off
	 */
	public ObservedTokenRevoker(TokenRevoker delegate, Supplier<ObservationRegistry> registry) {
		Assert.notNull(delegate, "Delegate must not be null");
		Assert.notNull(registry, "Registry must not be null");
		this.delegate = delegate;
		this.registry = registry;
	}

	@Override
	public void revoke(AccessToken token) {
		KiwoomObservations.observe(KiwoomObservations.REVOKE, "kiwoom au10002", this.registry, () -> {
			this.delegate.revoke(token);
			return null;
		});
	}

	@Override
	public String toString() {
		return "ObservedTokenRevoker[" + this.delegate + "]";
	}

}
