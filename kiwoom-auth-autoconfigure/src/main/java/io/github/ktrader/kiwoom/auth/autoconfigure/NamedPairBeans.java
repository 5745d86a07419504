package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Bean definitions for the beans of a named key pair ({@code kiwoom.accounts.<name>}),
 * shared by the registrars of the auto-configuration's packages: qualified with the
 * pair's name and no default candidate, so that injection by type keeps getting the
 * default pair's, and marked so that AOT processing leaves them out (their instance
 * suppliers cannot be written out ahead of time; the registrars run again at start-up).
 * Public only so that both packages of the auto-configuration can use it; not meant for
 * application code.
 *
 * @since 0.1.0
 */
public final class NamedPairBeans {

	/**
	 * Attribute on every named pair's bean definition, which
	 * {@link NamedPairAotExcludeFilter} looks for.
	 */
	static final String ATTRIBUTE = KiwoomAccountsRegistrar.class.getName() + ".namedPair";

	private NamedPairBeans() {
	}

	/**
	 * Create the definition of one of a named pair's beans.
	 * @param <T> the bean's type
	 * @param pairName the pair's name, which the bean is qualified with
	 * @param type the bean's type
	 * @param supplier creates the bean
	 * @return the definition, to be given a bean name {@code <role>.<pairName>}
	 * @since 0.1.0
	 */
	public static <T> RootBeanDefinition definition(String pairName, Class<T> type, Supplier<@Nullable T> supplier) {
		RootBeanDefinition definition = new RootBeanDefinition(type, supplier);
		definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, pairName));
		definition.setDefaultCandidate(false);
		markNamedPair(definition);
		return definition;
	}

	/**
	 * Mark a definition as a named pair's, so that AOT processing leaves it out.
	 * @param definition the definition
	 * @since 0.1.0
	 */
	public static void markNamedPair(AbstractBeanDefinition definition) {
		definition.setAttribute(ATTRIBUTE, Boolean.TRUE);
	}

}
