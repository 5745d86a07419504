package io.github.ktrader.kiwoom.auth.autoconfigure.web;

import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link KiwoomProblemDetailsAutoConfiguration} in a Spring MVC application: a
 * {@link KiwoomException} escaping a controller becomes a problem detail.
 */
@ExtendWith(KiwoomSimulatorExtension.class)
class KiwoomProblemDetailsMvcTests {

	private final KiwoomSimulator kiwoom;

	private WebApplicationContextRunner contextRunner;

	KiwoomProblemDetailsMvcTests(KiwoomSimulator kiwoom) {
		this.kiwoom = kiwoom;
	}

	@BeforeEach
	void setUp() {
		this.kiwoom.faults().clear();
		this.kiwoom.clearRequests();
		this.contextRunner = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class,
					KiwoomProblemDetailsAutoConfiguration.class, RestClientAutoConfiguration.class,
					JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
					WebMvcAutoConfiguration.class))
			.withPropertyValues("kiwoom.host=" + this.kiwoom.url(), "kiwoom.appkey=" + this.kiwoom.appkey(),
					"kiwoom.secretkey=" + this.kiwoom.secretkey(), "kiwoom.token.revoke-on-shutdown=false")
			.withUserConfiguration(ProblemDetailsTestController.class);
	}

	private static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).build();
	}

	@Test
	void trRefusedByKiwoomIs502WithKiwoomsCodeAndNoSecret() {
		this.contextRunner.run((context) -> {
			MvcResult result = mvc(context).perform(get("/quote/999999"))
				.andExpect(status().isBadGateway())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.status").value(502))
				.andExpect(jsonPath("$.kind").value("OTHER"))
				.andExpect(jsonPath("$.apiId").value("ka10001"))
				.andExpect(jsonPath("$.kiwoomCode").value(1902))
				.andExpect(jsonPath("$.kiwoomMessage").value("입력 값 오류입니다[1902:종목정보가 없습니다]"))
				.andExpect(jsonPath("$.instance").value("/quote/999999"))
				.andReturn();
			String token = this.kiwoom.requests("/api/dostk/stkinfo").get(0).header("authorization").substring(7);
			assertThat(result.getResponse().getContentAsString()).doesNotContain(token, this.kiwoom.appkey(),
					this.kiwoom.secretkey());
		});
	}

	@Test
	void noTokenIs503AndNamesNoKey() {
		this.contextRunner.withPropertyValues("kiwoom.secretkey=wrong-secret-key-0123456789").run((context) -> {
			MvcResult result = mvc(context).perform(get("/quote/005930"))
				.andExpect(status().isServiceUnavailable())
				.andExpect(jsonPath("$.kind").value("INVALID_CREDENTIALS"))
				.andExpect(jsonPath("$.apiId").value("au10001"))
				.andReturn();
			assertThat(result.getResponse().getContentAsString()).doesNotContain(this.kiwoom.appkey(),
					"wrong-secret-key-0123456789", this.kiwoom.secretkey());
		});
	}

	@Test
	void rateLimitedIs429WithRetryAfter() {
		this.contextRunner.run((context) -> mvc(context).perform(get("/rate-limited"))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "3"))
			.andExpect(jsonPath("$.kiwoomCode").value(1700)));
	}

	@Test
	void timeoutIs504() {
		this.contextRunner.run((context) -> mvc(context).perform(get("/timeout"))
			.andExpect(status().isGatewayTimeout())
			.andExpect(jsonPath("$.kind").value("IO_ERROR")));
	}

	@Test
	void applicationsOwnExceptionHandlerWins() {
		this.contextRunner.withUserConfiguration(OwnExceptionHandler.class)
			.run((context) -> mvc(context).perform(get("/rate-limited"))
				.andExpect(status().isIAmATeapot())
				.andExpect(content().string("own")));
	}

	@Test
	void offWithTheProperty() {
		this.contextRunner.withPropertyValues("kiwoom.problem-details.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(KiwoomExceptionHandler.class);
			assertThatException().isThrownBy(() -> mvc(context).perform(get("/rate-limited")))
				.withRootCauseInstanceOf(KiwoomException.class);
		});
	}

	@Test
	void backsOffWithoutSpringMvc() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.withConfiguration(AutoConfigurations.of(KiwoomProblemDetailsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(KiwoomExceptionHandler.class));
	}

	@Test
	void backsOffOutsideAWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KiwoomProblemDetailsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(KiwoomExceptionHandler.class));
	}

}
