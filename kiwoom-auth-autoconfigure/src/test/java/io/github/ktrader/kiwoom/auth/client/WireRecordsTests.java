package io.github.ktrader.kiwoom.auth.client;

import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the wire records of au10001 and au10002: their {@code toString()} tells what
 * they are without showing a key or a token.
 */
class WireRecordsTests {

	private static final String APPKEY = "APPKEY-0123456789abcdef";

	private static final String SECRETKEY = "SECRET-0123456789abcdef";

	private static final String TOKEN = "TOKEN-0123456789abcdef";

	@Test
	void tokenRequestShowsTheGrantTypeOnly() {
		assertThat(new TokenRequest("client_credentials", APPKEY, SECRETKEY))
			.hasToString("TokenRequest[grant_type=client_credentials]");
	}

	@Test
	void revokeRequestShowsNothing() {
		assertThat(new RevokeRequest(APPKEY, SECRETKEY, TOKEN)).hasToString("RevokeRequest[****]");
	}

	@Test
	void tokenResponseShowsExpiryAndReturnCodeButNotTheToken() {
		TokenResponse response = new TokenResponse("20261107083713", "bearer", TOKEN, 0, "정상적으로 처리되었습니다");
		assertThat(response).hasToString("TokenResponse[expires_dt=20261107083713, return_code=0]");
	}

	@Test
	void credentialsShowTheAppkeyMaskedAndNoSecretkey() {
		assertThat(new KiwoomCredentials(APPKEY, SECRETKEY))
			.hasToString("KiwoomCredentials[appkey=APPK****, secretkey=****]");
	}

}
