package io.github.ktrader.kiwoom.auth;

import java.time.Duration;

/**
 * The cluster cools down after an au10001 sequence of some instance failed: carries the
 * kind of error that sequence met and how long the shared cool-down still lasts, so that
 * this instance's own cool-down ends with the cluster's instead of starting anew.
 */
final class ClusterCoolDownException extends KiwoomAuthException {

	private final Duration remaining;

	ClusterCoolDownException(KiwoomErrorKind kind, Duration remaining) {
		super(kind,
				"Cluster mode: an au10001 of this cluster failed (" + kind + "): " + kind.advice()
						+ " No instance issues for another " + remaining.toMillis()
						+ " ms (kiwoom.token.failure-cooldown / kiwoom.token.transient-failure-cooldown).",
				null);
		this.remaining = remaining;
	}

	Duration remaining() {
		return this.remaining;
	}

}
