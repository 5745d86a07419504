/**
 * Micrometer observations (tracing spans, timers) of au10001 and au10002.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.observation;

import org.jspecify.annotations.NullMarked;
