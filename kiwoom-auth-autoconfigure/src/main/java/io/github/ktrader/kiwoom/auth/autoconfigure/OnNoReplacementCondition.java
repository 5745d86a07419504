package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.Assert;

/**
 * {@link ConditionalOnNoReplacement @ConditionalOnNoReplacement}: no match when a
 * {@code @Primary} bean of the type is declared.
 */
final class OnNoReplacementCondition extends SpringBootCondition implements ConfigurationCondition {

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnNoReplacement.class.getName());
		Assert.state(attributes != null, "No @ConditionalOnNoReplacement");
		Class<?> type = (Class<?>) attributes.get("value");
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		Assert.state(beanFactory != null, "No bean factory");
		List<String> primaries = Arrays.stream(beanFactory.getBeanNamesForType(type, true, false))
			.filter((name) -> beanFactory.containsBeanDefinition(name)
					&& beanFactory.getBeanDefinition(name).isPrimary())
			.toList();
		if (!primaries.isEmpty()) {
			return ConditionOutcome
				.noMatch("@Primary " + type.getSimpleName() + " " + primaries + " replaces the starter's");
		}
		return ConditionOutcome.match("no @Primary " + type.getSimpleName());
	}

}
