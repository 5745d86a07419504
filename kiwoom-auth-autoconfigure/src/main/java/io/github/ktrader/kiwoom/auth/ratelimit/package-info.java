/**
 * Pacing of Kiwoom calls to the allowance of each key pair and API id, in this process or
 * across a cluster.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.ratelimit;

import org.jspecify.annotations.NullMarked;
