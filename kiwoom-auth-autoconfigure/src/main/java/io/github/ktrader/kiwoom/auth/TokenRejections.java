package io.github.ktrader.kiwoom.auth;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * What the provider does when Kiwoom rejects a token: drop it once however many calls
 * report it, count it towards a rejection storm, and in cluster mode tell a second 8010
 * apart as a configuration error. Thread-safe without a lock of its own: the drop is a
 * compare-and-set on the cached token, the marks are volatile, and the listener is told
 * on the reporting thread outside every lock.
 */
final class TokenRejections {

	private final TokenLog logger;

	/**
	 * Kiwoom's code for a token used from another IP than the one that issued it.
	 */
	private static final int IP_MISMATCH = 8010;

	private final TokenSlot slot;

	private final IssueRecord record;

	private final RejectionStormGuard stormGuard;

	private final ListenerNotices notices;

	private final BooleanSupplier clustered;

	private final AtomicInteger ipMismatches = new AtomicInteger();

	private volatile @Nullable AccessToken lastRejected;

	private volatile @Nullable AccessToken lastAdopted;

	TokenRejections(TokenSlot slot, IssueRecord record, RejectionStormGuard stormGuard, ListenerNotices notices,
			BooleanSupplier clustered, TokenLog logger) {
		this.slot = slot;
		this.record = record;
		this.stormGuard = stormGuard;
		this.notices = notices;
		this.clustered = clustered;
		this.logger = logger;
	}

	/**
	 * The token Kiwoom rejected last, in cluster mode: the store may still hold it, and
	 * it must not come back as a sibling's token.
	 */
	@Nullable AccessToken lastRejected() {
		return this.lastRejected;
	}

	/**
	 * Remember that this token is a sibling's: its age on this machine says nothing about
	 * a rejection storm.
	 */
	void adopted(AccessToken token) {
		this.lastAdopted = token;
	}

	/**
	 * In cluster mode, let the first 8010 through to a re-issue and throw on the second:
	 * the members do not share one egress IP.
	 */
	void checkIpMismatch(KiwoomStatus status) {
		if (this.clustered.getAsBoolean() && Integer.valueOf(IP_MISMATCH).equals(status.code())
				&& this.ipMismatches.getAndIncrement() > 0) {
			KiwoomAuthException ex = new KiwoomAuthException(KiwoomErrorKind.UNREGISTERED_IP, status,
					"Cluster mode: Kiwoom rejected the shared access token with 8010 (used from another IP than the "
							+ "one that issued it) again after a re-issue. Every member of the cluster must reach Kiwoom "
							+ "through the same registered public IP (one NAT gateway or egress proxy); members behind "
							+ "different IPs cannot share a token (give them their own appkey)",
					null);
			this.record.failed(ex, false);
			throw ex;
		}
	}

	/**
	 * Drop the rejected token if it is still the cached one, so that a burst of
	 * rejections for one token causes one issue.
	 */
	void rejected(AccessToken rejected) {
		if (this.clustered.getAsBoolean()) {
			this.lastRejected = rejected;
		}
		HeldToken cached = this.slot.get();
		if (cached != null && cached.token().equals(rejected) && this.slot.dropRejected(cached)) {
			this.record.dropped(IssueReason.REJECTED);
			// A sibling's token adopted here is young on this machine only: not a storm
			// sign
			Duration age = rejected.equals(this.lastAdopted) ? null
					: this.stormGuard.rejected(rejected, cached.placement().issuedAt());
			if (age == null) {
				this.logger.info("Kiwoom rejected access token " + rejected.masked() + "; issuing a new one");
			}
			this.notices.tell(() -> this.notices.listener().rejected(rejected));
			if (age != null) {
				this.notices.tell(() -> this.notices.listener().rejectedYoung(rejected, age));
			}
		}
	}

}
