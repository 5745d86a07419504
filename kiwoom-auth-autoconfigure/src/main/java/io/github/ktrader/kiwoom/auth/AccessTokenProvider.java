package io.github.ktrader.kiwoom.auth;

/**
 * Hands out a Kiwoom access token that is valid now.
 *
 * @since 0.1.0
 */
public interface AccessTokenProvider {

	/**
	 * Return a token to send with the next Kiwoom call, issuing one if there is none.
	 * @return a token Kiwoom should accept
	 * @throws KiwoomAuthException if no token could be issued
	 */
	AccessToken getAccessToken();

	/**
	 * Report that Kiwoom rejected the given token (8005, 8010, 8031, 8103 or HTTP 401)
	 * and return the token to retry with. The default simply returns the current token;
	 * caching providers drop the rejected token first, if it is still the cached one.
	 * @param rejected the token Kiwoom rejected
	 * @return the token to retry the call with
	 */
	default AccessToken renewRejected(AccessToken rejected) {
		return getAccessToken();
	}

	/**
	 * Report that Kiwoom rejected the given token with the given answer, and return the
	 * token to retry with. The default ignores the answer and calls
	 * {@link #renewRejected(AccessToken)}.
	 * @param rejected the token Kiwoom rejected
	 * @param status what Kiwoom answered
	 * @return the token to retry the call with
	 * @since 0.1.0
	 */
	default AccessToken renewRejected(AccessToken rejected, KiwoomStatus status) {
		return renewRejected(rejected);
	}

}
