/**
 * In-process simulator of the Kiwoom REST API's token endpoints and data calls, for
 * tests.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.test;

import org.jspecify.annotations.NullMarked;
