/**
 * Auto-configuration of the {@code kiwoom} health indicator.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
