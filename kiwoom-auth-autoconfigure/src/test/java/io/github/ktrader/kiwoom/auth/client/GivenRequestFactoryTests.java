package io.github.ktrader.kiwoom.auth.client;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.http.client.AbstractBufferingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static io.github.ktrader.kiwoom.auth.client.KiwoomHttpTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link KiwoomRestClientConfigurer} given a request factory of the
 * application's own, which it wraps as it wraps Kiwoom's.
 */
class GivenRequestFactoryTests extends AuthorizedCallTests {

	private KiwoomRestClientConfigurer configurer;

	@Override
	RestClient.Builder configure(KiwoomRestClientConfigurer configurer) {
		this.configurer = configurer;
		return configurer.configure(RestClient.builder(), KiwoomErrors.RAISE, false,
				KiwoomHttpTestSupport.requestFactory(KiwoomHttpTestSupport.READ_TIMEOUT));
	}

	@Test
	void givenFactoryIsWrappedWithoutAnInterceptorChain() {
		this.server.enqueue(json(OK_BODY));
		AtomicReference<ClientHttpRequest> sent = new AtomicReference<>();
		this.restClient.post()
			.uri(PATH)
			.header("api-id", "ka10001")
			.body(REQUEST_BODY)
			.httpRequest(sent::set)
			.retrieve()
			.body(String.class);
		assertThat(sent.get()).isNotInstanceOf(AbstractBufferingClientHttpRequest.class);
	}

	@Test
	void nullFactoryFails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.configurer.configure(RestClient.builder(), KiwoomErrors.RAISE, false,
					(ClientHttpRequestFactory) null))
			.withMessage("RequestFactory must not be null");
	}

}
