/**
 * Auto-configuration for kiwoom-auth: properties, beans and revoke-on-close.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.autoconfigure;

import org.jspecify.annotations.NullMarked;
