package io.github.ktrader.kiwoom.auth.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AutoConfigureKiwoomSimulator#accounts()}: one simulator per named key
 * pair.
 */
@SpringBootTest(classes = AutoConfigureKiwoomSimulatorTests.KiwoomClientConfiguration.class)
@AutoConfigureKiwoomSimulator(accounts = "mock")
class AutoConfigureKiwoomSimulatorAccountsTests {

	@Autowired
	private KiwoomSimulator real;

	@Autowired
	@Qualifier("mock")
	private KiwoomSimulator mock;

	@Autowired
	private Environment environment;

	@Test
	void eachPairGetsASimulatorWithKeysOfItsOwn() {
		assertThat(this.mock).isNotSameAs(this.real);
		assertThat(this.environment.getProperty("kiwoom.host")).isEqualTo(this.real.url());
		assertThat(this.environment.getProperty("kiwoom.accounts.mock.host")).isEqualTo(this.mock.url());
		assertThat(this.environment.getProperty("kiwoom.accounts.mock.appkey")).isEqualTo(this.mock.appkey())
			.isNotEqualTo(this.real.appkey());
		assertThat(this.environment.getProperty("kiwoom.accounts.mock.secretkey")).isEqualTo(this.mock.secretkey());
		assertThat(this.environment.getProperty("kiwoom.realtime.url")).isEqualTo(this.real.realtimeUrl());
		assertThat(this.environment.getProperty("kiwoom.accounts.mock.realtime.url")).isEqualTo(this.mock.realtimeUrl())
			.isNotEqualTo(this.real.realtimeUrl());
	}

	@Test
	void namedPairsSimulatorAcceptsOnlyItsOwnKeys() {
		String token = new SimulatorClient(this.mock).issueToken();
		assertThat(this.mock.isValid(token)).isTrue();
		assertThat(this.real.isValid(token)).isFalse();
		assertThat(this.real.requests("/oauth2/token")).isEmpty();
	}

}
