package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.IssueReason;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEvent;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEventPublisher;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenIssuedEvent;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenRevokeFailedEvent;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenRevokedEvent;
import io.github.ktrader.kiwoom.auth.test.Endpoint;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the application events that {@link KiwoomAuthAutoConfiguration} publishes.
 */
class KiwoomAuthAutoConfigurationEventsTests {

	private final KiwoomSimulator kiwoom = KiwoomSimulator.start();

	private final List<KiwoomTokenEvent> events = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("kiwoom.host=" + this.kiwoom.url(), "kiwoom.appkey=" + this.kiwoom.appkey(),
				"kiwoom.secretkey=" + this.kiwoom.secretkey(), "kiwoom.token.revoke-timeout=1s")
		.withInitializer((context) -> context.addApplicationListener(new Recorder(this.events)));

	@AfterEach
	void stop() {
		this.kiwoom.close();
	}

	@Test
	void publishesIssuedRejectedReissuedAndRevoked() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(KiwoomTokenEventPublisher.class);
			KiwoomClient client = context.getBean(KiwoomClient.class);
			client.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
			this.kiwoom.invalidateAllTokens();
			client.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "005930"), Map.class);
		});
		assertThat(this.events).extracting((event) -> event.getClass().getSimpleName())
			.containsExactly("KiwoomTokenIssuedEvent", "KiwoomTokenRejectedEvent", "KiwoomTokenIssuedEvent",
					"KiwoomTokenRevokedEvent");
		assertThat(((KiwoomTokenIssuedEvent) this.events.get(0)).getReason()).isEqualTo(IssueReason.FIRST_USE);
		assertThat(((KiwoomTokenIssuedEvent) this.events.get(2)).getReason()).isEqualTo(IssueReason.REJECTED);
		assertThat(this.events.get(1).getMaskedToken()).isEqualTo(this.events.get(0).getMaskedToken());
		assertThat(this.events.get(3).getMaskedToken()).isEqualTo(this.events.get(2).getMaskedToken());
		assertThat(this.events.get(3)).isInstanceOf(KiwoomTokenRevokedEvent.class);
		assertThat(this.events).allSatisfy((event) -> assertThat(event.toString()).doesNotContain(this.kiwoom.appkey())
			.doesNotContain(this.kiwoom.secretkey()));
		assertThat(this.kiwoom.revokedTokens())
			.allSatisfy((token) -> assertThat(this.events.toString()).doesNotContain(token));
	}

	@Test
	void publishesRevokeFailed() {
		this.kiwoom.faults().httpStatus(Endpoint.REVOKE, 500);
		this.contextRunner.run((context) -> context.getBean(AccessTokenProvider.class).getAccessToken());
		assertThat(this.events).last().isInstanceOf(KiwoomTokenRevokeFailedEvent.class);
	}

	@Test
	void backsOffForAUserPublisher() {
		this.contextRunner
			.withBean("myPublisher", KiwoomTokenEventPublisher.class, () -> new KiwoomTokenEventPublisher((event) -> {
			}))
			.run((context) -> {
				assertThat(context).hasSingleBean(KiwoomTokenEventPublisher.class).hasBean("myPublisher");
				context.getBean(AccessTokenProvider.class).getAccessToken();
				assertThat(this.events).isEmpty();
			});
	}

	private record Recorder(List<KiwoomTokenEvent> events) implements ApplicationListener<KiwoomTokenEvent> {

		@Override
		public void onApplicationEvent(KiwoomTokenEvent event) {
			this.events.add(event);
		}

	}

}
