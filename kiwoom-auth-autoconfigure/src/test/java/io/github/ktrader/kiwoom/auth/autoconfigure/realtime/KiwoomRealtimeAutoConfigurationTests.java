package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthAutoConfiguration;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomSchedulerHolder;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtimeListener;
import io.github.ktrader.kiwoom.auth.realtime.ReactiveKiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeEvent;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSession;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeState;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomRealtimeAutoConfiguration}: the wiring, without a socket.
 */
class KiwoomRealtimeAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
				JacksonAutoConfiguration.class, KiwoomRealtimeAutoConfiguration.class))
		.withPropertyValues("kiwoom.appkey=REAL-APPKEY-aaaaaaaaaaaa", "kiwoom.secretkey=REAL-SECRET-ssssssssssss");

	private final ApplicationContextRunner withMock = this.contextRunner.withPropertyValues(
			"kiwoom.accounts.mock.host=https://mockapi.kiwoom.com",
			"kiwoom.accounts.mock.appkey=MOCK-APPKEY-bbbbbbbbbbbb",
			"kiwoom.accounts.mock.secretkey=MOCK-SECRET-tttttttttttt", "kiwoom.realtime.idle-timeout=45s");

	@Test
	void oneSessionPerPairQualifiedLikeThePairsOtherBeans() {
		this.withMock.withUserConfiguration(TwoPairsUser.class).run((context) -> {
			assertThat(context).hasNotFailed();
			RealtimeSession real = context.getBean("kiwoomRealtime", RealtimeSession.class);
			RealtimeSession mock = context.getBean("kiwoomRealtime.mock", RealtimeSession.class);
			assertThat(context.getBean(KiwoomRealtime.class)).isSameAs(real);
			TwoPairsUser user = context.getBean(TwoPairsUser.class);
			assertThat(user.real).isSameAs(real);
			assertThat(user.mock).isSameAs(mock);
			assertThat(mock.account()).isEqualTo("mock");
			assertThat(real.state()).isEqualTo(RealtimeState.IDLE);
			assertThat(mock.state()).isEqualTo(RealtimeState.IDLE);
			assertThat(context.getBean("reactiveKiwoomRealtime.mock", ReactiveKiwoomRealtime.class).account())
				.isEqualTo("mock");
			assertThat(context.getBean(ReactiveKiwoomRealtime.class).account()).isEqualTo("default");
		});
	}

	@Test
	void tokensAndSessionsRunOnTheirOwnSchedulerThreads() {
		this.withMock.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(threadName(context.getBean("kiwoomTokenRenewalScheduler", KiwoomSchedulerHolder.class)))
				.startsWith("kiwoom-token-");
			assertThat(threadName(context.getBean("kiwoomRealtimeScheduler", KiwoomSchedulerHolder.class)))
				.startsWith("kiwoom-realtime-");
		});
	}

	private static String threadName(KiwoomSchedulerHolder holder) throws Exception {
		return ((ThreadPoolTaskScheduler) holder.scheduler()).submit(() -> Thread.currentThread().getName())
			.get(5, TimeUnit.SECONDS);
	}

	@Test
	void namedPairOnAnotherHostGetsItsHostsAddressAndInheritsTheRest() {
		this.withMock.withPropertyValues("kiwoom.realtime.url=wss://gateway.example.com/ws").run((context) -> {
			KiwoomRealtimeProperties mock = KiwoomRealtimeRegistrar.properties(context.getEnvironment(), "mock")
				.getRealtime();
			assertThat(mock.getUrl()).isNull();
			assertThat(mock.getIdleTimeout()).hasSeconds(45);
			assertThat(RealtimeSettingsFactory
				.derived(KiwoomRealtimeRegistrar.properties(context.getEnvironment(), "mock").baseUrl()))
				.hasToString("wss://mockapi.kiwoom.com:10000/api/dostk/websocket");
		});
	}

	@Test
	void applicationThatNeverSubscribesOpensNothing() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(RealtimeSession.class).state()).isEqualTo(RealtimeState.IDLE));
	}

	@Test
	void fluxApiNeedsReactor() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Flux.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(KiwoomRealtime.class);
			assertThat(context).doesNotHaveBean(ReactiveKiwoomRealtime.class);
		});
	}

	@Test
	void backsOffForTheApplicationsOwnRealtime() {
		this.contextRunner.withUserConfiguration(OwnRealtime.class).run((context) -> {
			assertThat(context).hasSingleBean(KiwoomRealtime.class);
			assertThat(context).doesNotHaveBean(RealtimeSession.class);
		});
	}

	@Test
	void listenerWithoutItemsFailsNamingBeanAndMethod() {
		this.contextRunner.withUserConfiguration(NoItems.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(BeanInitializationException.class)
				.hasMessageContaining("bean 'noItemsListener' method onTick")
				.hasMessageContaining("0B needs items");
		});
	}

	@Test
	void listenerWithUnresolvedPlaceholderItemsFailsNamingBeanAndMethod() {
		this.contextRunner.withUserConfiguration(PlaceholderItems.class)
			.withPropertyValues("app.watch=")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.hasMessageContaining("bean 'placeholderListener' method onTick")
					.hasMessageContaining("${app.watch}");
			});
	}

	@Test
	void listenerWithBadTypeOrSignatureFails() {
		this.contextRunner.withUserConfiguration(BadType.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("bean 'badTypeListener' method onTick")
				.hasMessageContaining("'0BX'");
		});
		this.contextRunner.withUserConfiguration(BadSignature.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("bean 'badSignatureListener' method onTick")
				.hasMessageContaining("one RealtimeEvent parameter");
		});
	}

	@Test
	void listenerOnAnUnknownPairFails() {
		this.contextRunner.withUserConfiguration(UnknownAccount.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("bean 'unknownAccountListener' method onOrder")
				.hasMessageContaining("account 'nope'");
		});
	}

	@Test
	void listenerOnAHostWithoutAddressFailsStartupNamingTheKey() {
		this.contextRunner.withUserConfiguration(PlaceholderItems.class)
			.withPropertyValues("app.watch=005930,000660", "kiwoom.host=https://proxy.example.com")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.satisfies((ex) -> assertThat(((InvalidConfigurationPropertyValueException) ex).getName())
						.isEqualTo("kiwoom.realtime.url"));
			});
	}

	@Test
	void subscriptionOnAHostWithoutAddressFailsNamingTheKey() {
		this.withMock.withPropertyValues("kiwoom.accounts.mock.host=https://proxy.example.com").run((context) -> {
			KiwoomRealtime mock = context.getBean("kiwoomRealtime.mock", KiwoomRealtime.class);
			org.assertj.core.api.Assertions.assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
				.isThrownBy(() -> mock.subscribe("0B", List.of("005930"), (event) -> {
				}))
				.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("kiwoom.accounts.mock.realtime.url"));
		});
	}

	@Test
	void badAddressFailsStartupNamingTheKey() {
		this.contextRunner.withPropertyValues("kiwoom.realtime.url=ws://api.kiwoom.com:10000/api/dostk/websocket")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("kiwoom.realtime.url");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoPairsUser {

		KiwoomRealtime real;

		KiwoomRealtime mock;

		TwoPairsUser(KiwoomRealtime real, @Qualifier("mock") KiwoomRealtime mock) {
			this.real = real;
			this.mock = mock;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRealtime {

		@Bean
		KiwoomRealtime myRealtime() {
			return new KiwoomRealtime() {

				@Override
				public io.github.ktrader.kiwoom.auth.realtime.RealtimeSubscription subscribe(String type,
						java.util.Collection<String> items,
						io.github.ktrader.kiwoom.auth.realtime.RealtimeListener listener) {
					throw new UnsupportedOperationException();
				}

				@Override
				public String account() {
					return "default";
				}

				@Override
				public java.util.concurrent.CompletableFuture<List<io.github.ktrader.kiwoom.auth.realtime.KiwoomCondition>> conditions() {
					throw new UnsupportedOperationException();
				}

				@Override
				public java.util.concurrent.CompletableFuture<List<RealtimeEvent>> search(String seq) {
					throw new UnsupportedOperationException();
				}

				@Override
				public io.github.ktrader.kiwoom.auth.realtime.RealtimeSubscription subscribeCondition(String seq,
						io.github.ktrader.kiwoom.auth.realtime.RealtimeListener listener) {
					throw new UnsupportedOperationException();
				}

				@Override
				public RealtimeState state() {
					return RealtimeState.IDLE;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoItems {

		@Bean
		NoItemsListener noItemsListener() {
			return new NoItemsListener();
		}

	}

	static class NoItemsListener {

		@KiwoomRealtimeListener(type = "0B")
		void onTick(RealtimeEvent event) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlaceholderItems {

		@Bean
		PlaceholderListener placeholderListener() {
			return new PlaceholderListener();
		}

	}

	static class PlaceholderListener {

		@KiwoomRealtimeListener(type = "0B", items = "${app.watch}")
		void onTick(RealtimeEvent event) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadType {

		@Bean
		BadTypeListener badTypeListener() {
			return new BadTypeListener();
		}

	}

	static class BadTypeListener {

		@KiwoomRealtimeListener(type = "0BX", items = "005930")
		void onTick(RealtimeEvent event) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadSignature {

		@Bean
		BadSignatureListener badSignatureListener() {
			return new BadSignatureListener();
		}

	}

	static class BadSignatureListener {

		@KiwoomRealtimeListener(type = "0B", items = "005930")
		void onTick(String event) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownAccount {

		@Bean
		UnknownAccountListener unknownAccountListener() {
			return new UnknownAccountListener();
		}

	}

	static class UnknownAccountListener {

		@KiwoomRealtimeListener(type = "00", account = "nope")
		void onOrder(RealtimeEvent event) {
		}

	}

}
