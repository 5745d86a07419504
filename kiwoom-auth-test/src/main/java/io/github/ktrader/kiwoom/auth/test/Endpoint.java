package io.github.ktrader.kiwoom.auth.test;

import org.jspecify.annotations.Nullable;

/**
 * Group of simulator paths that a fault can target.
 *
 * @since 0.1.0
 * @see Faults
 */
public enum Endpoint {

	/**
	 * Token issue (au10001), {@code POST /oauth2/token}.
	 */
	TOKEN,

	/**
	 * Token revoke (au10002), {@code POST /oauth2/revoke}.
	 */
	REVOKE,

	/**
	 * Every data call (TR), {@code POST /api/...}.
	 */
	DATA;

	/**
	 * Returns the endpoint that serves the given request path.
	 * @param path the request path, without query
	 * @return the endpoint, or {@code null} when no endpoint serves the path
	 */
	static @Nullable Endpoint forPath(String path) {
		if (path.equals("/oauth2/token")) {
			return TOKEN;
		}
		if (path.equals("/oauth2/revoke")) {
			return REVOKE;
		}
		if (path.startsWith("/api/")) {
			return DATA;
		}
		return null;
	}

}
