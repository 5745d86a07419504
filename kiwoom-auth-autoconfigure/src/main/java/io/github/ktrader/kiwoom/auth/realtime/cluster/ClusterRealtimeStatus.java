package io.github.ktrader.kiwoom.auth.realtime.cluster;

import io.github.ktrader.kiwoom.auth.realtime.RealtimeStatus;
import org.jspecify.annotations.Nullable;

/**
 * Where a member stands in the cluster's real-time socket, for health.
 *
 * @param role {@code holder} or {@code standby}
 * @param member this member's id
 * @param holder the id of the member that holds the socket, when known
 * @param union how many (type, item)s the cluster subscribes to, as last read
 * @param subscriptions this member's own subscriptions
 * @param session the holder's session, on the holder
 * @since 0.1.0
 */
public record ClusterRealtimeStatus(String role, String member, @Nullable String holder, int union, int subscriptions,
		@Nullable RealtimeStatus session) {

}
