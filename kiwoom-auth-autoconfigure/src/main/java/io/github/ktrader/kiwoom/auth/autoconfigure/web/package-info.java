/**
 * Auto-configuration of problem details for Kiwoom failures in Spring MVC and WebFlux
 * applications.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
