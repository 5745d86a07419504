/**
 * Kiwoom's real-time socket (실시간시세): one managed session per key pair, logged in with the
 * pair's access token.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.realtime;

import org.jspecify.annotations.NullMarked;
