package io.github.ktrader.kiwoom.auth.observation;

import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.TokenIssuer;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEventPublisher;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.util.Assert;

/**
 * {@link TokenIssuer} that runs au10001, retries included, inside a
 * {@value KiwoomObservations#ISSUE} observation.
 *
 * @since 0.1.0
 * @see KiwoomObservations
 */
public final class ObservedTokenIssuer implements TokenIssuer {

	private final TokenIssuer delegate;

	private final Supplier<ObservationRegistry> registry;

	private final String account;

	/**
	 * Create an issuer for the default key pair.
	 * @param delegate the issuer that calls Kiwoom
	 * @param registry supplies the registry on each call, so that it may be created later
	 * than this issuer; {@link ObservationRegistry#NOOP} turns observing off
	 */
	public ObservedTokenIssuer(TokenIssuer delegate, Supplier<ObservationRegistry> registry) {
		this(delegate, registry, KiwoomTokenEventPublisher.DEFAULT_ACCOUNT);
	}

	/**
	 * Create an issuer.
	 * @param delegate the issuer that calls Kiwoom
	 * @param registry supplies the registry on each call, so that it may be created later
	 * than this issuer; {@link ObservationRegistry#NOOP} turns observing off
	 * @param account the key pair, the {@value KiwoomObservations#ACCOUNT} key of the
	 * observation: {@code default}, or its name under {@code kiwoom.accounts}
	 */
	public ObservedTokenIssuer(TokenIssuer delegate, Supplier<ObservationRegistry> registry, String account) {
		Assert.notNull(delegate, "Delegate must not be null");
		Assert.notNull(registry, "Registry must not be null");
		Assert.hasText(account, "Account must not be empty");
		this.delegate = delegate;
		this.registry = registry;
		this.account = account;
	}

	@Override
	public AccessToken issue() {
		return KiwoomObservations.observe(KiwoomObservations.ISSUE, "kiwoom au10001", this.account, this.registry,
				this.delegate::issue);
	}

	@Override
	public String toString() {
		return "ObservedTokenIssuer[" + this.delegate + "]";
	}

}
