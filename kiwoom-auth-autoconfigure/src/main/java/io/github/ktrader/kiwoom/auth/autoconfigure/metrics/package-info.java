/**
 * Auto-configuration of the Micrometer meters for Kiwoom access tokens.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
