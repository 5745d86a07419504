package io.github.ktrader.kiwoom.auth.autoconfigure.paging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.reactive.KiwoomWebClientAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.service.KiwoomHttpServiceAutoConfiguration;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.client.KiwoomPage;
import io.github.ktrader.kiwoom.auth.client.KiwoomPages;
import io.github.ktrader.kiwoom.auth.client.KiwoomPagingException;
import io.github.ktrader.kiwoom.auth.client.KiwoomReactivePages;
import io.github.ktrader.kiwoom.auth.client.KiwoomWebClientConfigurer;
import io.github.ktrader.kiwoom.auth.service.KiwoomApi;
import io.github.ktrader.kiwoom.auth.service.KiwoomNextKey;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulatorExtension;
import io.github.ktrader.kiwoom.auth.test.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Mono;
import reactor.core.publisher.BaseSubscriber;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A continuous query (ka10081, 연속조회) that fails on its third page resumes from the
 * failure's {@code next-key} on each call path ({@link KiwoomClient}, HTTP service
 * interfaces, WebClient), asking only for the pages it had not read.
 */
@ExtendWith(KiwoomSimulatorExtension.class)
class ResumablePagingTests {

	private static final String CHART = "/api/dostk/chart";

	private static final Map<String, String> REQUEST = Map.of("stk_cd", "005930", "base_dt", "20251128", "upd_stkpc_tp",
			"1");

	private final KiwoomSimulator kiwoom;

	ResumablePagingTests(KiwoomSimulator kiwoom) {
		this.kiwoom = kiwoom;
	}

	@BeforeEach
	void reset() {
		this.kiwoom.faults().clear();
		this.kiwoom.clearRequests();
		// 250 rows, 100 a page: three pages
		this.kiwoom.dailyChart(250, 100);
	}

	private String[] kiwoomProperties() {
		return new String[] { "kiwoom.host=" + this.kiwoom.url(), "kiwoom.appkey=" + this.kiwoom.appkey(),
				"kiwoom.secretkey=" + this.kiwoom.secretkey(), "kiwoom.token.revoke-on-shutdown=false" };
	}

