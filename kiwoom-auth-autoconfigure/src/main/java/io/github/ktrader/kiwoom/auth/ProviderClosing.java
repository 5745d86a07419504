package io.github.ktrader.kiwoom.auth;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The close and leave path of a {@link CachingAccessTokenProvider}: handing its token
 * over while beans are destroyed, closing, and in cluster mode leaving the cluster,
 * revoking the shared token only as the last instance out.
 */
final class ProviderClosing {

	private final ProviderParts parts;

	ProviderClosing(ProviderParts parts) {
		this.parts = parts;
	}

	List<AccessToken> release(Duration awaitIssue) {
		if (this.parts.cluster.closing()) {
			// Cluster mode: the token is the cluster's; keep serving it to beans being
			// destroyed, and let close() decide, as the last one out, whether to revoke
			return List.of();
		}
		return this.parts.slot.release(this.parts.inFlight, awaitIssue);
	}

	List<AccessToken> closeAndTake(Duration awaitIssue, boolean revoking) {
		return this.parts.cluster.lastOneOut(this.parts.slot.close(this.parts.inFlight, awaitIssue), revoking);
	}

	void close() {
		ShutdownHandoff handoff = this.parts.handoff;
		Consumer<List<AccessToken>> revoke = handoff.revoke();
		List<AccessToken> tokens = closeAndTake((revoke != null) ? handoff.closeAwait() : Duration.ZERO,
				revoke != null && handoff.revokes());
		if (revoke != null && !tokens.isEmpty()) {
			revoke.accept(tokens);
		}
	}

}
