package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.TokenIssuer;
import io.github.ktrader.kiwoom.auth.TokenRevoker;
import io.github.ktrader.kiwoom.auth.client.KiwoomAuthInterceptor;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEventPublisher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;

/**
 * Logs a WARN for each of the default pair's beans that backed off for a bean of the
 * application's that is not marked {@code @Primary}: such a bean may have been meant for
 * another key pair, and the default pair's calls now go through it.
 */
final class KiwoomBackOffReporter implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(KiwoomBackOffReporter.class);

	private static final Map<Class<?>, String> STARTER_BEANS = starterBeans();

	private final ConfigurableListableBeanFactory beanFactory;

	KiwoomBackOffReporter(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	private static Map<Class<?>, String> starterBeans() {
		Map<Class<?>, String> beans = new LinkedHashMap<>();
		beans.put(KiwoomCredentials.class, "kiwoomCredentials");
		beans.put(TokenIssuer.class, "kiwoomTokenIssuer");
		beans.put(TokenRevoker.class, "kiwoomTokenRevoker");
		beans.put(AccessTokenProvider.class, "kiwoomAccessTokenProvider");
		beans.put(KiwoomAuthInterceptor.class, "kiwoomAuthInterceptor");
		beans.put(RevokeTokenOnCloseLifecycle.class, "kiwoomRevokeTokenOnCloseLifecycle");
		beans.put(KiwoomTokenEventPublisher.class, "kiwoomTokenEventPublisher");
		return beans;
	}

	@Override
	public void afterSingletonsInstantiated() {
		STARTER_BEANS.forEach((type, starterName) -> {
			if (!this.beanFactory.containsBeanDefinition(starterName)) {
				List<String> unmarked = unmarkedReplacements(type);
				if (!unmarked.isEmpty()) {
					logger.warn(message(type, unmarked));
				}
			}
		});
	}

	List<String> unmarkedReplacements(Class<?> type) {
		return Arrays.stream(this.beanFactory.getBeanNamesForType(type, true, false))
			.filter(this.beanFactory::containsBeanDefinition)
			.filter((name) -> {
				BeanDefinition definition = this.beanFactory.getBeanDefinition(name);
				return !definition.isPrimary() && isDefaultCandidate(definition);
			})
			.toList();
	}

	private static boolean isDefaultCandidate(BeanDefinition definition) {
		return !(definition instanceof AbstractBeanDefinition abstractDefinition)
				|| abstractDefinition.isDefaultCandidate();
	}

	static String message(Class<?> type, List<String> beanNames) {
		return "Kiwoom: the default key pair's " + type.getSimpleName()
				+ " (kiwoom.*) backed off for the application's " + ((beanNames.size() == 1) ? "bean " : "beans ")
				+ beanNames
				+ ", so the default pair's calls now use it. If it replaces the starter's on purpose, mark it @Primary;"
				+ " if it is meant for another key pair, declare that pair under kiwoom.accounts.<name> instead";
	}

}
