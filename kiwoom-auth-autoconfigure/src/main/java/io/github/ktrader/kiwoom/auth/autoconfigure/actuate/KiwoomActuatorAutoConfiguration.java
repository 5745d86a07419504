package io.github.ktrader.kiwoom.auth.autoconfigure.actuate;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that keeps every key pair's appkey and secretkey, default and named
 * ({@code kiwoom.accounts.<name>.*}), and their current tokens masked in the
 * {@code configprops} and {@code env} endpoints, even with {@code show-values: always}
 * and under whatever other property holds them.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = KiwoomAuthAutoConfiguration.class)
@ConditionalOnClass(SanitizingFunction.class)
public final class KiwoomActuatorAutoConfiguration {

	private static final String ACCOUNTS = "kiwoom.accounts";

	/**
	 * Backs off only on its own name: {@link SanitizingFunction} beans add up, so a
	 * user's function for other keys must not switch this one off.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "kiwoomSanitizingFunction")
	SanitizingFunction kiwoomSanitizingFunction(ListableBeanFactory beanFactory, Environment environment) {
		// Every pair's keys, as bound: a key set through ${ANOTHER_PROPERTY} shows there
		// in clear otherwise. Looked up once, when first needed (the function runs for
		// every property shown); tokens change, so are read each time
		SingletonSupplier<List<@Nullable String>> keys = SingletonSupplier
			.of(() -> Stream.of(boundKeys(beanFactory, environment), credentialBeans(beanFactory))
				.flatMap((secrets) -> secrets)
				.toList());
		// By type, not injected: named pairs' providers are no default candidates
		SingletonSupplier<Collection<CachingAccessTokenProvider>> providers = SingletonSupplier
			.of(() -> beanFactory.getBeansOfType(CachingAccessTokenProvider.class).values());
		return new KiwoomSanitizingFunction(() -> Stream.concat(keys.obtain().stream(),
				providers.obtain()
					.stream()
					.flatMap((provider) -> provider.currentToken().map(AccessToken::value).stream())));
	}

	/**
	 * The default pair's keys and every named pair's ({@code kiwoom.accounts.<name>.*}).
	 */
	private static Stream<@Nullable String> boundKeys(ListableBeanFactory beanFactory, Environment environment) {
		Stream<KiwoomAuthProperties> defaultPair = beanFactory.getBeansOfType(KiwoomAuthProperties.class)
			.values()
			.stream();
		Stream<KiwoomAuthProperties> namedPairs = Binder.get(environment)
			.bind(ACCOUNTS, Bindable.mapOf(String.class, KiwoomAuthProperties.class))
			.orElse(Map.of())
			.values()
			.stream();
		return Stream.concat(defaultPair, namedPairs)
			.flatMap((pair) -> Stream.of(pair.getAppkey(), pair.getSecretkey()));
	}

	/**
	 * A user's own credentials beans may hold keys that no property shows.
	 */
	private static Stream<@Nullable String> credentialBeans(ListableBeanFactory beanFactory) {
		return beanFactory.getBeansOfType(KiwoomCredentials.class)
			.values()
			.stream()
			.flatMap((credentials) -> Stream.of(credentials.appkey(), credentials.secretkey()));
	}

}
