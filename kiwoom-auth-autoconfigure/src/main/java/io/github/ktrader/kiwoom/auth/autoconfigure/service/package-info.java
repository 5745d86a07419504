/**
 * Auto-configuration of the Kiwoom HTTP service group.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.autoconfigure.service;

import org.jspecify.annotations.NullMarked;
