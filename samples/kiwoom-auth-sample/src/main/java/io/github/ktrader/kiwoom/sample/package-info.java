/**
 * Sample application: prints 주식기본정보 (ka10001) through kiwoom-auth, then exits.
 */
@NullMarked
package io.github.ktrader.kiwoom.sample;

import org.jspecify.annotations.NullMarked;
