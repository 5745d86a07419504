/**
 * Spring application events for what happens to Kiwoom access tokens.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.event;

import org.jspecify.annotations.NullMarked;
