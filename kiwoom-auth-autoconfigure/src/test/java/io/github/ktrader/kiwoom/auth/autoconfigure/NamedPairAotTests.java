package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.util.Map;

import io.github.ktrader.kiwoom.auth.client.KiwoomAccounts;
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
 * Tests that a named key pair ({@code kiwoom.accounts.<name>}) survives processing ahead
 * of time, as {@code spring-boot:process-aot} does for a native image, and takes its
 * settings from the properties the processed application runs with.
 */
@CompileWithForkedClassLoader
class NamedPairAotTests {

	@Test
	void namedPairWorksAfterProcessingAheadOfTime() {
		AnnotationConfigApplicationContext buildContext = new AnnotationConfigApplicationContext();
		TestPropertyValues
			.of("kiwoom.accounts.mock.host=https://mockapi.kiwoom.com", "kiwoom.accounts.mock.appkey=build-appkey",
					"kiwoom.accounts.mock.secretkey=build-secretkey")
			.applyTo(buildContext);
		buildContext.register(Application.class);
		TestGenerationContext generationContext = new TestGenerationContext(Application.class);
		ClassName initializerName = new ApplicationContextAotGenerator().processAheadOfTime(buildContext,
				generationContext);
		generationContext.writeGeneratedContent();
		TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
			try (KiwoomSimulator real = KiwoomSimulator.start(); KiwoomSimulator mock = KiwoomSimulator.start()) {
				GenericApplicationContext context = new GenericApplicationContext();
				TestPropertyValues
					.of("kiwoom.host=" + real.url(), "kiwoom.appkey=" + real.appkey(),
							"kiwoom.secretkey=" + real.secretkey(), "kiwoom.accounts.mock.host=" + mock.url(),
							"kiwoom.accounts.mock.appkey=" + mock.appkey(),
							"kiwoom.accounts.mock.secretkey=" + mock.secretkey())
					.applyTo(context);
				compiled.getInstance(ApplicationContextInitializer.class, initializerName.toString())
					.initialize(context);
				context.refresh();
				Map<?, ?> info = context.getBean(KiwoomAccounts.class)
					.get("mock")
					.client()
					.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
				assertThat(info.get("stk_nm")).isEqualTo("삼성전자");
				context.close();
				// The run-time keys and host, not the build-time ones; revoked on close
				assertThat(mock.requests("/oauth2/token")).hasSize(1);
				assertThat(mock.requests("/api/dostk/stkinfo")).hasSize(1);
				assertThat(mock.requests("/oauth2/revoke")).hasSize(1);
				assertThat(real.requests("/oauth2/token")).isEmpty();
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
			JacksonAutoConfiguration.class })
	static class Application {

	}

}
