/**
 * Failure analyzers that explain a wrong kiwoom-auth configuration at startup.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
