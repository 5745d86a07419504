/**
 * Cluster mode on Redis: a {@link io.github.ktrader.kiwoom.auth.SharedTokenStore} on
 * Spring Data Redis.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.redis;

import org.jspecify.annotations.NullMarked;
