package io.github.ktrader.kiwoom.auth.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
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

	private final List<String> accounts;

	KiwoomSimulatorContextCustomizer(String appkey, String secretkey, ReissueBehavior reissueBehavior) {
		this(appkey, secretkey, reissueBehavior, List.of());
	}

	KiwoomSimulatorContextCustomizer(String appkey, String secretkey, ReissueBehavior reissueBehavior,
			List<String> accounts) {
		this.appkey = appkey;
		this.secretkey = secretkey;
		this.reissueBehavior = reissueBehavior;
		this.accounts = List.copyOf(accounts);
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		Assert.isInstanceOf(BeanDefinitionRegistry.class, context,
				"@AutoConfigureKiwoomSimulator needs an application context that is a BeanDefinitionRegistry");
		KiwoomSimulator simulator = startSimulator();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("kiwoom.host", simulator.url());
		properties.put("kiwoom.appkey", simulator.appkey());
		properties.put("kiwoom.secretkey", simulator.secretkey());
		properties.put("kiwoom.realtime.url", simulator.realtimeUrl());
		BeanDefinitionRegistry registry = (BeanDefinitionRegistry) context;
		RootBeanDefinition definition = new RootBeanDefinition(KiwoomSimulator.class, () -> simulator);
		definition.setDestroyMethodName("close");
		registry.registerBeanDefinition(BEAN_NAME, definition);
		for (String account : this.accounts) {
			KiwoomSimulator named = KiwoomSimulator.builder().reissueBehavior(this.reissueBehavior).start();
			String prefix = "kiwoom.accounts." + account + ".";
			properties.put(prefix + "host", named.url());
			properties.put(prefix + "appkey", named.appkey());
			properties.put(prefix + "secretkey", named.secretkey());
			properties.put(prefix + "realtime.url", named.realtimeUrl());
			RootBeanDefinition namedDefinition = new RootBeanDefinition(KiwoomSimulator.class, () -> named);
			namedDefinition.setDestroyMethodName("close");
			namedDefinition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, account));
			namedDefinition.setDefaultCandidate(false);
			registry.registerBeanDefinition(BEAN_NAME + "." + account, namedDefinition);
		}
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
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
				&& this.reissueBehavior == other.reissueBehavior && this.accounts.equals(other.accounts);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.appkey, this.secretkey, this.reissueBehavior, this.accounts);
	}

	@Override
	public String toString() {
		return "KiwoomSimulatorContextCustomizer[reissueBehavior=" + this.reissueBehavior + ", accounts="
				+ this.accounts + "]";
	}

}
