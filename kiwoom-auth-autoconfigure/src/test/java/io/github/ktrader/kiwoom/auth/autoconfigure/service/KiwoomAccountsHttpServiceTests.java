package io.github.ktrader.kiwoom.auth.autoconfigure.service;

import java.util.Map;

import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.service.KiwoomHttpServiceAutoConfigurationTests.StockApi;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.service.registry.HttpServiceProxyRegistry;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP service group bound to a named key pair with
 * {@code kiwoom.accounts.<name>.http-service-group}.
 */
class KiwoomAccountsHttpServiceTests {

	private final KiwoomSimulator real = KiwoomSimulator.builder()
		.appkey("REAL-APPKEY-aaaaaaaaaaaa")
		.secretkey("REAL-SECRET-ssssssssssss")
		.start();

	private final KiwoomSimulator mock = KiwoomSimulator.builder()
		.appkey("MOCK-APPKEY-bbbbbbbbbbbb")
		.secretkey("MOCK-SECRET-tttttttttttt")
		.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, KiwoomHttpServiceAutoConfiguration.class,
						RestClientAutoConfiguration.class, HttpServiceClientAutoConfiguration.class,
						HttpServiceClientPropertiesAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withUserConfiguration(TwoGroups.class)
		.withPropertyValues("kiwoom.host=" + this.real.url(), "kiwoom.appkey=" + this.real.appkey(),
				"kiwoom.secretkey=" + this.real.secretkey(), "kiwoom.token.revoke-on-shutdown=false",
				"kiwoom.accounts.mock.host=" + this.mock.url(), "kiwoom.accounts.mock.appkey=" + this.mock.appkey(),
				"kiwoom.accounts.mock.secretkey=" + this.mock.secretkey());

	@AfterEach
	void stop() {
		this.real.close();
		this.mock.close();
	}

	@Test
	void groupBoundToANamedPairCallsItsHostWithItsToken() {
		this.contextRunner.withPropertyValues("kiwoom.accounts.mock.http-service-group=mockApi").run((context) -> {
			HttpServiceProxyRegistry registry = context.getBean(HttpServiceProxyRegistry.class);
			assertThat(registry.getClient("kiwoom", StockApi.class).stockInfo(Map.of("stk_cd", "005930")).name())
				.isEqualTo("삼성전자");
			assertThat(registry.getClient("mockApi", StockApi.class).stockInfo(Map.of("stk_cd", "000660")).name())
				.isEqualTo("SK하이닉스");
		});
		assertThat(this.real.requests("/api/dostk/stkinfo")).singleElement()
			.satisfies((request) -> assertThat(request.jsonField("stk_cd")).isEqualTo("005930"));
		assertThat(this.mock.requests("/api/dostk/stkinfo")).singleElement().satisfies((request) -> {
			assertThat(request.jsonField("stk_cd")).isEqualTo("000660");
			assertThat(request.header("api-id")).isEqualTo("ka10001");
			assertThat(request.header("authorization")).startsWith("Bearer ");
		});
		assertThat(this.mock.requests("/oauth2/token")).singleElement()
			.satisfies((issue) -> assertThat(issue.jsonField("appkey")).isEqualTo(this.mock.appkey()));
	}

	@Test
	void groupOfTheDefaultPairCannotBeBoundToANamedPair() {
		this.contextRunner.withPropertyValues("kiwoom.accounts.mock.http-service-group=kiwoom")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("kiwoom.accounts.mock.http-service-group")
				.hasMessageContaining("kiwoom.http-service.group"));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "kiwoom", types = StockApi.class)
	@ImportHttpServices(group = "mockApi", types = StockApi.class)
	static class TwoGroups {

	}

}
