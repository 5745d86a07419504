package io.github.ktrader.kiwoom.auth.autoconfigure.observation;

import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.TokenIssuer;
import io.github.ktrader.kiwoom.auth.TokenRevoker;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEventPublisher;
import io.github.ktrader.kiwoom.auth.observation.ObservedTokenIssuer;
import io.github.ktrader.kiwoom.auth.observation.ObservedTokenRevoker;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps the {@link TokenIssuer} and {@link TokenRevoker} beans in their observed
 * decorators, whoever defined them, when the context defines an
 * {@link ObservationRegistry}; the auto-configuration that creates them needs no change.
 * A bean that is both an issuer and a revoker is left alone, since one decorator would
 * hide its other role.
 */
final class KiwoomObservationPostProcessor implements BeanPostProcessor {

	private static final String[] NAMED_PAIR_PREFIXES = { "kiwoomTokenIssuer.", "kiwoomTokenRevoker." };

	private final ListableBeanFactory beanFactory;

	private final Supplier<ObservationRegistry> registry;

	KiwoomObservationPostProcessor(ListableBeanFactory beanFactory, ObjectProvider<ObservationRegistry> registry) {
		this.beanFactory = beanFactory;
		// Looked up on each call, which is rare, so that the registry is not created
		// early
		this.registry = () -> registry.getIfAvailable(() -> ObservationRegistry.NOOP);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof TokenIssuer) && !(bean instanceof TokenRevoker)) {
			return bean;
		}
		if ((bean instanceof TokenIssuer && bean instanceof TokenRevoker) || !hasRegistry()) {
			return bean;
		}
		if (bean instanceof TokenIssuer issuer && !(bean instanceof ObservedTokenIssuer)) {
			return new ObservedTokenIssuer(issuer, this.registry, accountOf(beanName));
		}
		if (bean instanceof TokenRevoker revoker && !(bean instanceof ObservedTokenRevoker)) {
			return new ObservedTokenRevoker(revoker, this.registry, accountOf(beanName));
		}
		return bean;
	}

	/**
	 * A named pair's issuer and revoker go through here as
	 * {@code kiwoomTokenIssuer.<name>} and {@code kiwoomTokenRevoker.<name>}; every other
	 * bean is the default pair's.
	 */
	static String accountOf(String beanName) {
		for (String prefix : NAMED_PAIR_PREFIXES) {
			if (beanName.startsWith(prefix) && beanName.length() > prefix.length()) {
				return beanName.substring(prefix.length());
			}
		}
		return KiwoomTokenEventPublisher.DEFAULT_ACCOUNT;
	}

	private boolean hasRegistry() {
		return this.beanFactory.getBeanNamesForType(ObservationRegistry.class, true, false).length > 0;
	}

}
