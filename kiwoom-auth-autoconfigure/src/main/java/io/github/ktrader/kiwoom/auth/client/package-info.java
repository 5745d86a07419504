/**
 * HTTP side of kiwoom-auth: au10001 and au10002 over Spring's {@code RestClient}, and the
 * Bearer authentication of every other Kiwoom call.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.client;

import org.jspecify.annotations.NullMarked;
