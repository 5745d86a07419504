/**
 * Auto-configuration that keeps Kiwoom keys and tokens masked in actuator endpoints.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
