/**
 * Auto-configuration of Kiwoom calls through WebFlux's {@code WebClient}.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.autoconfigure.reactive;

import org.jspecify.annotations.NullMarked;
