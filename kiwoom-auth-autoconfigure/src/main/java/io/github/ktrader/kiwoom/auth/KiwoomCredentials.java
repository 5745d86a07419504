package io.github.ktrader.kiwoom.auth;

import org.springframework.util.Assert;

/**
 * App key (앱키) and secret key (시크릿키) that Kiwoom's REST API site (openapi.kiwoom.com)
 * issued for one environment, real or mock.
 * <p>
 * {@link #toString()} masks both keys.
 *
 * @param appkey the app key, sent as {@code appkey}
 * @param secretkey the secret key, sent as {@code secretkey}
 * @since 0.1.0
 */
public record KiwoomCredentials(String appkey, String secretkey) {

	/**
	 * Create new credentials.
	 * @param appkey the app key
	 * @param secretkey the secret key
	 */
	public KiwoomCredentials {
		Assert.hasText(appkey, "Appkey must not be empty");
		Assert.hasText(secretkey, "Secretkey must not be empty");
	}

	@Override
	public String toString() {
		return "KiwoomCredentials[appkey=" + Secrets.mask(this.appkey) + ", secretkey=****]";
	}

}
