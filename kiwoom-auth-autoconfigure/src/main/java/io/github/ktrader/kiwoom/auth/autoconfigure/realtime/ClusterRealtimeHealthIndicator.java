package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRealtime;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRealtimeStatus;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code kiwoomRealtimeCluster} health indicator: {@code UP} on every member, with
 * its {@code role} ({@code holder} or {@code standby}), its own id, the holder's id, the
 * size of the cluster's union and its own subscriptions. The socket itself shows under
 * the pair's {@code kiwoom} indicator.
 */
final class ClusterRealtimeHealthIndicator implements HealthIndicator {

	private final ObjectProvider<KiwoomRealtime> realtime;

	ClusterRealtimeHealthIndicator(ObjectProvider<KiwoomRealtime> realtime) {
		this.realtime = realtime;
	}

	@Override
	public Health health() {
		if (!(this.realtime.getIfAvailable() instanceof ClusterRealtime cluster)) {
			return Health.unknown().build();
		}
		ClusterRealtimeStatus status = cluster.clusterStatus();
		Health.Builder health = Health.up()
			.withDetail("role", status.role())
			.withDetail("member", status.member())
			.withDetail("union", status.union())
			.withDetail("subscriptions", status.subscriptions());
		if (status.holder() != null) {
			health.withDetail("holder", status.holder());
		}
		return health.build();
	}

}
