package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import java.time.Duration;

import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthProperties;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RealtimeSettingsFactory}.
 */
class RealtimeSettingsFactoryTests {

	@Test
	void addressDerivedFromKiwoomsHosts() {
		assertThat(RealtimeSettingsFactory.derived("https://api.kiwoom.com"))
			.hasToString("wss://api.kiwoom.com:10000/api/dostk/websocket");
		assertThat(RealtimeSettingsFactory.derived("https://mockapi.kiwoom.com"))
			.hasToString("wss://mockapi.kiwoom.com:10000/api/dostk/websocket");
		assertThat(RealtimeSettingsFactory.derived("http://127.0.0.1:8080")).isNull();
		assertThat(RealtimeSettingsFactory.derived("https://proxy.example.com")).isNull();
	}

	@Test
	void defaultsOnTheRealHost() {
		RealtimeSettings settings = RealtimeSettingsFactory.create("default", "kiwoom", new KiwoomAuthProperties());
		assertThat(settings.url()).hasToString("wss://api.kiwoom.com:10000/api/dostk/websocket");
		assertThat(settings.urlProperty()).isEqualTo("kiwoom.realtime.url");
		assertThat(settings.kickedBackoff()).isEqualTo(Duration.ofMinutes(5));
		assertThat(settings.maxFrameSize()).isEqualTo(1024 * 1024);
	}

	@Test
	void otherHostWithoutAddressHasNone() {
		KiwoomAuthProperties properties = new KiwoomAuthProperties();
		properties.setHost("https://proxy.example.com");
		RealtimeSettings settings = RealtimeSettingsFactory.create("mock", "kiwoom.accounts.mock", properties);
		assertThat(settings.url()).isNull();
		assertThat(settings.urlProperty()).isEqualTo("kiwoom.accounts.mock.realtime.url");
	}

	@Test
	void plainWsOnlyToLoopback() {
		KiwoomAuthProperties properties = new KiwoomAuthProperties();
		properties.getRealtime().setUrl("ws://127.0.0.1:9000/api/dostk/websocket");
		assertThat(RealtimeSettingsFactory.create("default", "kiwoom", properties).url()).hasPort(9000);
		properties.getRealtime().setUrl("ws://api.kiwoom.com:10000/api/dostk/websocket");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> RealtimeSettingsFactory.create("default", "kiwoom", properties))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("kiwoom.realtime.url"))
			.withMessageContaining("clear text");
		properties.getRealtime().setUrl("https://api.kiwoom.com");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> RealtimeSettingsFactory.create("default", "kiwoom", properties))
			.withMessageContaining("wss://");
	}

	@Test
	void badTimingsNameTheirKey() {
		KiwoomAuthProperties properties = new KiwoomAuthProperties();
		properties.getRealtime().setIdleTimeout(Duration.ZERO);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> RealtimeSettingsFactory.create("a", "kiwoom.accounts.a", properties))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("kiwoom.accounts.a.realtime.idle-timeout"));
		KiwoomAuthProperties capacity = new KiwoomAuthProperties();
		capacity.getRealtime().setQueueCapacity(0);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> RealtimeSettingsFactory.create("default", "kiwoom", capacity))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("kiwoom.realtime.queue-capacity"));
	}

	@Test
	void reconnectBackOffIsCappedAndJittered() {
		KiwoomAuthProperties properties = new KiwoomAuthProperties();
		BackOffExecution execution = RealtimeSettingsFactory.create("default", "kiwoom", properties)
			.reconnectBackOff()
			.start();
		long first = execution.nextBackOff();
		assertThat(first).isBetween(500L, 1500L);
		long last = 0;
		for (int i = 0; i < 20; i++) {
			last = execution.nextBackOff();
		}
		assertThat(last).isBetween(1L, 60_000L + 500L);
		assertThat(last).isGreaterThan(30_000L);
	}

}
