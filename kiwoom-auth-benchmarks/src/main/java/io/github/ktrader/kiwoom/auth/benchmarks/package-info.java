/**
 * JMH benchmarks of the token path, measured against Spring Security's OAuth2 client.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.benchmarks;

import org.jspecify.annotations.NullMarked;
