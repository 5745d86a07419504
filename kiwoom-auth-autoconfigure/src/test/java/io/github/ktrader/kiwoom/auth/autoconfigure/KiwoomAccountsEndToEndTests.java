package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.autoconfigure.health.KiwoomHealthContributorAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.metrics.KiwoomMetricsAutoConfiguration;
import io.github.ktrader.kiwoom.auth.client.KiwoomAccounts;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEvent;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenIssuedEvent;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenRevokedEvent;
import io.github.ktrader.kiwoom.auth.metrics.KiwoomAuthMetrics;
import io.github.ktrader.kiwoom.auth.metrics.KiwoomTokenExpiryMeterBinder;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.RecordedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A real and a mock key pair in one application, against two simulators with different
 * keys.
 */
@ExtendWith(OutputCaptureExtension.class)
class KiwoomAccountsEndToEndTests {

	private final KiwoomSimulator real = KiwoomSimulator.builder()
		.appkey("REAL-APPKEY-aaaaaaaaaaaa")
		.secretkey("REAL-SECRET-ssssssssssss")
		.start();

	private final KiwoomSimulator mock = KiwoomSimulator.builder()
		.appkey("MOCK-APPKEY-bbbbbbbbbbbb")
		.secretkey("MOCK-SECRET-tttttttttttt")
		.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
				JacksonAutoConfiguration.class, KiwoomHealthContributorAutoConfiguration.class,
				KiwoomMetricsAutoConfiguration.class))
		.withUserConfiguration(Recorder.class)
		.withPropertyValues("kiwoom.host=" + this.real.url(), "kiwoom.appkey=" + this.real.appkey(),
				"kiwoom.secretkey=" + this.real.secretkey(), "kiwoom.token.revoke-timeout=500ms",
				"kiwoom.accounts.mock.host=" + this.mock.url(), "kiwoom.accounts.mock.appkey=" + this.mock.appkey());

	@AfterEach
	void stop() {
		this.real.close();
		this.mock.close();
	}

	private static String quote(KiwoomClient client, String code) {
		Map<?, ?> info = client.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", code), Map.class);
		return (String) info.get("stk_nm");
	}

	private static KiwoomClient client(AssertableApplicationContext context, String account) {
		return context.getBean(KiwoomAccounts.class).get(account).client();
	}

	@Test
	void eachPairIssuesUsesAndRevokesOnlyItsOwnToken() {
		this.contextRunner.withPropertyValues("kiwoom.accounts.mock.secretkey=" + this.mock.secretkey())
			.run((context) -> {
				assertThat(quote(context.getBean(KiwoomClient.class), "005930")).isEqualTo("삼성전자");
				assertThat(quote(client(context, "mock"), "000660")).isEqualTo("SK하이닉스");
				assertThat(quote(client(context, "default"), "000660")).isEqualTo("SK하이닉스");
			});
		assertOwnTokenOnly(this.real, 2);
		assertOwnTokenOnly(this.mock, 1);
	}

	private static void assertOwnTokenOnly(KiwoomSimulator kiwoom, int calls) {
		List<RecordedRequest> issues = kiwoom.requests("/oauth2/token");
		assertThat(issues).singleElement()
			.satisfies((issue) -> assertThat(issue.jsonField("appkey")).isEqualTo(kiwoom.appkey()));
		assertThat(kiwoom.revokedTokens()).hasSize(1);
		String token = kiwoom.revokedTokens().iterator().next();
		assertThat(kiwoom.requests("/api/dostk/stkinfo")).hasSize(calls)
			.allSatisfy((request) -> assertThat(request.header("authorization")).isEqualTo("Bearer " + token));
		assertThat(kiwoom.requests("/oauth2/revoke")).singleElement()
			.satisfies((revoke) -> assertThat(revoke.jsonField("appkey")).isEqualTo(kiwoom.appkey()));
	}

	@Test
	void everyIssueAndRevokeLineNamesItsPair(CapturedOutput output) {
		this.contextRunner.withPropertyValues("kiwoom.accounts.mock.secretkey=" + this.mock.secretkey())
			.run((context) -> {
				quote(client(context, "default"), "005930");
				quote(client(context, "mock"), "005930");
			});
		String realToken = this.real.revokedTokens().iterator().next();
		String mockToken = this.mock.revokedTokens().iterator().next();
		assertThat(lines(output, "Issued Kiwoom access token")).hasSize(2)
			.anySatisfy((line) -> assertThat(line).endsWith("(account 'default')"))
			.anySatisfy((line) -> assertThat(line).endsWith("(account 'mock')"));
		assertThat(lines(output, "Revoked Kiwoom access token")).containsExactlyInAnyOrder(
				"Revoked Kiwoom access token " + realToken.substring(0, 4) + "**** (account 'default')",
				"Revoked Kiwoom access token " + mockToken.substring(0, 4) + "**** (account 'mock')");
	}

	@Test
	void wrongKeysLogOneWarningWithTheAdvice(CapturedOutput output) {
		this.contextRunner.withPropertyValues("kiwoom.accounts.mock.secretkey=WRONG-SECRET-xxxxxxxxxxx")
			.run((context) -> {
				for (int i = 0; i < 5; i++) {
					assertThatExceptionOfType(KiwoomException.class)
						.isThrownBy(() -> quote(client(context, "mock"), "005930"));
				}
				quote(client(context, "default"), "005930");
			});
		assertThat(this.mock.requests("/oauth2/token")).hasSize(1);
		assertThat(output.getAll().lines().filter((line) -> line.contains("WARN")).toList()).singleElement()
			.asString()
			.contains("Could not issue a Kiwoom access token (INVALID_CREDENTIALS)", "kiwoom.secretkey",
					"(kiwoom.token.failure-cooldown)")
			.endsWith("(account 'mock')")
			.doesNotContain("WRONG-SECRET", this.mock.appkey());
	}

	/**
	 * The log lines holding {@code text}, from it to the end.
	 */
	private static List<String> lines(CapturedOutput output, String text) {
		return output.getAll()
			.lines()
			.filter((line) -> line.contains(text))
			.map((line) -> line.substring(line.indexOf(text)))
			.toList();
	}

	@Test
	void onePairsWrongKeysLeaveTheOtherWorkingAndDownOnlyInTheAggregate() {
		this.contextRunner.withPropertyValues("kiwoom.accounts.mock.secretkey=WRONG-SECRET-xxxxxxxxxxx")
			.run((context) -> {
				assertThatExceptionOfType(KiwoomException.class)
					.isThrownBy(() -> quote(client(context, "mock"), "000660"));
				assertThat(quote(context.getBean(KiwoomClient.class), "005930")).isEqualTo("삼성전자");
				CompositeHealthContributor health = context.getBean("kiwoomHealthContributor",
						CompositeHealthContributor.class);
				Health mockHealth = ((HealthIndicator) health.getContributor("mock")).health();
				Health realHealth = ((HealthIndicator) health.getContributor("default")).health();
				assertThat(mockHealth.getStatus()).isEqualTo(Status.DOWN);
				assertThat(mockHealth.getDetails()).containsEntry("host", this.mock.url());
				assertThat(realHealth.getStatus()).isEqualTo(Status.UP);
				assertThat(realHealth.getDetails()).containsEntry("host", this.real.url()).containsKey("token");
				assertThat(String.valueOf(realHealth.getDetails().get("token"))).endsWith("****");
			});
		assertThat(this.real.revokedTokens()).hasSize(1);
		assertThat(this.mock.issuedCount()).isZero();
	}

	@Test
	void eventsAndMetricsNameThePair() {
		this.contextRunner.withPropertyValues("kiwoom.accounts.mock.secretkey=" + this.mock.secretkey())
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				quote(context.getBean(KiwoomClient.class), "005930");
				quote(client(context, "mock"), "000660");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(KiwoomAuthMetrics.ISSUE).tags("account", "default").timer().count()).isOne();
				assertThat(registry.get(KiwoomAuthMetrics.ISSUE).tags("account", "mock").timer().count()).isOne();
				assertThat(registry.get(KiwoomAuthMetrics.REJECTED).tags("account", "mock").counter().count()).isZero();
				assertThat(
						registry.get(KiwoomTokenExpiryMeterBinder.EXPIRES_IN).tags("account", "mock").gauge().value())
					.isPositive();
				Recorder recorder = context.getBean(Recorder.class);
				context.close();
				assertThat(recorder.events).filteredOn(KiwoomTokenIssuedEvent.class::isInstance)
					.extracting(KiwoomTokenEvent::getAccount)
					.containsExactly("default", "mock");
				assertThat(recorder.events).filteredOn(KiwoomTokenRevokedEvent.class::isInstance)
					.extracting(KiwoomTokenEvent::getAccount)
					.containsExactlyInAnyOrder("default", "mock");
				assertThat(recorder.events.get(1).toString()).contains("account=mock");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Recorder {

		final List<KiwoomTokenEvent> events = new CopyOnWriteArrayList<>();

		@Bean
		ApplicationListener<KiwoomTokenEvent> kiwoomEventRecorder() {
			return this.events::add;
		}

	}

}
