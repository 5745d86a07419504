package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.client.KiwoomAccount;
import io.github.ktrader.kiwoom.auth.client.KiwoomAccounts;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.client.KiwoomRestClientConfigurer;
import io.github.ktrader.kiwoom.auth.client.KiwoomWebClientConfigurer;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEventPublisher;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Gathers the default pair's beans (whatever the application replaced) and the named
 * pairs into one {@link KiwoomAccounts}.
 */
final class KiwoomAccountsFactory {

	private static final boolean WEBFLUX_PRESENT = ClassUtils.isPresent(
			"org.springframework.web.reactive.function.client.WebClient", KiwoomAccountsFactory.class.getClassLoader());

	private KiwoomAccountsFactory() {
	}

	static KiwoomAccounts accounts(KiwoomAuthProperties properties, ListableBeanFactory beanFactory) {
		List<KiwoomAccount> accounts = new ArrayList<>();
		accounts.add(new KiwoomAccount(KiwoomTokenEventPublisher.DEFAULT_ACCOUNT, properties.baseUrl(),
				beanFactory.getBean(KiwoomClient.class), beanFactory.getBean(AccessTokenProvider.class),
				beanFactory.getBean(KiwoomRestClientConfigurer.class), defaultWebClientConfigurer(beanFactory)));
		beanFactory.getBeansOfType(KiwoomPair.class, false, true)
			.values()
			.forEach((pair) -> accounts.add(pair.account()));
		return new KiwoomAccounts(accounts);
	}

	private static Supplier<@Nullable KiwoomWebClientConfigurer> defaultWebClientConfigurer(
			ListableBeanFactory beanFactory) {
		return () -> WEBFLUX_PRESENT ? beanFactory.getBeanProvider(KiwoomWebClientConfigurer.class).getIfAvailable()
				: null;
	}

}
