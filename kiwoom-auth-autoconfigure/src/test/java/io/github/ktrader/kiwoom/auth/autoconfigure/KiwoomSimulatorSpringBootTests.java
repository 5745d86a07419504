package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.util.Map;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.test.AutoConfigureKiwoomSimulator;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole application pointed at the simulator by {@link AutoConfigureKiwoomSimulator},
 * with no port or key plumbing of its own.
 */
@SpringBootTest(classes = KiwoomSimulatorSpringBootTests.TradingApplication.class)
@AutoConfigureKiwoomSimulator
class KiwoomSimulatorSpringBootTests {

	@Autowired
	private KiwoomClient kiwoomClient;

	@Autowired
	private AccessTokenProvider tokenProvider;

	@Autowired
	private KiwoomSimulator kiwoom;

	@Test
	void callsTheSimulatorWithTheIssuedTokenAsBearer() {
		Map<?, ?> info = this.kiwoomClient.post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", "035420"), Map.class);
		assertThat(info.get("stk_nm")).isEqualTo("NAVER");
		String token = this.tokenProvider.getAccessToken().value();
		assertThat(this.kiwoom.isValid(token)).isTrue();
		assertThat(this.kiwoom.requests("/api/dostk/stkinfo")).last()
			.satisfies((request) -> assertThat(request.header("authorization")).isEqualTo("Bearer " + token));
		assertThat(this.kiwoom.requests("/oauth2/token")).singleElement()
			.satisfies((request) -> assertThat(request.jsonField("appkey")).isEqualTo(this.kiwoom.appkey()));
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ KiwoomAuthAutoConfiguration.class, RestClientAutoConfiguration.class,
			JacksonAutoConfiguration.class })
	static class TradingApplication {

	}

}
