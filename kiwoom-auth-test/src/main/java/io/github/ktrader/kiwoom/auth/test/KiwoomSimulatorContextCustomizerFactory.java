package io.github.ktrader.kiwoom.auth.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Creates a {@link KiwoomSimulatorContextCustomizer} for test classes annotated with
 * {@link AutoConfigureKiwoomSimulator}, directly, on a superclass or on an enclosing
 * class.
 */
class KiwoomSimulatorContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureKiwoomSimulator annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureKiwoomSimulator.class);
		return (annotation != null) ? new KiwoomSimulatorContextCustomizer(annotation.appkey(), annotation.secretkey(),
				annotation.reissueBehavior(), List.of(annotation.accounts())) : null;
	}

}
