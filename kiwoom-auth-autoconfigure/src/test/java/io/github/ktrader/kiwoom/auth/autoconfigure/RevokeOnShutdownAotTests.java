package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.util.Map;

import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code kiwoom.token.revoke-on-shutdown} is read when the application runs,
 * not when it is processed ahead of time as {@code spring-boot:process-aot} does.
 */
@CompileWithForkedClassLoader
class RevokeOnShutdownAotTests {

	@Test
	void turnedOffAtRunTimeAfterProcessingWithTheDefault() {
		runProcessed(true, false);
	}

	@Test
	void turnedOnAtRunTimeAfterProcessingWithItOff() {
		runProcessed(false, true);
	}

	@SuppressWarnings("unchecked")
	private void runProcessed(boolean atBuildTime, boolean atRunTime) {
		AnnotationConfigApplicationContext buildContext = new AnnotationConfigApplicationContext();
		TestPropertyValues.of("kiwoom.token.revoke-on-shutdown=" + atBuildTime).applyTo(buildContext);
		buildContext.register(Application.class);
		TestGenerationContext generationContext = new TestGenerationContext(Application.class);
		ClassName initializerName = new ApplicationContextAotGenerator().processAheadOfTime(buildContext,
				generationContext);
		generationContext.writeGeneratedContent();
		TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
			try (KiwoomSimulator kiwoom = KiwoomSimulator.start()) {
				GenericApplicationContext context = new GenericApplicationContext();
				TestPropertyValues
					.of("kiwoom.host=" + kiwoom.url(), "kiwoom.appkey=" + kiwoom.appkey(),
							"kiwoom.secretkey=" + kiwoom.secretkey(), "kiwoom.token.revoke-on-shutdown=" + atRunTime)
					.applyTo(context);
				compiled.getInstance(ApplicationContextInitializer.class, initializerName.toString())
					.initialize(context);
				context.refresh();
				context.getBean(KiwoomClient.class)
					.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
				context.close();
				assertThat(kiwoom.requests("/oauth2/token")).hasSize(1);
				assertThat(kiwoom.requests("/oauth2/revoke")).hasSize(atRunTime ? 1 : 0);
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
			JacksonAutoConfiguration.class })
	static class Application {

	}

}
