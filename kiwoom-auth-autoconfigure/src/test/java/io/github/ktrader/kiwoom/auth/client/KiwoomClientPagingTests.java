package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.baseUrl;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.bodyOf;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the paging calls of {@link KiwoomClient} ({@code cont-yn} /
 * {@code next-key}).
 */
class KiwoomClientPagingTests {

	private static final String PATH = "/api/dostk/chart";

	private static final Map<String, String> REQUEST = Map.of("stk_cd", "005930", "base_dt", "20251128", "upd_stkpc_tp",
			"1");

	private MockWebServer server;

	private SequentialTokenProvider tokenProvider;

	private KiwoomClient client;

	@BeforeEach
	void setUp() throws IOException {
		this.server = KiwoomHttpTestSupport.startServer();
		this.tokenProvider = new SequentialTokenProvider();
		this.client = new KiwoomClient(new KiwoomRestClientConfigurer(baseUrl(this.server),
				KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT),
				new KiwoomAuthInterceptor(this.tokenProvider, JsonMapper.shared()))
			.configure(RestClient.builder())
			.build(), JsonMapper.shared());
	}

	@AfterEach
	void closeServer() {
		this.server.close();
	}

	@Test
	void firstPageSendsNoPagingHeadersAndReturnsTheAnswers() throws Exception {
		this.server.enqueue(page("20251128", "Y", "KEY-1"));
		KiwoomPage<Chart> page = this.client.postPage("ka10081", PATH, REQUEST, Chart.class, null);
		assertThat(page.body().rows()).extracting(Row::date).containsExactly("20251128");
		assertThat(page.contYn()).isEqualTo("Y");
		assertThat(page.nextKey()).isEqualTo("KEY-1");
		assertThat(page.hasNext()).isTrue();
		RecordedRequest request = take(this.server);
		assertThat(request.getHeaders().get("api-id")).isEqualTo("ka10081");
		assertThat(request.getHeaders().get("cont-yn")).isNull();
		assertThat(request.getHeaders().get("next-key")).isNull();
	}

	@Test
	void nextPageSendsContYnAndNextKey() throws Exception {
		this.server.enqueue(page("20251127", "N", null));
		KiwoomPage<Chart> page = this.client.postPage("ka10081", PATH, REQUEST, Chart.class, "KEY-1");
		assertThat(page.hasNext()).isFalse();
		RecordedRequest request = take(this.server);
		assertThat(request.getHeaders().get(KiwoomClient.CONT_YN)).isEqualTo("Y");
		assertThat(request.getHeaders().get(KiwoomClient.NEXT_KEY)).isEqualTo("KEY-1");
	}

	@Test
	void postPagesWalksAllPagesOneCallEach() throws Exception {
		this.server.enqueue(page("20251128", "Y", "KEY-1"));
		this.server.enqueue(page("20251127", "Y", "KEY-2"));
		this.server.enqueue(page("20251126", "N", null));
		List<String> dates = this.client.postPages("ka10081", PATH, REQUEST, Chart.class)
			.flatMap((chart) -> chart.rows().stream())
			.map(Row::date)
			.toList();
		assertThat(dates).containsExactly("20251128", "20251127", "20251126");
		assertThat(this.server.getRequestCount()).isEqualTo(3);
		RecordedRequest first = take(this.server);
		RecordedRequest second = take(this.server);
		RecordedRequest third = take(this.server);
		assertThat(first.getHeaders().get("next-key")).isNull();
		assertThat(second.getHeaders().get("cont-yn")).isEqualTo("Y");
		assertThat(second.getHeaders().get("next-key")).isEqualTo("KEY-1");
		assertThat(third.getHeaders().get("cont-yn")).isEqualTo("Y");
		assertThat(third.getHeaders().get("next-key")).isEqualTo("KEY-2");
		assertThat(List.of(bodyOf(first), bodyOf(second), bodyOf(third))).as("the same request body on every page")
			.containsOnly(bodyOf(first));
	}

	@Test
	void postPagesIsLazy() {
		this.server.enqueue(page("20251128", "Y", "KEY-1"));
		this.server.enqueue(page("20251127", "Y", "KEY-2"));
		Chart first = this.client.postPages("ka10081", PATH, REQUEST, Chart.class).findFirst().orElseThrow();
		assertThat(first.rows()).extracting(Row::date).containsExactly("20251128");
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void postPagesStopsAtTheLimit() {
		this.server.enqueue(page("20251128", "Y", "KEY-1"));
		this.server.enqueue(page("20251127", "Y", "KEY-2"));
		this.server.enqueue(page("20251126", "Y", "KEY-3"));
		assertThat(this.client.postPages("ka10081", PATH, REQUEST, Chart.class, 2)).hasSize(2);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void postPagesRaisesTheFailedPage() {
		this.server.enqueue(page("20251128", "Y", "KEY-1"));
		this.server.enqueue(KiwoomHttpTestSupport
			.json("{\"return_code\":2,\"return_msg\":\"입력 값 오류입니다[1511:필수 입력 값에 값이 존재하지 않습니다]\"}"));
		assertThatExceptionOfType(KiwoomApiException.class)
			.isThrownBy(() -> this.client.postPages("ka10081", PATH, REQUEST, Chart.class).toList())
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.OTHER))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(1511));
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void failedWalkCarriesThePagesReadAndTheKeyToResumeFrom() {
		this.server.enqueue(page("20251128", "Y", "KEY-1"));
		this.server.enqueue(page("20251127", "Y", "KEY-2"));
		this.server.enqueue(new MockResponse.Builder().code(500).build());
		List<String> dates = new ArrayList<>();
		assertThatExceptionOfType(KiwoomPagingException.class)
			.isThrownBy(() -> this.client.postPages("ka10081", PATH, REQUEST, Chart.class)
				.forEach((chart) -> chart.rows().forEach((row) -> dates.add(row.date()))))
			.satisfies((ex) -> assertThat(ex.pagesRead()).isEqualTo(2))
			.satisfies((ex) -> assertThat(ex.resumeKey()).isEqualTo("KEY-2"))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.SERVER_ERROR))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("KEY-2"));
		assertThat(dates).containsExactly("20251128", "20251127");
	}

	@Test
	void pageRejectedForItsTokenIsRetriedWithTheSamePagingHeaders() throws Exception {
		this.server.enqueue(
				KiwoomHttpTestSupport.json("{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8005:Token이 유효하지 않습니다]\"}"));
		this.server.enqueue(page("20251127", "N", null));
		this.client.postPage("ka10081", PATH, REQUEST, Chart.class, "KEY-1");
		take(this.server);
		RecordedRequest retry = take(this.server);
		assertThat(retry.getHeaders().get("authorization")).isEqualTo("Bearer token-2");
		assertThat(retry.getHeaders().get("next-key")).isEqualTo("KEY-1");
	}

	private static MockResponse page(String date, String contYn, String nextKey) {
		MockResponse.Builder builder = new MockResponse.Builder().code(200)
			.setHeader("Content-Type", KiwoomHttpTestSupport.JSON_UTF8)
			.setHeader("api-id", "ka10081")
			.setHeader("cont-yn", contYn)
			.body("{\"stk_cd\":\"005930\",\"stk_dt_pole_chart_qry\":[{\"dt\":\"" + date
					+ "\",\"cur_prc\":\"+71000\"}],\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}");
		if (nextKey != null) {
			builder.setHeader("next-key", nextKey);
		}
		return builder.build();
	}

	record Chart(@JsonProperty("stk_dt_pole_chart_qry") List<Row> rows) {

	}

	record Row(@JsonProperty("dt") String date, @JsonProperty("cur_prc") String close) {

	}

}
