package io.github.ktrader.kiwoom.auth;

/**
 * Issues a new Kiwoom access token (au10001, {@code POST /oauth2/token}).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TokenIssuer {

	/**
	 * Ask Kiwoom for an access token.
	 * @return the token Kiwoom answered with
	 * @throws KiwoomAuthException if Kiwoom refused or could not be reached
	 */
	AccessToken issue();

}
