package io.github.ktrader.kiwoom.auth.test;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.Assert;

/**
 * Starts a {@link KiwoomSimulator} for an application context, publishes its address and
 * keys as {@code kiwoom.*} properties, and registers it as a bean that closes with the
 * context.
 * <p>
 * Equality follows the annotation's attributes, so Spring's context cache reuses a
 * context for test classes that ask for the same simulator.
 */
final class KiwoomSimulatorContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = "kiwoomSimulator";

	static final String PROPERTY_SOURCE_NAME = "kiwoomSimulator";

	private final String appkey;

	private final String secretkey;

	private final ReissueBehavior reissueBehavior;

	KiwoomSimulatorContextCustomizer(String appkey, String secretkey, ReissueBehavior reissueBehavior) {
		this.appkey = appkey;
		this.secretkey = secretkey;
		this.reissueBehavior = reissueBehavior;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		Assert.isInstanceOf(BeanDefinitionRegistry.class, context,
				"@AutoConfigureKiwoomSimulator needs an application context that is a BeanDefinitionRegistry");
		KiwoomSimulator simulator = startSimulator();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of("kiwoom.host", simulator.url(),
					"kiwoom.appkey", simulator.appkey(), "kiwoom.secretkey", simulator.secretkey())));
		RootBeanDefinition definition = new RootBeanDefinition(KiwoomSimulator.class, () -> simulator);
		definition.setDestroyMethodName("close");
		((BeanDefinitionRegistry) context).registerBeanDefinition(BEAN_NAME, definition);
	}

	private KiwoomSimulator startSimulator() {
		KiwoomSimulator.Builder builder = KiwoomSimulator.builder().reissueBehavior(this.reissueBehavior);
		if (!this.appkey.isEmpty()) {
			builder.appkey(this.appkey);
		}
		if (!this.secretkey.isEmpty()) {
			builder.secretkey(this.secretkey);
		}
		return builder.start();
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		if (this == obj) {
			return true;
		}
		if (obj == null || getClass() != obj.getClass()) {
			return false;
		}
		KiwoomSimulatorContextCustomizer other = (KiwoomSimulatorContextCustomizer) obj;
		return this.appkey.equals(other.appkey) && this.secretkey.equals(other.secretkey)
				&& this.reissueBehavior == other.reissueBehavior;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.appkey, this.secretkey, this.reissueBehavior);
	}

	@Override
	public String toString() {
		return "KiwoomSimulatorContextCustomizer[reissueBehavior=" + this.reissueBehavior + "]";
	}

}
