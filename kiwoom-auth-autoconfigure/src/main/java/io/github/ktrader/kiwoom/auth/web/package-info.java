/**
 * Kiwoom failures as HTTP answers of the application's own web endpoints.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.web;

import org.jspecify.annotations.NullMarked;
