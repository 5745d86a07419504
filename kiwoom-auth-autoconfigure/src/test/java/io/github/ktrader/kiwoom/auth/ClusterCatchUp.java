package io.github.ktrader.kiwoom.auth;

import org.springframework.test.util.ReflectionTestUtils;

/**
 * Runs a cluster member's catch-up with the shared token store once, now, instead of on
 * its schedule (every third of the lease): tests that need "the token was put back, and
 * no heartbeat has run since" give the members a long lease and call this.
 */
public final class ClusterCatchUp {

	private ClusterCatchUp() {
	}

	/**
	 * Catch up once, as the provider's reconciler would on its next round.
	 * @param provider a provider that has joined a cluster
	 */
	public static void now(CachingAccessTokenProvider provider) {
		ProviderParts parts = (ProviderParts) ReflectionTestUtils.getField(provider, "parts");
		Object joined = ReflectionTestUtils.getField(parts.cluster, "joined");
		ClusterReconciler reconciler = ReflectionTestUtils.invokeMethod(joined, "reconciler");
		reconciler.reconcile(parts.issuing::adopt, () -> provider.currentToken().orElse(null));
	}

}
