/**
 * Access tokens for the Kiwoom Securities REST API: issue, cache, renew and revoke.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth;

import org.jspecify.annotations.NullMarked;
