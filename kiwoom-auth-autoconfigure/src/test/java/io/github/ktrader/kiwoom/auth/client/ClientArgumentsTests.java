package io.github.ktrader.kiwoom.auth.client;

import java.time.Instant;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the arguments the client classes refuse, each named in the message.
 */
class ClientArgumentsTests {

	private final RestClient restClient = RestClient.create();

	private final JsonMapper jsonMapper = JsonMapper.shared();

	private final KiwoomCredentials credentials = new KiwoomCredentials("appkey-0123456789", "secret-0123456789");

	private final AccessTokenProvider tokenProvider = () -> new AccessToken("token-0123456789",
			Instant.now().plusSeconds(3600));

	@Test
	void kiwoomClientRefusesMissingParts() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KiwoomClient((RestClient) null, this.jsonMapper))
			.withMessage("RestClient must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new KiwoomClient(this.restClient, null))
			.withMessage("JsonMapper must not be null");
	}

	@Test
	void revokerRefusesMissingParts() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KiwoomTokenRevoker((RestClient) null, this.credentials, this.jsonMapper))
			.withMessage("RestClient must not be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KiwoomTokenRevoker(this.restClient, null, this.jsonMapper))
			.withMessage("Credentials must not be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KiwoomTokenRevoker(this.restClient, this.credentials, null))
			.withMessage("JsonMapper must not be null");
	}

	@Test
	void configurerRefusesMissingParts() {
		KiwoomAuthInterceptor interceptor = new KiwoomAuthInterceptor(this.tokenProvider, this.jsonMapper);
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KiwoomRestClientConfigurer(" ", requestFactory, interceptor))
			.withMessage("Host must not be empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KiwoomRestClientConfigurer("https://api.kiwoom.com", null, interceptor))
			.withMessage("RequestFactory must not be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KiwoomRestClientConfigurer("https://api.kiwoom.com", requestFactory, null))
			.withMessage("AuthInterceptor must not be null");
	}

}
