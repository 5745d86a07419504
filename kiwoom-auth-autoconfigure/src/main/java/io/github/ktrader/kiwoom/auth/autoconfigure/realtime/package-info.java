/**
 * Auto-configuration of the real-time session of every key pair.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import org.jspecify.annotations.NullMarked;
