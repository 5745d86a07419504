package io.github.ktrader.kiwoom.auth;

/**
 * Revokes a Kiwoom access token (au10002, {@code POST /oauth2/revoke}).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TokenRevoker {

	/**
	 * Ask Kiwoom to revoke the given token, so that it stops working at once.
	 * @param token the token to revoke
	 * @throws KiwoomAuthException if Kiwoom refused or could not be reached
	 */
	void revoke(AccessToken token);

}
