/**
 * Auto-configuration of the observations of au10001 and au10002.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
