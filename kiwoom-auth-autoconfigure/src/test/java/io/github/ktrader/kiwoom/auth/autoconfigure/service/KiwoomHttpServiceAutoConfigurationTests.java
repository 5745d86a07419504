package io.github.ktrader.kiwoom.auth.autoconfigure.service;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.client.KiwoomApiException;
import io.github.ktrader.kiwoom.auth.service.KiwoomApi;
import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.KiwoomError;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.RecordedRequest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.AbstractBufferingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KiwoomHttpServiceAutoConfiguration}: an application that declares an
 * {@code @HttpExchange} interface in the {@code kiwoom} group and nothing else.
 */
@ExtendWith(OutputCaptureExtension.class)
class KiwoomHttpServiceAutoConfigurationTests {

	private static final String STOCK_INFO = "/api/dostk/stkinfo";

	private KiwoomSimulator simulator;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.simulator = KiwoomSimulator.start();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, KiwoomHttpServiceAutoConfiguration.class,
							RestClientAutoConfiguration.class, HttpServiceClientAutoConfiguration.class,
							HttpServiceClientPropertiesAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("kiwoom.host=" + this.simulator.url(), "kiwoom.appkey=" + this.simulator.appkey(),
					"kiwoom.secretkey=" + this.simulator.secretkey(), "kiwoom.token.revoke-on-shutdown=false");
	}

	@AfterEach
	void close() {
		this.simulator.faults().clear();
		this.simulator.close();
	}

	@Test
	void kiwoomGroupCallsAreAuthenticatedWithApiIdFromAnnotation() {
		this.contextRunner.withUserConfiguration(KiwoomGroup.class).run((context) -> {
			StockInfo info = context.getBean(StockApi.class).stockInfo(Map.of("stk_cd", "005930"));
			assertThat(info.name()).isEqualTo("삼성전자");
			assertThat(info.price()).isEqualTo("+71000");
			RecordedRequest request = this.simulator.requests(STOCK_INFO).get(0);
			assertThat(request.header("api-id")).isEqualTo("ka10001");
			assertThat(request.header("authorization")).startsWith("Bearer ");
			assertThat(this.simulator.isValid(request.header("authorization").substring(7))).isTrue();
			assertThat(request.header("Content-Type")).startsWith("application/json");
			assertThat(request.chunked()).isFalse();
		});
	}

	@Test
	void annotationOnInterfaceAppliesAndArgumentWins() {
		this.contextRunner.withUserConfiguration(KiwoomGroup.class).run((context) -> {
			ChartApi api = context.getBean(ChartApi.class);
			api.chart(Map.of("stk_cd", "005930", "base_dt", "20251128", "upd_stkpc_tp", "1"));
			api.other("ka10099", Map.of());
			assertThat(this.simulator.requests("/api/dostk/chart").get(0).header("api-id")).isEqualTo("ka10081");
			assertThat(this.simulator.requests("/api/dostk/chart").get(1).header("api-id")).isEqualTo("ka10099");
		});
	}

	@Test
	void recoversFromInvalidatedTokenOnce() {
		this.contextRunner.withUserConfiguration(KiwoomGroup.class).run((context) -> {
			StockApi api = context.getBean(StockApi.class);
			api.stockInfo(Map.of("stk_cd", "005930"));
			this.simulator.invalidateAllTokens();
			assertThat(api.stockInfo(Map.of("stk_cd", "005930")).name()).isEqualTo("삼성전자");
			assertThat(this.simulator.issuedCount()).isEqualTo(2);
			assertThat(this.simulator.requests(STOCK_INFO)).hasSize(3);
		});
	}

	@Test
	void kiwoomErrorRaisesKiwoomApiException() {
		this.contextRunner.withUserConfiguration(KiwoomGroup.class).run((context) -> {
			// Refused on the first send and both re-sends
			this.simulator.faults().next("ka10001", 3).kiwoomError(KiwoomError.RATE_LIMITED);
			assertThatExceptionOfType(KiwoomApiException.class)
				.isThrownBy(() -> context.getBean(StockApi.class).stockInfo(Map.of("stk_cd", "005930")))
				.satisfies((ex) -> {
					assertThat(ex.getApiId()).isEqualTo("ka10001");
					assertThat(ex.getStatus().code()).isEqualTo(1700);
				});
		});
	}

	@Test
	void otherGroupGetsNoToken() {
		this.contextRunner.withUserConfiguration(KiwoomGroup.class, OtherGroup.class)
			.withPropertyValues("spring.http.serviceclient.other.base-url=" + this.simulator.url())
			.run((context) -> {
				context.getBean(StockApi.class).stockInfo(Map.of("stk_cd", "005930"));
				context.getBean(OtherApi.class).stockInfo(Map.of("stk_cd", "005930"));
				assertThat(this.simulator.requests(STOCK_INFO)).hasSize(2);
				RecordedRequest other = this.simulator.requests(STOCK_INFO).get(1);
				assertThat(other.header("authorization")).isNull();
				assertThat(other.header("api-id")).isNull();
			});
	}

	@Test
	void groupNameIsConfigurable() {
		this.contextRunner.withUserConfiguration(OtherGroup.class)
			.withPropertyValues("kiwoom.http-service.group=other")
			.run((context) -> {
				context.getBean(OtherApi.class).stockInfo(Map.of("stk_cd", "005930"));
				assertThat(this.simulator.requests(STOCK_INFO).get(0).header("authorization")).startsWith("Bearer ");
			});
	}

	@Test
	void userBaseUrlWinsOverHostWithWarning(CapturedOutput output) throws IOException {
		try (MockWebServer other = new MockWebServer()) {
			other.start(InetAddress.getLoopbackAddress(), 0);
			other.enqueue(new MockResponse.Builder()
				.body("{\"stk_nm\":\"elsewhere\",\"return_code\":0,\"return_msg\":\"ok\"}")
				.addHeader("Content-Type", "application/json")
				.build());
			String baseUrl = "http://127.0.0.1:" + other.getPort();
			this.contextRunner.withUserConfiguration(KiwoomGroup.class)
				.withPropertyValues("spring.http.serviceclient.kiwoom.base-url=" + baseUrl)
				.run((context) -> {
					assertThat(context.getBean(StockApi.class).stockInfo(Map.of("stk_cd", "005930")).name())
						.isEqualTo("elsewhere");
					mockwebserver3.RecordedRequest request = other.takeRequest();
					assertThat(request.getUrl().encodedPath()).isEqualTo(STOCK_INFO);
					assertThat(request.getHeaders().get("authorization")).startsWith("Bearer ");
					assertThat(request.getHeaders().get("api-id")).isEqualTo("ka10001");
					assertThat(this.simulator.requests(STOCK_INFO)).isEmpty();
					assertThat(this.simulator.issuedCount()).isOne();
				});
		}
		assertThat(output).contains("spring.http.serviceclient.kiwoom.base-url")
			.contains("differs from kiwoom.host")
			.doesNotContain(this.simulator.secretkey());
	}

	@Test
	void sameBaseUrlAsHostLogsNoWarning(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(KiwoomGroup.class)
			.withPropertyValues("spring.http.serviceclient.kiwoom.base-url=" + this.simulator.url() + "/")
			.run((context) -> context.getBean(StockApi.class).stockInfo(Map.of("stk_cd", "005930")));
		assertThat(output).doesNotContain("differs from kiwoom.host");
	}

	@Test
	void userReadTimeoutIsHonoured() {
		this.simulator.faults().delay(Endpoint.DATA, Duration.ofSeconds(5));
		this.contextRunner.withUserConfiguration(KiwoomGroup.class)
			.withPropertyValues("spring.http.serviceclient.kiwoom.read-timeout=300ms")
			.run((context) -> {
				StockApi api = context.getBean(StockApi.class);
				long start = System.nanoTime();
				assertThatExceptionOfType(KiwoomApiException.class)
					.isThrownBy(() -> api.stockInfo(Map.of("stk_cd", "005930")))
					.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.IO_ERROR));
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
			});
	}

	@Test
	void groupWithItsOwnTimeoutsStillSendsTheTokenWithoutAnInterceptorChain() {
		// Any interceptor makes RestClient copy every request (about 4 KB per call).
		this.contextRunner.withUserConfiguration(KiwoomGroup.class, RequestCapture.class)
			.withPropertyValues("spring.http.serviceclient.kiwoom.read-timeout=3s")
			.run((context) -> {
				StockInfo info = context.getBean(StockApi.class).stockInfo(Map.of("stk_cd", "005930"));
				assertThat(info.name()).isEqualTo("삼성전자");
				assertThat(context.getBean(RequestCapture.class).requests).isNotEmpty()
					.allSatisfy(
							(request) -> assertThat(request).isNotInstanceOf(AbstractBufferingClientHttpRequest.class));
				assertThat(this.simulator.requests(STOCK_INFO)).singleElement()
					.satisfies((request) -> assertThat(request.header("authorization")).startsWith("Bearer "));
			});
	}

	@Test
	void kiwoomReadTimeoutAppliesWhenGroupSetsNone() {
		this.simulator.faults().delay(Endpoint.DATA, Duration.ofSeconds(5));
		this.contextRunner.withUserConfiguration(KiwoomGroup.class)
			.withPropertyValues("kiwoom.read-timeout=300ms")
			.run((context) -> assertThatExceptionOfType(KiwoomApiException.class)
				.isThrownBy(() -> context.getBean(StockApi.class).stockInfo(Map.of("stk_cd", "005930")))
				.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.IO_ERROR)));
	}

	@Test
	void backsOffWithoutKiwoomAuthentication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KiwoomHttpServiceAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(KiwoomHttpServiceGroupConfigurer.class));
	}

	record StockInfo(@JsonProperty("stk_nm") String name, @JsonProperty("cur_prc") String price) {

	}

	@HttpExchange("/api/dostk")
	interface StockApi {

		@KiwoomApi("ka10001")
		@PostExchange("/stkinfo")
		StockInfo stockInfo(@RequestBody Map<String, String> body);

	}

	@KiwoomApi("ka10081")
	@HttpExchange("/api/dostk")
	interface ChartApi {

		@PostExchange("/chart")
		Map<String, Object> chart(@RequestBody Map<String, String> body);

		@PostExchange("/chart")
		Map<String, Object> other(@RequestHeader("api-id") String apiId, @RequestBody Map<String, String> body);

	}

	@HttpExchange("/api/dostk")
	interface OtherApi {

		@KiwoomApi("ka10001")
		@PostExchange("/stkinfo")
		Map<String, Object> stockInfo(@RequestBody Map<String, String> body);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "kiwoom", types = { StockApi.class, ChartApi.class })
	static class KiwoomGroup {

	}

	/**
	 * The application's own group configurer, which runs after the starter's and sees
	 * every request its clients make.
	 */
	@Configuration(proxyBeanMethods = false)
	static class RequestCapture implements RestClientHttpServiceGroupConfigurer {

		final List<ClientHttpRequest> requests = new CopyOnWriteArrayList<>();

		@Override
		public void configureGroups(Groups<RestClient.Builder> groups) {
			groups.forEachClient((group, builder) -> builder.requestInitializer(this.requests::add));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "other", types = OtherApi.class)
	static class OtherGroup {

	}

}
