package io.github.ktrader.kiwoom.auth.client;

import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Ready-made client for Kiwoom's data calls (TRs): base URL {@code kiwoom.host}, JSON,
 * and {@code authorization: Bearer <token>} on every request. <pre class="code">
 * StockInfo info = kiwoomClient.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), StockInfo.class);
 * </pre> For paging headers ({@code cont-yn}, {@code next-key}) or anything else,
 * {@link #restClient()} is the underlying client with the same authentication.
 *
 * @since 0.1.0
 */
public final class KiwoomClient {

	/**
	 * Header that names the TR.
	 */
	public static final String API_ID = "api-id";

	private final Supplier<RestClient> restClient;

	private final JsonMapper jsonMapper;

	private final KiwoomStatusReader statusReader;

	/**
	 * Create a client.
	 * @param restClient a client configured by {@link KiwoomRestClientConfigurer}
	 * @param jsonMapper the mapper for request and answer bodies
	 */
	public KiwoomClient(RestClient restClient, JsonMapper jsonMapper) {
		this(KiwoomTokenIssuer.supplier(restClient), jsonMapper);
	}

	/**
	 * Create a client whose {@link RestClient} is built on first use, so that startup
	 * pays nothing for it.
	 * @param restClient supplies a client configured by
	 * {@link KiwoomRestClientConfigurer}; called once per call, so it should cache what
	 * it builds
	 * @param jsonMapper the mapper for request and answer bodies
	 */
	public KiwoomClient(Supplier<RestClient> restClient, JsonMapper jsonMapper) {
		Assert.notNull(restClient, "RestClient must not be null");
		Assert.notNull(jsonMapper, "JsonMapper must not be null");
		this.restClient = restClient;
		this.jsonMapper = jsonMapper;
		this.statusReader = new KiwoomStatusReader(jsonMapper);
	}

	/**
	 * Return the underlying client, with Kiwoom's base URL and authentication.
	 * @return the client
	 */
	public RestClient restClient() {
		return this.restClient.get();
	}

	/**
	 * Call a TR and bind its answer.
	 * @param <T> the answer type
	 * @param apiId the TR id, sent as the {@code api-id} header
	 * @param path the path, such as {@code /api/dostk/stkinfo}
	 * @param body the request body, written as JSON
	 * @param responseType the type to bind the answer to
	 * @return the answer
	 * @throws KiwoomApiException if Kiwoom answered with an error, also after a retry
	 * with a new token, or gave no answer in time
	 */
	public <T> T post(String apiId, String path, Object body, Class<T> responseType) {
		Assert.hasText(apiId, "ApiId must not be empty");
		Assert.hasText(path, "Path must not be empty");
		byte[] requestBody = this.jsonMapper.writeValueAsBytes(body);
		try {
			return exchange(apiId, path, requestBody, responseType);
		}
		catch (ResourceAccessException ex) {
			throw new KiwoomApiException(apiId, path, ex);
		}
	}

	private <T> T exchange(String apiId, String path, byte[] requestBody, Class<T> responseType) {
		return this.restClient.get()
			.post()
			.uri(path)
			.header(API_ID, apiId)
			.body(requestBody)
			.exchange((request, response) -> {
				byte[] answer = StreamUtils.copyToByteArray(response.getBody());
				KiwoomStatus status = this.statusReader.read(response.getStatusCode().value(), answer);
				if (!status.isSuccess()) {
					throw new KiwoomApiException(apiId, path, status);
				}
				return this.jsonMapper.readValue(answer, responseType);
			}, true);
	}

}
