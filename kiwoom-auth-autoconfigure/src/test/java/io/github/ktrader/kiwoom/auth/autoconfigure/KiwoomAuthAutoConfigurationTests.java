package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenListener;
import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.IssueReason;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.TokenIssuer;
import io.github.ktrader.kiwoom.auth.TokenRevoker;
import io.github.ktrader.kiwoom.auth.client.KiwoomAuthInterceptor;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.client.KiwoomRestClientConfigurer;
import io.github.ktrader.kiwoom.auth.client.KiwoomTokenIssuer;
import io.github.ktrader.kiwoom.auth.client.KiwoomTokenRevoker;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomAuthAutoConfiguration}.
 */
class KiwoomAuthAutoConfigurationTests {

	private static final String APPKEY = "APPKEY-aaaaaaaaaaaaaaaa";

	private static final String SECRETKEY = "SECRET-ssssssssssssssss";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("kiwoom.appkey=" + APPKEY, "kiwoom.secretkey=" + SECRETKEY);

	private final MockWebServer server = new MockWebServer();

	@BeforeEach
	void startServer() throws IOException {
		this.server.start(InetAddress.getLoopbackAddress(), 0);
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	private String host() {
		return "http://127.0.0.1:" + this.server.getPort();
	}

	@Test
	void suppliesTheBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(KiwoomCredentials.class);
			assertThat(context).getBean(TokenIssuer.class).isInstanceOf(KiwoomTokenIssuer.class);
			assertThat(context).getBean(TokenRevoker.class).isInstanceOf(KiwoomTokenRevoker.class);
			assertThat(context).getBean(AccessTokenProvider.class).isInstanceOf(CachingAccessTokenProvider.class);
			assertThat(context).hasSingleBean(KiwoomAuthInterceptor.class);
			assertThat(context).hasSingleBean(KiwoomRestClientConfigurer.class);
			assertThat(context).hasSingleBean(KiwoomClient.class);
			assertThat(context).hasSingleBean(RevokeTokenOnCloseLifecycle.class);
			assertThat(context.getBean(KiwoomAuthProperties.class).getHost()).isEqualTo("https://api.kiwoom.com");
		});
	}

	@Test
	void publishesNoGeneralPurposeBeansTheApplicationMightPickUp() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(RestClient.class);
			assertThat(context).doesNotHaveBean(TaskScheduler.class);
			assertThat(context).doesNotHaveBean(ClientHttpRequestFactory.class);
		});
	}

	@Test
	void callsNoKiwoomEndpointAtStartup() {
		this.contextRunner.withPropertyValues("kiwoom.host=" + host()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(this.server.getRequestCount()).isZero();
		});
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void buildsNoHttpClientBeforeTheFirstCall() {
		AtomicInteger builders = new AtomicInteger();
		this.server.enqueue(KiwoomAnswers.token("lazy-token-0123456789"));
		this.contextRunner.withPropertyValues("kiwoom.host=" + host(), "kiwoom.token.revoke-on-shutdown=false")
			.withBean(RestClientCustomizer.class, () -> (builder) -> builders.incrementAndGet())
			.run((context) -> {
				assertThat(builders).as("RestClient builders made at startup").hasValue(0);
				context.getBean(AccessTokenProvider.class).getAccessToken();
				assertThat(builders).as("after the first issue (a builder of its own, not customized)").hasValue(0);
			});
	}

	@Test
	void issuesOnFirstCallSendsBearerAndRevokesThatTokenOnClose() throws Exception {
		this.server.enqueue(KiwoomAnswers.token("issued-token-0123456789"));
		this.server.enqueue(KiwoomAnswers.stock("005930", "삼성전자", "+71000"));
		this.server.enqueue(KiwoomAnswers.revoked());
		this.contextRunner.withPropertyValues("kiwoom.host=" + host()).run((context) -> {
			Map<?, ?> info = context.getBean(KiwoomClient.class)
				.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
			assertThat(info.get("stk_nm")).isEqualTo("삼성전자");
		});
		RecordedRequest issue = take();
		assertThat(issue.getTarget()).isEqualTo("/oauth2/token");
		assertThat(json(issue).get("appkey").asString()).isEqualTo(APPKEY);
		RecordedRequest data = take();
		assertThat(data.getTarget()).isEqualTo("/api/dostk/stkinfo");
		assertThat(data.getHeaders().get("authorization")).isEqualTo("Bearer issued-token-0123456789");
		assertThat(data.getHeaders().get("api-id")).isEqualTo("ka10001");
		assertThat(data.getHeaders().get("Content-Type")).isEqualTo("application/json;charset=UTF-8");
		assertThat(data.getHeaders().get("Content-Length")).isNotNull();
		assertThat(json(data).get("stk_cd").asString()).isEqualTo("005930");
		RecordedRequest revoke = take();
		assertThat(revoke.getTarget()).isEqualTo("/oauth2/revoke");
		assertThat(json(revoke).get("token").asString()).isEqualTo("issued-token-0123456789");
		assertThat(this.server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void reissuesAndRetriesOnceWhenKiwoomRejectsTheTokenAsHttp200() throws Exception {
		this.server.enqueue(KiwoomAnswers.token("first-token-0123456789"));
		this.server.enqueue(KiwoomAnswers.tokenRejected());
		this.server.enqueue(KiwoomAnswers.token("second-token-0123456789"));
		this.server.enqueue(KiwoomAnswers.stock("000660", "SK하이닉스", "+182000"));
		this.contextRunner.withPropertyValues("kiwoom.host=" + host(), "kiwoom.token.revoke-on-shutdown=false")
			.run((context) -> {
				Map<?, ?> info = context.getBean(KiwoomClient.class)
					.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "000660"), Map.class);
				assertThat(info.get("stk_nm")).isEqualTo("SK하이닉스");
			});
		assertThat(take().getTarget()).isEqualTo("/oauth2/token");
		assertThat(take().getHeaders().get("authorization")).isEqualTo("Bearer first-token-0123456789");
		assertThat(take().getTarget()).isEqualTo("/oauth2/token");
		assertThat(take().getHeaders().get("authorization")).isEqualTo("Bearer second-token-0123456789");
		assertThat(this.server.getRequestCount()).isEqualTo(4);
	}

	@Test
	void accessTokenListenerBeansHearTheIssueAndTheRevoke() {
		this.server.enqueue(KiwoomAnswers.token("listened-token-0123456789"));
		this.server.enqueue(KiwoomAnswers.revoked());
		List<String> heard = new CopyOnWriteArrayList<>();
		this.contextRunner.withPropertyValues("kiwoom.host=" + host())
			.withBean(AccessTokenListener.class, () -> new AccessTokenListener() {

				@Override
				public void issued(AccessToken token, IssueReason reason, Duration elapsed) {
					heard.add("issued " + reason);
				}

				@Override
				public void revoked(AccessToken token, Duration elapsed) {
					heard.add("revoked " + token.value());
				}

			})
			.withBean("failingListener", AccessTokenListener.class, () -> new AccessTokenListener() {

				@Override
				public void issued(AccessToken token, IssueReason reason, Duration elapsed) {
					throw new IllegalStateException("a broken listener must not break the token flow");
				}

			})
			.run((context) -> context.getBean(AccessTokenProvider.class).getAccessToken());
		assertThat(heard).containsExactly("issued FIRST_USE", "revoked listened-token-0123456789");
	}

	@Test
	void applicationRestClientBuilderIsLeftWithoutKiwoomAuthentication() throws Exception {
		this.server.enqueue(KiwoomAnswers.json("{}"));
		this.contextRunner.withPropertyValues("kiwoom.host=" + host()).run((context) -> {
			RestClient own = context.getBean(RestClient.Builder.class).baseUrl(host()).build();
			own.get().uri("/elsewhere").retrieve().toBodilessEntity();
		});
		RecordedRequest request = take();
		assertThat(request.getTarget()).isEqualTo("/elsewhere");
		assertThat(request.getHeaders().get("authorization")).isNull();
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void backsOffForTheUsersOwnBeans() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).getBean(TokenIssuer.class).isSameAs(context.getBean("userIssuer"));
			assertThat(context).getBean(TokenRevoker.class).isSameAs(context.getBean("userRevoker"));
			assertThat(context).getBean(AccessTokenProvider.class).isSameAs(context.getBean("userProvider"));
			assertThat(context).getBean(KiwoomCredentials.class).isSameAs(context.getBean("userCredentials"));
			assertThat(context).doesNotHaveBean(CachingAccessTokenProvider.class);
		});
	}

	@Test
	void backsOffForTheUsersOwnClient() {
		this.contextRunner.withUserConfiguration(UserClient.class).run((context) -> {
			assertThat(context).getBean(KiwoomClient.class).isSameAs(context.getBean("userClient"));
		});
	}

	@Test
	void revokeOnShutdownCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("kiwoom.token.revoke-on-shutdown=false")
			.run((context) -> assertThat(context).getBean(RevokeTokenOnCloseLifecycle.class)
				.satisfies((lifecycle) -> assertThat(lifecycle.revocation().isEnabled()).isFalse()));
	}

	@Test
	void backsOffWithoutRestClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AccessTokenProvider.class)
				.doesNotHaveBean(KiwoomClient.class));
	}

	@Test
	void backsOffWithoutJackson() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AccessTokenProvider.class));
	}

	@Test
	void missingAppkeyFailsStartupNamingTheKey() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class))
			.withPropertyValues("kiwoom.secretkey=" + SECRETKEY)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("kiwoom.appkey"));
	}

	@Test
	void blankSecretkeyFailsStartupNamingTheKey() {
		this.contextRunner.withPropertyValues("kiwoom.secretkey=   ")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("kiwoom.secretkey"));
	}

	@Test
	void badHostFailsStartupNamingTheKey() {
		this.contextRunner.withPropertyValues("kiwoom.host=api.kiwoom.com")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("kiwoom.host"));
	}

	@Test
	void noSecretInPropertiesToString() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(KiwoomAuthProperties.class).toString()).doesNotContain(APPKEY)
				.doesNotContain(SECRETKEY)
				.contains("APPK****"));
	}

	private RecordedRequest take() throws InterruptedException {
		RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request).isNotNull();
		return request;
	}

	private static JsonNode json(RecordedRequest request) {
		return JsonMapper.shared().readTree(request.getBody().utf8());
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		TokenIssuer userIssuer() {
			return () -> new AccessToken("user-token-0123456789", java.time.Instant.now().plusSeconds(3600));
		}

		@Bean
		TokenRevoker userRevoker() {
			return (token) -> {
			};
		}

		@Bean
		AccessTokenProvider userProvider() {
			return () -> new AccessToken("user-token-0123456789", java.time.Instant.now().plusSeconds(3600));
		}

		@Bean
		KiwoomCredentials userCredentials() {
			return new KiwoomCredentials("user-appkey", "user-secretkey");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClient {

		@Bean
		@Primary
		KiwoomClient userClient() {
			return new KiwoomClient(RestClient.create(), JsonMapper.shared());
		}

	}

}
