package io.github.ktrader.kiwoom.auth.test;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.ktrader.kiwoom.auth.test.SimulatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for request recording and {@link RecordedRequest}.
 */
class RecordingTests {

	private KiwoomSimulator simulator;

	private SimulatorClient client;

	@BeforeEach
	void start() {
		this.simulator = KiwoomSimulator.start();
		this.client = new SimulatorClient(this.simulator);
	}

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void recordsMethodPathHeadersAndBodyInArrivalOrder() {
		String token = this.client.issueToken();
		this.client.stockInfo(token, "005930");
		List<RecordedRequest> requests = this.simulator.requests();
		assertThat(requests).extracting(RecordedRequest::path).containsExactly("/oauth2/token", "/api/dostk/stkinfo");
		RecordedRequest issue = requests.get(0);
		assertThat(issue.method()).isEqualTo("POST");
		assertThat(issue.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
		assertThat(issue.body())
			.isEqualTo(SimulatorClient.issueBody(this.simulator.appkey(), this.simulator.secretkey()));
		RecordedRequest dataCall = requests.get(1);
		assertThat(dataCall.header("api-id")).isEqualTo("ka10001");
		assertThat(dataCall.header("authorization")).isEqualTo("Bearer " + token);
		assertThat(dataCall.jsonField("stk_cd")).isEqualTo("005930");
	}

	@Test
	void recordsContentLengthOfBufferedBody() {
		this.client.issue();
		RecordedRequest request = this.simulator.requests().get(0);
		assertThat(request.header("Content-Length")).isEqualTo(String.valueOf(request.body().getBytes().length));
		assertThat(request.header("Transfer-Encoding")).isNull();
		assertThat(request.chunked()).isFalse();
		assertThat(request.header("Upgrade")).isNull();
	}

	@Test
	void acceptsAndRecordsChunkedBody() {
		String body = SimulatorClient.issueBody(this.simulator.appkey(), this.simulator.secretkey());
		Response response = this.client.postChunked("/oauth2/token", body);
		assertThat(response.returnCode()).isZero();
		RecordedRequest request = this.simulator.requests().get(0);
		assertThat(request.chunked()).isTrue();
		assertThat(request.header("transfer-encoding")).isEqualTo("chunked");
		assertThat(request.header("Content-Length")).isNull();
		assertThat(request.body()).isEqualTo(body);
	}

	@Test
	void headerLookupIgnoresCase() {
		this.client.post("/api/dostk/stkinfo", "{}", "API-ID", "ka10001");
		RecordedRequest request = this.simulator.requests().get(0);
		assertThat(request.header("api-id")).isEqualTo("ka10001");
		assertThat(request.header("Api-Id")).isEqualTo("ka10001");
		assertThat(request.headers().get("API-ID")).containsExactly("ka10001");
		assertThat(request.header("next-key")).isNull();
	}

	@Test
	void requestsForPathFiltersByPath() {
		this.client.issue();
		this.client.revoke("token");
		this.client.issue();
		assertThat(this.simulator.requests("/oauth2/token")).hasSize(2);
		assertThat(this.simulator.requests("/oauth2/revoke")).singleElement()
			.satisfies((request) -> assertThat(request.jsonField("token")).isEqualTo("token"));
	}

	@Test
	void recordsRequestsToUnknownPaths() {
		this.client.get("/favicon.ico");
		assertThat(this.simulator.requests()).singleElement()
			.satisfies((request) -> assertThat(request.method()).isEqualTo("GET"));
	}

	@Test
	void clearRequestsForgetsRecordedRequests() {
		this.client.issue();
		this.simulator.clearRequests();
		assertThat(this.simulator.requests()).isEmpty();
		this.client.issue();
		assertThat(this.simulator.requests()).hasSize(1);
	}

	@Test
	void jsonFieldReadsTopLevelScalarsOnly() {
		RecordedRequest request = new RecordedRequest("POST", "/api/x", Map.of(),
				"{\"text\":\"a\",\"number\":7,\"flag\":true,\"nothing\":null,\"object\":{\"text\":\"b\"}}");
		assertThat(request.jsonField("text")).isEqualTo("a");
		assertThat(request.jsonField("number")).isEqualTo("7");
		assertThat(request.jsonField("flag")).isEqualTo("true");
		assertThat(request.jsonField("nothing")).isNull();
		assertThat(request.jsonField("object")).isNull();
		assertThat(request.jsonField("missing")).isNull();
	}

	@Test
	void jsonFieldOfNonJsonBodyIsNull() {
		assertThat(new RecordedRequest("POST", "/", Map.of(), "").jsonField("a")).isNull();
		assertThat(new RecordedRequest("POST", "/", Map.of(), "[1]").jsonField("a")).isNull();
	}

	@Test
	void toStringHidesHeadersAndBody() {
		String token = this.client.issueToken();
		this.client.stockInfo(token, "005930");
		assertThat(this.simulator.requests())
			.allSatisfy((request) -> assertThat(request.toString()).doesNotContain(this.simulator.secretkey())
				.doesNotContain(token));
		assertThat(this.simulator.requests().get(0)).hasToString("RecordedRequest[POST /oauth2/token]");
	}

	@Test
	void recordedHeadersCannotBeModified() {
		RecordedRequest request = new RecordedRequest("POST", "/", Map.of("a", List.of("b")), "");
		assertThat(request.headers()).isUnmodifiable();
		assertThat(request.headers().get("a")).isUnmodifiable();
	}

}
