/**
 * Health indicator that reports where the Kiwoom access token stands.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.health;

import org.jspecify.annotations.NullMarked;
