package io.github.ktrader.kiwoom.auth;

/**
 * A cached token and where it stands on this machine's clock. Immutable: the provider
 * swaps whole instances, so that a timer can tell by identity whether its token is still
 * the cached one.
 *
 * @param token the token
 * @param placement its issue, expiry and renewal times on this machine's clock
 */
record HeldToken(AccessToken token, TokenTimeline.Placement placement) {

}
