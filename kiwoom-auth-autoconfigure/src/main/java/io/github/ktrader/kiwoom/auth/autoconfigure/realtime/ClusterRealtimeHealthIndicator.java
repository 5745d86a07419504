package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEventPublisher;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRealtime;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRealtimeStatus;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code kiwoomRealtimeCluster} health indicator: {@code UP} on every member, with
 * the default pair's {@code role} ({@code holder} or {@code standby}), its own id, the
 * holder's id, the size of the cluster's union and its own subscriptions, and the same
 * for each named pair in cluster mode under {@code accounts}. The socket itself shows
 * under the pair's {@code kiwoom} indicator.
 */
final class ClusterRealtimeHealthIndicator implements HealthIndicator {

	private final ListableBeanFactory beanFactory;

	ClusterRealtimeHealthIndicator(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public Health health() {
		Map<String, ClusterRealtime> members = new LinkedHashMap<>();
		this.beanFactory.getBeansOfType(ClusterRealtime.class)
			.values()
			.forEach((member) -> members.put(member.account(), member));
		ClusterRealtime defaultPair = members.remove(KiwoomTokenEventPublisher.DEFAULT_ACCOUNT);
		if (defaultPair == null) {
			return Health.unknown().build();
		}
		Health.Builder health = Health.up().withDetails(details(defaultPair.clusterStatus()));
		if (!members.isEmpty()) {
			Map<String, Object> accounts = new LinkedHashMap<>();
			members.forEach((account, member) -> accounts.put(account, details(member.clusterStatus())));
			health.withDetail("accounts", accounts);
		}
		return health.build();
	}

	private static Map<String, Object> details(ClusterRealtimeStatus status) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("role", status.role());
		details.put("member", status.member());
		details.put("union", status.union());
		details.put("subscriptions", status.subscriptions());
		if (status.holder() != null) {
			details.put("holder", status.holder());
		}
		return details;
	}

}
