package io.github.ktrader.kiwoom.auth;

/**
 * Why a new access token was asked for.
 *
 * @since 0.1.0
 */
public enum IssueReason {

	/**
	 * No token had been issued yet.
	 */
	FIRST_USE,

	/**
	 * The cached token was about to expire and was renewed in the background.
	 */
	RENEWAL,

	/**
	 * Kiwoom rejected the cached token (8005, 8010, 8031, 8103 or HTTP 401).
	 */
	REJECTED,

	/**
	 * The cached token had expired without being renewed.
	 */
	EXPIRED

}
