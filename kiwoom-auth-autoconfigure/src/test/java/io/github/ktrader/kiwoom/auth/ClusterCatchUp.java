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
		ClusterMembership membership = (ClusterMembership) ReflectionTestUtils.getField(provider, "cluster");
		Object joined = ReflectionTestUtils.getField(membership, "joined");
		ClusterReconciler reconciler = ReflectionTestUtils.invokeMethod(joined, "reconciler");
		TokenIssuing issuing = (TokenIssuing) ReflectionTestUtils.getField(provider, "issuing");
		reconciler.reconcile(issuing::adopt, () -> provider.currentToken().orElse(null));
	}

}
