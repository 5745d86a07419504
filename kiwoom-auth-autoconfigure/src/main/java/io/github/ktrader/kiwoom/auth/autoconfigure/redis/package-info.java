/**
 * Auto-configuration of cluster mode: the Redis token store.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
