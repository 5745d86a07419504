package io.github.ktrader.kiwoom.auth.benchmarks;

import java.time.Duration;
import java.time.Instant;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.client.KiwoomAuthInterceptor;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.client.KiwoomRestClientConfigurer;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.client.RestClient;

/**
 * The clients the whole-call benchmarks compare, each built from its own
 * {@code RestClient.Builder} of one application context (Boot's prototype builder, so the
 * same converters and customizations) and all on one request factory.
 * <ul>
 * <li><b>floor</b>: a fixed {@code authorization} header, nothing else;</li>
 * <li><b>kiwoom-auth</b>: the client an application gets from the auto-configured
 * {@link KiwoomRestClientConfigurer} and {@link KiwoomAuthInterceptor}, and a
 * {@link KiwoomClient} on it, built as the auto-configuration builds its own;</li>
 * <li><b>Spring Security</b>: {@link OAuth2ClientHttpRequestInterceptor} over an
 * {@link AuthorizedClientServiceOAuth2AuthorizedClientManager} that holds a cached
 * {@code client_credentials} token.</li>
 * </ul>
 * A fourth client, the <b>interceptor floor</b>, sets the same fixed header from a
 * {@code ClientHttpRequestInterceptor} that does nothing else: what any interceptor costs
 * a {@code RestClient} (it then buffers the request body), whoever writes it.
 * <p>
 * Only the request factory differs from what the auto-configuration builds, so that the
 * network stays out of the figures. If the configurer's or client's construction changes
 * in the product, change it here too.
 */
final class WholeCallClients implements AutoCloseable {

	static final String HOST = "http://127.0.0.1:1";

	private static final String REGISTRATION_ID = "kiwoom";

	private final ConfigurableApplicationContext context;

	final RestClient floor;

	final RestClient interceptorFloor;

	final RestClient kiwoomAuth;

	final KiwoomClient kiwoomClient;

	final RestClient springSecurity;

	private WholeCallClients(ConfigurableApplicationContext context, ClientHttpRequestFactory requestFactory) {
		this.context = context;
		this.floor = builder().baseUrl(HOST)
			.requestFactory(requestFactory)
			.defaultHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
			.defaultHeader("authorization", "Bearer fixed-benchmark-token")
			.build();
		this.interceptorFloor = builder().baseUrl(HOST)
			.requestFactory(requestFactory)
			.defaultHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
			.requestInterceptor((request, body, execution) -> {
				request.getHeaders().set("authorization", "Bearer fixed-benchmark-token");
				return execution.execute(request, body);
			})
			.build();
		// As the auto-configuration builds it, the application's JsonMapper included
		JsonMapper jsonMapper = context.getBeanProvider(JsonMapper.class).getIfAvailable(JsonMapper::shared);
		KiwoomRestClientConfigurer configurer = new KiwoomRestClientConfigurer(HOST, requestFactory,
				context.getBean(KiwoomAuthInterceptor.class), jsonMapper);
		this.kiwoomAuth = configurer.configure(builder()).build();
		this.kiwoomClient = new KiwoomClient(configurer.configure(builder()).build(), jsonMapper);
		OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(
				springSecurityManager());
		// A constant id, as an application with one registration would set it; the
		// default resolver reads a request attribute that every call would have to set.
		interceptor.setClientRegistrationIdResolver((request) -> REGISTRATION_ID);
		this.springSecurity = builder().baseUrl(HOST)
			.requestFactory(requestFactory)
			.defaultHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
			.requestInterceptor(interceptor)
			.build();
	}

	/**
	 * Start an application whose starter holds a valid token, issued by a loopback server
	 * that is closed again at once, and build the three clients on the given request
	 * factory.
	 */
	static WholeCallClients start(ClientHttpRequestFactory requestFactory) throws Exception {
		try (LoopbackKiwoom kiwoom = LoopbackKiwoom.start()) {
			ConfigurableApplicationContext context = MinimalApplication
				.builder(true, "kiwoom.host=" + kiwoom.baseUrl(), "kiwoom.token.revoke-on-shutdown=false")
				.run();
			// Issue now, so that the calls measured only read the cached token.
			context.getBean(AccessTokenProvider.class).getAccessToken();
			return new WholeCallClients(context, requestFactory);
		}
	}

	/**
	 * Return the pacing the starter's clients reserve their permits from.
	 */
	KiwoomRateLimiter rateLimiter() {
		return this.context.getBean(KiwoomRateLimiter.class);
	}

	private RestClient.Builder builder() {
		return this.context.getBean(RestClient.Builder.class);
	}

	private static AuthorizedClientServiceOAuth2AuthorizedClientManager springSecurityManager() {
		ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.clientId("benchmark-appkey")
			.clientSecret("benchmark-secretkey")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(HOST + "/oauth2/token")
			.build();
		InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
		InMemoryOAuth2AuthorizedClientService clients = new InMemoryOAuth2AuthorizedClientService(registrations);
		// With no security context, the interceptor authorizes as Spring Security's
		// anonymous user, so the cached client is saved under that name.
		AnonymousAuthenticationToken anonymous = new AnonymousAuthenticationToken("anonymous", "anonymousUser",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
		Instant now = Instant.now();
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "spring-security-token",
				now, now.plus(Duration.ofHours(24)));
		clients.saveAuthorizedClient(new OAuth2AuthorizedClient(registration, anonymous.getName(), token), anonymous);
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, clients);
		manager
			.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
		return manager;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
