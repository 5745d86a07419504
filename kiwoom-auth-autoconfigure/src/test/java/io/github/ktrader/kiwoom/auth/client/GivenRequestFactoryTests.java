package io.github.ktrader.kiwoom.auth.client;

import org.junit.jupiter.api.Test;

import org.springframework.http.client.AbstractBufferingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

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
		assertThat(requestWritten()).isNotInstanceOf(AbstractBufferingClientHttpRequest.class);
	}

	@Test
	void nullFactoryFails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.configurer.configure(RestClient.builder(), KiwoomErrors.RAISE, false,
					(ClientHttpRequestFactory) null))
			.withMessage("RequestFactory must not be null");
	}

}
