/**
 * A real {@code redis-server} process on loopback for tests, with a JUnit Jupiter
 * extension.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.test.redis;

import org.jspecify.annotations.NullMarked;
