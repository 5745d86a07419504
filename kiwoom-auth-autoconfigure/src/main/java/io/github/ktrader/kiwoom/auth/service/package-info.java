/**
 * Kiwoom calls through Spring's HTTP service interfaces ({@code @HttpExchange}).
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.service;

import org.jspecify.annotations.NullMarked;