	private ApplicationContextRunner app() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, KiwoomHttpServiceAutoConfiguration.class,
							RestClientAutoConfiguration.class, HttpServiceClientAutoConfiguration.class,
							HttpServiceClientPropertiesAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues(kiwoomProperties())
			.withUserConfiguration(ChartGroup.class);
	}

	private ReactiveWebApplicationContextRunner reactiveApp() {
		return new ReactiveWebApplicationContextRunner()
			.withClassLoader(new FilteredClassLoader("jakarta.servlet", "org.springframework.web.servlet"))
			.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class,
					KiwoomWebClientAutoConfiguration.class, RestClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, ReactiveHttpServiceClientAutoConfiguration.class,
					HttpServiceClientPropertiesAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues(kiwoomProperties())
			.withUserConfiguration(ReactiveChartGroup.class);
	}

	/**
	 * Pages 1 and 2 answer normally, page 3 with HTTP 500 (never re-sent by the starter);
	 * later requests answer normally.
	 */
	private void failThirdPage() {
		this.kiwoom.faults().next("ka10081", 2).delay(Duration.ZERO);
		this.kiwoom.faults().next("ka10081", 1).httpStatus(500);
	}

	private List<@Nullable String> nextKeysSent() {
		return this.kiwoom.requests(CHART).stream().map((request) -> request.header("next-key")).toList();
	}

	private void assertResumedOnlyTheFailedPage(KiwoomPagingException failure) {
		assertThat(failure.getKind()).isEqualTo(KiwoomErrorKind.SERVER_ERROR);
		assertThat(failure.getApiId()).isEqualTo("ka10081");
		assertThat(failure.pagesRead()).isEqualTo(2);
		List<RecordedRequest> requests = this.kiwoom.requests(CHART);
		assertThat(requests).hasSize(4);
		assertThat(requests.get(0).header("cont-yn")).isNull();
		String secondKey = requests.get(1).header("next-key");
		assertThat(secondKey).isEqualTo("00593020251128000100");
		assertThat(failure.resumeKey()).isEqualTo("00593020251128000200");
		// the resumed walk asks for the failed page only: same key, same body
		assertThat(nextKeysSent()).containsExactly(null, secondKey, failure.resumeKey(), failure.resumeKey());
		assertThat(requests.get(3).header("cont-yn")).isEqualTo("Y");
		assertThat(requests.get(3).body()).isEqualTo(requests.get(2).body());
	}

	@Test
	void kiwoomClientWalkResumesFromTheFailure() {
		failThirdPage();
		this.app().run((context) -> {
			KiwoomClient client = context.getBean(KiwoomClient.class);
			List<Row> rows = new ArrayList<>();
			KiwoomPagingException failure = catchPaging(() -> client.postPages("ka10081", CHART, REQUEST, Chart.class)
				.forEach((chart) -> rows.addAll(chart.rows())));
			assertThat(rows).hasSize(200);
			client.postPages("ka10081", CHART, REQUEST, Chart.class, failure.resumeKey(), 10)
				.forEach((chart) -> rows.addAll(chart.rows()));
			assertThat(rows).hasSize(250).extracting(Row::date).doesNotHaveDuplicates();
			assertResumedOnlyTheFailedPage(failure);
		});
	}

	@Test
	void kiwoomClientWalkFailingOnItsFirstPageHasNoResumeKey() {
		this.kiwoom.faults().next("ka10081", 1).httpStatus(500);
		this.app().run((context) -> {
			KiwoomClient client = context.getBean(KiwoomClient.class);
			KiwoomPagingException failure = catchPaging(
					() -> client.postPages("ka10081", CHART, REQUEST, Chart.class).toList());
			assertThat(failure.pagesRead()).isZero();
			assertThat(failure.resumeKey()).isNull();
			assertThat(client.postPages("ka10081", CHART, REQUEST, Chart.class, failure.resumeKey(), 10)).hasSize(3);
		});
	}

	@Test
	void httpServiceWalkResumesFromTheFailure() {
		failThirdPage();
		this.app().run((context) -> {
			ChartApi api = context.getBean(ChartApi.class);
			List<Row> rows = new ArrayList<>();
			KiwoomPagingException failure = catchPaging(
					() -> KiwoomPages.stream(null, 10, (nextKey) -> api.dailyChart(REQUEST, nextKey))
						.forEach((page) -> rows.addAll(page.body().rows())));
			assertThat(rows).hasSize(200);
			List<KiwoomPage<Chart>> rest = KiwoomPages
				.stream(failure.resumeKey(), 10, (nextKey) -> api.dailyChart(REQUEST, nextKey))
				.toList();
			assertThat(rest).hasSize(1);
			assertThat(rest.get(0).contYn()).isEqualTo("N");
			assertThat(rest.get(0).body().rows()).hasSize(50);
			assertResumedOnlyTheFailedPage(failure);
		});
	}

	@Test
	void httpServicePageCarriesTheAnswersPagingHeaders() {
		this.app().run((context) -> {
			KiwoomPage<Chart> first = context.getBean(ChartApi.class).dailyChart(REQUEST, null);
			assertThat(first.contYn()).isEqualTo("Y");
			assertThat(first.nextKey()).isEqualTo("00593020251128000100");
			assertThat(first.body().rows()).hasSize(100);
			RecordedRequest request = this.kiwoom.requests(CHART).get(0);
			assertThat(request.header("api-id")).isEqualTo("ka10081");
			assertThat(request.header("cont-yn")).isNull();
			assertThat(request.header("next-key")).isNull();
		});
	}

	@Test
	void webClientWalkResumesFromTheFailure() {
		failThirdPage();
		this.reactiveApp().run((context) -> {
			WebClient webClient = kiwoomWebClient(context);
			List<Row> rows = new ArrayList<>();
			KiwoomPagingException failure = catchPaging(
					() -> KiwoomReactivePages.postPages(webClient, "ka10081", CHART, REQUEST, Chart.class, null, 10)
						.doOnNext((page) -> rows.addAll(page.body().rows()))
						.blockLast(Duration.ofSeconds(10)));
			assertThat(rows).hasSize(200);
			List<KiwoomPage<Chart>> rest = KiwoomReactivePages
				.postPages(webClient, "ka10081", CHART, REQUEST, Chart.class, failure.resumeKey(), 10)
				.collectList()
				.block(Duration.ofSeconds(10));
			assertThat(rest).hasSize(1);
			assertThat(rest.get(0).body().rows()).hasSize(50);
			assertResumedOnlyTheFailedPage(failure);
		});
	}

	@Test
	void reactiveHttpServiceWalkResumesFromTheFailure() {
		failThirdPage();
		this.reactiveApp().run((context) -> {
			ReactiveChartApi api = context.getBean(ReactiveChartApi.class);
			KiwoomPagingException failure = catchPaging(
					() -> KiwoomReactivePages.pages(null, 10, (nextKey) -> api.dailyChart(REQUEST, nextKey))
						.blockLast(Duration.ofSeconds(10)));
			List<KiwoomPage<Chart>> rest = KiwoomReactivePages
				.pages(failure.resumeKey(), 10, (nextKey) -> api.dailyChart(REQUEST, nextKey))
				.collectList()
				.block(Duration.ofSeconds(10));
			assertThat(rest).singleElement().satisfies((page) -> assertThat(page.contYn()).isEqualTo("N"));
			assertResumedOnlyTheFailedPage(failure);
		});
	}

	@Test
	void webClientServiceMethodReturningAPageBlocks() {
		this.reactiveApp().run((context) -> {
			KiwoomPage<Chart> second = context.getBean(ReactiveChartApi.class)
				.blockingDailyChart(REQUEST, "00593020251128000100");
			assertThat(second.body().rows()).hasSize(100);
			assertThat(second.nextKey()).isEqualTo("00593020251128000200");
			assertThat(this.kiwoom.requests(CHART).get(0).header("cont-yn")).isEqualTo("Y");
		});
	}

	@Test
	void webClientWalkAsksForAPageOnlyWhenTheSubscriberDoes() {
		this.reactiveApp().run((context) -> {
			WebClient webClient = kiwoomWebClient(context);
			Pages pages = new Pages();
			KiwoomReactivePages.postPages(webClient, "ka10081", CHART, REQUEST, Chart.class, null, 10).subscribe(pages);
			await().during(Duration.ofMillis(200)).until(() -> this.kiwoom.requests(CHART).isEmpty());
			pages.request(1);
			await().until(() -> pages.received.size() == 1);
			await().during(Duration.ofMillis(300)).until(() -> this.kiwoom.requests(CHART).size() == 1);
			pages.request(1);
			await().until(() -> pages.received.size() == 2);
			assertThat(nextKeysSent()).containsExactly(null, "00593020251128000100");
			pages.cancel();
		});
	}

	private static WebClient kiwoomWebClient(AssertableReactiveWebApplicationContext context) {
		return context.getBean(KiwoomWebClientConfigurer.class)
			.configure(context.getBean(WebClient.Builder.class))
			.build();
	}

	private static KiwoomPagingException catchPaging(Runnable walk) {
		return assertThatExceptionOfType(KiwoomPagingException.class).isThrownBy(walk::run).actual();
	}

	/**
	 * Subscriber that asks for nothing until told to.
	 */
	static final class Pages extends BaseSubscriber<KiwoomPage<Chart>> {

		private final List<KiwoomPage<Chart>> received = new CopyOnWriteArrayList<>();

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
		}

		@Override
		protected void hookOnNext(KiwoomPage<Chart> page) {
			this.received.add(page);
		}

	}

	record Chart(@JsonProperty("stk_dt_pole_chart_qry") List<Row> rows) {

	}

	record Row(@JsonProperty("dt") String date, @JsonProperty("cur_prc") String close) {

	}

	@HttpExchange("/api/dostk")
	interface ChartApi {

		@KiwoomApi("ka10081")
		@PostExchange("/chart")
		KiwoomPage<Chart> dailyChart(@RequestBody Map<String, String> request, @KiwoomNextKey @Nullable String nextKey);

	}

	@HttpExchange("/api/dostk")
	interface ReactiveChartApi {

		@KiwoomApi("ka10081")
		@PostExchange("/chart")
		Mono<KiwoomPage<Chart>> dailyChart(@RequestBody Map<String, String> request,
				@KiwoomNextKey @Nullable String nextKey);

		@KiwoomApi("ka10081")
		@PostExchange("/chart")
		KiwoomPage<Chart> blockingDailyChart(@RequestBody Map<String, String> request,
				@KiwoomNextKey @Nullable String nextKey);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "kiwoom", types = ChartApi.class)
	static class ChartGroup {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "kiwoom", types = ReactiveChartApi.class,
			clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class ReactiveChartGroup {

	}

}
