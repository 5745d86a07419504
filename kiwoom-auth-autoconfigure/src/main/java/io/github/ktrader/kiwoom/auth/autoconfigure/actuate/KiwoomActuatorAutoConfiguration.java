package io.github.ktrader.kiwoom.auth.autoconfigure.actuate;

import java.util.stream.Stream;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
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
			ObjectProvider<CachingAccessTokenProvider> tokenProvider) {
		return new KiwoomSanitizingFunction(() -> secrets(properties.getIfAvailable(), tokenProvider.getIfAvailable()));
	}

	private static Stream<@Nullable String> secrets(@Nullable KiwoomAuthProperties properties,
			@Nullable CachingAccessTokenProvider tokenProvider) {
		Stream<@Nullable String> keys = (properties != null)
				? Stream.of(properties.getAppkey(), properties.getSecretkey()) : Stream.empty();
		Stream<@Nullable String> token = (tokenProvider != null)
				? tokenProvider.currentToken().map(AccessToken::value).stream() : Stream.empty();
		return Stream.concat(keys, token);
	}

}
