package io.github.ktrader.kiwoom.auth.test;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KiwoomSimulatorContextCustomizerFactory} and
 * {@link KiwoomSimulatorContextCustomizer}.
 */
class KiwoomSimulatorContextCustomizerTests {

	private final KiwoomSimulatorContextCustomizerFactory factory = new KiwoomSimulatorContextCustomizerFactory();

	@Test
	void factoryIgnoresTestClassWithoutAnnotation() {
		assertThat(customizerFor(NotAnnotated.class)).isNull();
	}

	@Test
	void factoryFindsAnnotationOnClassSuperclassAndEnclosingClass() {
		assertThat(customizerFor(Annotated.class)).isNotNull();
		assertThat(customizerFor(InheritsAnnotation.class)).isEqualTo(customizerFor(Annotated.class));
		assertThat(customizerFor(Annotated.Inner.class)).isEqualTo(customizerFor(Annotated.class));
	}

	@Test
	void customizersForSameAttributesAreEqualSoTheContextIsCached() {
		ContextCustomizer first = customizerFor(Annotated.class);
		ContextCustomizer second = customizerFor(AlsoAnnotated.class);
		assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
		assertThat(first).isNotEqualTo(customizerFor(OtherKeys.class));
		assertThat(first).isNotEqualTo(customizerFor(OtherBehavior.class));
	}

	@Test
	void toStringHidesKeys() {
		assertThat(customizerFor(OtherKeys.class).toString()).doesNotContain("other-secret");
	}

	@Test
	void customizerPublishesPropertiesAndBeanThatClosesWithTheContext() {
		ContextCustomizer customizer = customizerFor(OtherKeys.class);
		KiwoomSimulator simulator;
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.getEnvironment().getSystemProperties().put("kiwoom.host", "https://api.kiwoom.com");
			customizer.customizeContext(context, new MergedContextConfiguration(getClass(), null, null, null, null));
			context.refresh();
			simulator = context.getBean(KiwoomSimulator.class);
			assertThat(context.getEnvironment().getProperty("kiwoom.host")).isEqualTo(simulator.url());
			assertThat(context.getEnvironment().getProperty("kiwoom.appkey")).isEqualTo("other-app");
			assertThat(context.getEnvironment().getProperty("kiwoom.secretkey")).isEqualTo("other-secret");
			assertThat(context.getEnvironment().getProperty("kiwoom.realtime.url")).isEqualTo(simulator.realtimeUrl());
			assertThat(new SimulatorClient(simulator).issue().returnCode()).isZero();
		}
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> new SimulatorClient(simulator).issue());
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> RealtimeClient.connect(simulator));
	}

	private ContextCustomizer customizerFor(Class<?> testClass) {
		return this.factory.createContextCustomizer(testClass, List.of());
	}

	static class NotAnnotated {

	}

	@AutoConfigureKiwoomSimulator
	static class Annotated {

		@Nested
		class Inner {

		}

	}

	@AutoConfigureKiwoomSimulator
	static class AlsoAnnotated {

	}

	static class InheritsAnnotation extends Annotated {

	}

	@AutoConfigureKiwoomSimulator(appkey = "other-app", secretkey = "other-secret")
	static class OtherKeys {

	}

	@AutoConfigureKiwoomSimulator(reissueBehavior = ReissueBehavior.FRESH_KILLS_OLD)
	static class OtherBehavior {

	}

}
