package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.Secrets;
import io.github.ktrader.kiwoom.auth.client.KiwoomAccount;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.client.KiwoomRestClientConfigurer;
import io.github.ktrader.kiwoom.auth.client.KiwoomWebClientConfigurer;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEventPublisher;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Registers the beans of every named key pair ({@code kiwoom.accounts.<name>}): its
 * client, token provider and configurers, each with a qualifier equal to the pair's name
 * and none a default candidate, so that injection by type keeps getting the default
 * pair's. Runs after the configuration classes are read, so the default pair's
 * {@code @ConditionalOnMissingBean} never sees a named pair's beans.
 */
final class KiwoomAccountsRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

	static final String PREFIX = "kiwoom.accounts";

	private static final boolean WEBFLUX_PRESENT = ClassUtils.isPresent(
			"org.springframework.web.reactive.function.client.WebClient",
			KiwoomAccountsRegistrar.class.getClassLoader());

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		Environment environment = this.environment;
		Assert.state(environment != null, "No environment");
		Assert.state(registry instanceof ListableBeanFactory, "Registry must be a ListableBeanFactory");
		ListableBeanFactory beanFactory = (ListableBeanFactory) registry;
		for (String name : names(environment)) {
			String pairBean = "kiwoomPair." + name;
			RootBeanDefinition pair = new RootBeanDefinition(KiwoomPair.class,
					() -> new KiwoomPair(name, bind(environment, name), beanFactory));
			pair.setDependsOn("kiwoomTokenRenewalScheduler");
			pair.setAutowireCandidate(false);
			pair.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
			NamedPairBeans.markNamedPair(pair);
			registry.registerBeanDefinition(pairBean, pair);
			Supplier<KiwoomPair> pairOf = () -> beanFactory.getBean(pairBean, KiwoomPair.class);
			register(registry, "kiwoomClient." + name, name, pairBean, KiwoomClient.class, () -> pairOf.get().client());
			register(registry, "kiwoomAccessTokenProvider." + name, name, pairBean, CachingAccessTokenProvider.class,
					() -> pairOf.get().tokenProvider());
			register(registry, "kiwoomRestClientConfigurer." + name, name, pairBean, KiwoomRestClientConfigurer.class,
					() -> pairOf.get().restClientConfigurer());
			register(registry, "kiwoomAccount." + name, name, pairBean, KiwoomAccount.class,
					() -> pairOf.get().account());
			if (WEBFLUX_PRESENT) {
				register(registry, "kiwoomWebClientConfigurer." + name, name, pairBean, KiwoomWebClientConfigurer.class,
						() -> pairOf.get().webClientConfigurer());
			}
		}
	}

	/**
	 * A view of the pair's own bean: no destroy method, the pair closes what it built.
	 */
	private static <T> void register(BeanDefinitionRegistry registry, String beanName, String pairName, String pairBean,
			Class<T> type, Supplier<@Nullable T> supplier) {
		RootBeanDefinition definition = NamedPairBeans.definition(pairName, type, supplier);
		definition.setDependsOn(pairBean);
		definition.setDestroyMethodName("");
		registry.registerBeanDefinition(beanName, definition);
	}

	/**
	 * Return the names under {@code kiwoom.accounts}, in the order they are declared.
	 * @param environment the environment
	 * @return the names
	 */
	static Set<String> names(Environment environment) {
		return names(Binder.get(environment));
	}

	private static Set<String> names(Binder binder) {
		Set<String> names = binder.bind(PREFIX, Bindable.mapOf(String.class, KiwoomAuthProperties.class))
			.map((accounts) -> (Set<String>) new LinkedHashSet<>(accounts.keySet()))
			.orElse(Collections.emptySet());
		if (names.contains(KiwoomTokenEventPublisher.DEFAULT_ACCOUNT)) {
			throw new InvalidConfigurationPropertyValueException(
					PREFIX + "." + KiwoomTokenEventPublisher.DEFAULT_ACCOUNT, "default",
					"The name 'default' is the key pair set with kiwoom.*; give this pair another name.");
		}
		return names;
	}

	/**
	 * Bind a named pair onto the default pair's settings, so that it inherits every one
	 * it does not set, except its keys: two pairs on one app key would take each other's
	 * token away.
	 * @param environment the environment
	 * @param name the pair's name
	 * @return the pair's settings, validated under its own prefix
	 */
	static KiwoomAuthProperties bind(Environment environment, String name) {
		Binder binder = Binder.get(environment);
		KiwoomAuthProperties settings = withBase(binder);
		String prefix = PREFIX + "." + name;
		binder.bind(prefix, Bindable.ofInstance(settings));
		new KiwoomPropertiesValidator(prefix, environment).validate(settings);
		rejectSharedKey(binder, name, settings);
		return settings;
	}

	/**
	 * One app key holds one token at a time: a second pair on the same host and key would
	 * issue a token that kills the first one's.
	 */
	private static void rejectSharedKey(Binder binder, String name, KiwoomAuthProperties settings) {
		KiwoomAuthProperties base = binder.bind("kiwoom", KiwoomAuthProperties.class)
			.orElseGet(KiwoomAuthProperties::new);
		if (sameKey(base, settings)) {
			throw sharedKey(name, settings, "kiwoom.appkey");
		}
		for (String other : names(binder)) {
			if (other.equals(name)) {
				break;
			}
			KiwoomAuthProperties earlier = binder.bind(PREFIX + "." + other, Bindable.ofInstance(withBase(binder)))
				.orElseGet(KiwoomAuthProperties::new);
			if (sameKey(earlier, settings)) {
				throw sharedKey(name, settings, PREFIX + "." + other + ".appkey");
			}
		}
	}

	/**
	 * The default pair's settings without its keys: what a named pair starts from.
	 */
	private static KiwoomAuthProperties withBase(Binder binder) {
		KiwoomAuthProperties settings = binder.bind("kiwoom", KiwoomAuthProperties.class)
			.orElseGet(KiwoomAuthProperties::new);
		settings.setAppkey(null);
		settings.setSecretkey(null);
		return settings;
	}

	private static boolean sameKey(KiwoomAuthProperties a, KiwoomAuthProperties b) {
		return a.getAppkey() != null && a.getAppkey().equals(b.getAppkey())
				&& a.baseUrl().equalsIgnoreCase(b.baseUrl());
	}

	private static InvalidConfigurationPropertyValueException sharedKey(String name, KiwoomAuthProperties settings,
			String otherKey) {
		return new InvalidConfigurationPropertyValueException(PREFIX + "." + name + ".appkey",
				Secrets.mask(settings.getAppkey()),
				"It is the app key of " + otherKey + " on the same host (" + settings.baseUrl()
						+ "): Kiwoom keeps one token per app key, so the two pairs would revoke each other's token."
						+ " Give each pair its own key, or inject the other pair's beans instead.");
	}

	@Override
	public String toString() {
		return "KiwoomAccountsRegistrar";
	}

}
