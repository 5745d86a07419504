package io.github.ktrader.kiwoom.auth.autoconfigure.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that answers a
 * {@link io.github.ktrader.kiwoom.auth.KiwoomException} escaping a controller with an RFC
 * 9457 problem detail, in Spring MVC and WebFlux applications. On unless
 * {@code kiwoom.problem-details.enabled=false}.
 *
 * @since 0.1.0
 * @see io.github.ktrader.kiwoom.auth.web.KiwoomProblemDetails
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "kiwoom.problem-details.enabled", matchIfMissing = true)
public final class KiwoomProblemDetailsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean
		KiwoomExceptionHandler kiwoomExceptionHandler() {
			return new KiwoomExceptionHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.reactive.DispatcherHandler")
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		KiwoomExceptionHandler kiwoomExceptionHandler() {
			return new KiwoomExceptionHandler();
		}

	}

}
