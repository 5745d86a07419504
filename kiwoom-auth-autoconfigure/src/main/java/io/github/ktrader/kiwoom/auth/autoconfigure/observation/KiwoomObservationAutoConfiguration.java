package io.github.ktrader.kiwoom.auth.autoconfigure.observation;

import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that runs au10001 and au10002 inside Micrometer observations when
 * an {@link ObservationRegistry} bean exists.
 *
 * @since 0.1.0
 * @see io.github.ktrader.kiwoom.auth.observation.KiwoomObservations
 */
@AutoConfiguration(before = KiwoomAuthAutoConfiguration.class)
@ConditionalOnClass(ObservationRegistry.class)
public final class KiwoomObservationAutoConfiguration {

	/**
	 * Static, and the registry looked up on each call, so that neither this
	 * post-processor nor the registry is created early.
	 */
	@Bean
	static KiwoomObservationPostProcessor kiwoomObservationPostProcessor(ListableBeanFactory beanFactory,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		return new KiwoomObservationPostProcessor(beanFactory, observationRegistry);
	}

}
