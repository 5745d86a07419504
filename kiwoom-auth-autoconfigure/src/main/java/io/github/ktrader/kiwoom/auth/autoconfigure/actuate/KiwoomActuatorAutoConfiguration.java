package io.github.ktrader.kiwoom.auth.autoconfigure.actuate;

import java.util.stream.Stream;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that keeps {@code kiwoom.appkey}, {@code kiwoom.secretkey} and the
 * token masked in the {@code configprops} and {@code env} endpoints, even with
 * {@code show-values: always}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = KiwoomAuthAutoConfiguration.class)
@ConditionalOnClass(SanitizingFunction.class)
public final class KiwoomActuatorAutoConfiguration {

	/**
	 * Backs off only on its own name: {@link SanitizingFunction} beans add up, so a
	 * user's function for other keys must not switch this one off.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "kiwoomSanitizingFunction")
	SanitizingFunction kiwoomSanitizingFunction(ObjectProvider<KiwoomAuthProperties> properties,
			ObjectProvider<KiwoomCredentials> credentials, ObjectProvider<CachingAccessTokenProvider> tokenProvider) {
		return new KiwoomSanitizingFunction(() -> Stream
			.of(keys(properties.getIfAvailable()), keys(credentials.getIfAvailable()),
					token(tokenProvider.getIfAvailable()))
			.flatMap((secrets) -> secrets));
	}

	private static Stream<@Nullable String> keys(@Nullable KiwoomAuthProperties properties) {
		return (properties != null) ? Stream.of(properties.getAppkey(), properties.getSecretkey()) : Stream.empty();
	}

	/**
	 * A user's own credentials bean may hold keys that no property shows.
	 */
	private static Stream<@Nullable String> keys(@Nullable KiwoomCredentials credentials) {
		return (credentials != null) ? Stream.of(credentials.appkey(), credentials.secretkey()) : Stream.empty();
	}

	private static Stream<@Nullable String> token(@Nullable CachingAccessTokenProvider tokenProvider) {
		return (tokenProvider != null) ? tokenProvider.currentToken().map(AccessToken::value).stream() : Stream.empty();
	}

}
