package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.AbstractBufferingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.json;
import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link KiwoomRequestFactory}, the way {@link KiwoomRestClientConfigurer}
 * sends the token by default.
 */
class KiwoomRequestFactoryTests extends AuthorizedCallTests {

	@Override
	RestClient.Builder configure(KiwoomRestClientConfigurer configurer) {
		return configurer.configure(RestClient.builder());
	}

	@Test
	void configuredClientSendsThroughKiwoomRequestWithoutAnInterceptorChain() {
		// Any interceptor makes RestClient copy every request (about 4 KB per call).
		assertThat(requestWritten()).isNotInstanceOf(AbstractBufferingClientHttpRequest.class);
	}

	@Test
	void answerReadAfterItWasClosedFailsInsteadOfShowingAnotherCallsBytes() throws Exception {
		this.server.enqueue(json(OK_BODY));
		this.server.enqueue(json("{\"stk_cd\":\"000660\",\"return_code\":0,\"return_msg\":\"second\"}"));
		InputStream early = this.restClient.post()
			.uri(PATH)
			.header("api-id", "ka10001")
			.body(REQUEST_BODY)
			.exchange((request, response) -> {
				InputStream body = response.getBody();
				response.close();
				return body;
			});
		// The next call most likely borrows the very buffer the first one gave back.
		assertThat(call()).contains("000660");
		assertThatIOException().isThrownBy(early::read).withMessageContaining(PATH);
		assertThatIOException().isThrownBy(() -> early.read(new byte[16], 0, 16));
	}

	@Test
	void applicationInterceptorAddedAfterConfigureNeverSeesTheTokenWhichIsStillSentAndRecovered() throws Exception {
		this.server.enqueue(json(REJECTED_8005));
		this.server.enqueue(json(OK_BODY));
		List<String> seen = new ArrayList<>();
		RestClient client = this.restClient.mutate().requestInterceptor((request, body, execution) -> {
			seen.add(String.valueOf(request.getHeaders().getFirst("authorization")));
			return execution.execute(request, body);
		}).build();
		String answer = client.post()
			.uri(PATH)
			.header("api-id", "ka10001")
			.body(REQUEST_BODY)
			.retrieve()
			.body(String.class);
		assertThat(answer).isEqualTo(OK_BODY);
		assertThat(seen).containsExactly("null");
		RecordedRequest first = take(this.server);
		RecordedRequest retry = take(this.server);
		assertThat(first.getHeaders().get("authorization")).isEqualTo("Bearer token-1");
		assertThat(retry.getHeaders().get("authorization")).isEqualTo("Bearer token-2");
		KiwoomHttpTestSupport.assertSentLikeKiwoomExamples(retry);
		assertThat(KiwoomHttpTestSupport.bodyOf(retry)).isEqualTo(REQUEST_BODY);
	}

	@Test
	void getSendsNoBody() throws Exception {
		this.server.enqueue(json(OK_BODY));
		String answer = this.restClient.get().uri(PATH).retrieve().body(String.class);
		assertThat(answer).isEqualTo(OK_BODY);
		RecordedRequest request = take(this.server);
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getBodySize()).isZero();
		assertThat(request.getHeaders().get("authorization")).isEqualTo("Bearer token-1");
	}

	@Test
	void requestCannotBeExecutedTwice() throws IOException {
		ClientHttpRequestFactory factory = new KiwoomAuthInterceptor(this.tokenProvider, JsonMapper.shared())
			.requestFactory(KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT));
		this.server.enqueue(json(OK_BODY));
		ClientHttpRequest request = factory.createRequest(URI.create(KiwoomHttpTestSupport.baseUrl(this.server) + PATH),
				HttpMethod.GET);
		request.execute().close();
		assertThatIllegalStateException().isThrownBy(request::execute);
		assertThatIllegalStateException().isThrownBy(request::getBody);
	}

}
