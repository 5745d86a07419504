package io.github.ktrader.kiwoom.auth.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Cost of getting a valid, cached token: kiwoom-auth's provider against Spring Security's
 * OAuth2 client manager with a cached {@code client_credentials} token, in the same run.
 * Neither side makes an HTTP call.
 * <p>
 * Every method returns the token value, the string that goes into the
 * {@code authorization} header, so both sides do the whole lookup. Two baselines give
 * scale: a volatile read (what the provider should cost) and
 * {@link System#currentTimeMillis()} (what any expiry check against the clock costs).
 *
 * @since 0.1.0
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class TokenLookupBenchmark {

	private static final String REGISTRATION_ID = "kiwoom";

	private static final String PRINCIPAL = "kiwoom-auth";

	private ThreadPoolTaskScheduler scheduler;

	private CachingAccessTokenProvider provider;

	private AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

	private OAuth2AuthorizeRequest authorizeRequest;

	private volatile String volatileToken = "baseline-token";

	/**
	 * Issue the starter's token and save Spring Security's, both valid for 24 hours.
	 */
	@Setup
	public void setUp() {
		this.scheduler = new ThreadPoolTaskScheduler();
		this.scheduler.setDaemon(true);
		this.scheduler.initialize();
		this.provider = new CachingAccessTokenProvider(
				() -> new AccessToken("kiwoom-auth-token", Instant.now().plus(Duration.ofHours(24))), this.scheduler,
				Clock.systemUTC(), Duration.ofMinutes(10), Duration.ofSeconds(30));
		this.provider.getAccessToken();
		this.manager = newSpringSecurityManager();
		this.authorizeRequest = newAuthorizeRequest();
		if (this.manager.authorize(this.authorizeRequest) == null) {
			throw new IllegalStateException("Spring Security did not return the cached client");
		}
	}

	private static AuthorizedClientServiceOAuth2AuthorizedClientManager newSpringSecurityManager() {
		ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.clientId("benchmark-appkey")
			.clientSecret("benchmark-secretkey")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri("https://api.kiwoom.com/oauth2/token")
			.build();
		InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
		InMemoryOAuth2AuthorizedClientService clients = new InMemoryOAuth2AuthorizedClientService(registrations);
		Instant now = Instant.now();
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "spring-security-token",
				now, now.plus(Duration.ofHours(24)));
		clients.saveAuthorizedClient(new OAuth2AuthorizedClient(registration, PRINCIPAL, token),
				UsernamePasswordAuthenticationToken.unauthenticated(PRINCIPAL, null));
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, clients);
		manager
			.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
		return manager;
	}

	private static OAuth2AuthorizeRequest newAuthorizeRequest() {
		return OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION_ID).principal(PRINCIPAL).build();
	}

	/**
	 * Stop the provider and its scheduler.
	 */
	@TearDown
	public void tearDown() {
		this.provider.close();
		this.scheduler.shutdown();
	}

	/**
	 * kiwoom-auth: {@code getAccessToken()} on a provider holding a valid token.
	 * @return the token value
	 */
	@Benchmark
	public String kiwoomAuthProvider() {
		return this.provider.getAccessToken().value();
	}

	/**
	 * Spring Security: {@code authorize(...)} with a request built once, returning the
	 * cached client. This is the figure compared with kiwoom-auth.
	 * @return the token value
	 */
	@Benchmark
	public String springSecurityManager() {
		return this.manager.authorize(this.authorizeRequest).getAccessToken().getTokenValue();
	}

	/**
	 * Spring Security as its {@code OAuth2ClientHttpRequestInterceptor} uses it: a new
	 * {@link OAuth2AuthorizeRequest} per call.
	 * @return the token value
	 */
	@Benchmark
	public String springSecurityManagerNewRequest() {
		return this.manager.authorize(newAuthorizeRequest()).getAccessToken().getTokenValue();
	}

	/**
	 * Baseline: one volatile read.
	 * @return the value read
	 */
	@Benchmark
	public String baselineVolatileRead() {
		return this.volatileToken;
	}

	/**
	 * Baseline: one {@link System#currentTimeMillis()}.
	 * @return the time
	 */
	@Benchmark
	public long baselineCurrentTimeMillis() {
		return System.currentTimeMillis();
	}

}
