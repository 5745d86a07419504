/**
 * Micrometer meters for Kiwoom access tokens: issue and revoke timers, rejections,
 * expiry.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.metrics;

import org.jspecify.annotations.NullMarked;
