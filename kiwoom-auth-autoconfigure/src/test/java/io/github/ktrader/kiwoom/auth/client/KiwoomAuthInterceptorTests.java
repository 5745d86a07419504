package io.github.ktrader.kiwoom.auth.client;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

/**
 * Tests for {@link KiwoomAuthInterceptor}: on a client whose request factory the
 * configurer keeps, and added by hand to a plain {@code RestClient}.
 */
class KiwoomAuthInterceptorTests extends AuthorizedCallTests {

	@Override
	RestClient.Builder configure(KiwoomRestClientConfigurer configurer) {
		RestClient.Builder builder = RestClient.builder()
			.requestFactory(KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT));
		return configurer.configure(builder, KiwoomErrors.RAISE, false, true);
	}

	@Test
	void interceptorAddedByHandSendsTokenAndRecovers() throws Exception {
		this.server.enqueue(KiwoomHttpTestSupport.json(REJECTED_8005));
		this.server.enqueue(KiwoomHttpTestSupport.json(OK_BODY));
		RestClient client = RestClient.builder()
			.baseUrl(KiwoomHttpTestSupport.baseUrl(this.server))
			.requestFactory(KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT))
			.requestInterceptor(new KiwoomAuthInterceptor(this.tokenProvider, JsonMapper.shared()))
			.build();
		String answer = client.post()
			.uri(PATH)
			.header("api-id", "ka10001")
			.header("content-type", KiwoomHttpTestSupport.JSON_UTF8)
			.body(REQUEST_BODY)
			.retrieve()
			.body(String.class);
		assertThat(answer).isEqualTo(OK_BODY);
		assertThat(take(this.server).getHeaders().get("authorization")).isEqualTo("Bearer token-1");
		assertThat(take(this.server).getHeaders().get("authorization")).isEqualTo("Bearer token-2");
	}

	@Test
	void mockRestServiceServerBoundBeforeConfigureSeesTokenAndRecovery() {
		RestClient.Builder builder = RestClient.builder();
		MockRestServiceServer mock = MockRestServiceServer.bindTo(builder).build();
		RestClient client = new KiwoomRestClientConfigurer("https://api.kiwoom.com",
				KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT),
				new KiwoomAuthInterceptor(this.tokenProvider, JsonMapper.shared()))
			.configure(builder, KiwoomErrors.RAISE, false, true)
			.build();
		mock.expect(requestTo("https://api.kiwoom.com" + PATH))
			.andExpect(header("authorization", "Bearer token-1"))
			.andRespond(withSuccess(REJECTED_8005, MediaType.APPLICATION_JSON));
		mock.expect(requestTo("https://api.kiwoom.com" + PATH))
			.andExpect(header("authorization", "Bearer token-2"))
			.andRespond(withSuccess(OK_BODY, MediaType.APPLICATION_JSON));
		String answer = client.post()
			.uri(PATH)
			.header("api-id", "ka10001")
			.body(REQUEST_BODY)
			.retrieve()
			.body(String.class);
		assertThat(answer).isEqualTo(OK_BODY);
		mock.verify();
	}

	@Test
	void createWithNullArgumentsFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KiwoomAuthInterceptor(null, JsonMapper.shared()))
			.withMessage("TokenProvider must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new KiwoomAuthInterceptor(this.tokenProvider, null))
			.withMessage("JsonMapper must not be null");
	}

}
