/**
 * Kiwoom's real-time socket in cluster mode: one socket per (host, appkey) for the whole
 * cluster, held by the member with the lease, its frames fanned out to every member
 * through Redis.
 */
@NullMarked
package io.github.ktrader.kiwoom.auth.realtime.cluster;

import org.jspecify.annotations.NullMarked;
