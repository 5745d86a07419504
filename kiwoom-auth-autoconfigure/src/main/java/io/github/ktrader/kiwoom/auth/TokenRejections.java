package io.github.ktrader.kiwoom.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * What the provider does when Kiwoom rejects a token: drop it once however many calls
 * report it, count it towards a rejection storm, and tell an 8010 for a token issued
 * after an 8010 apart as a configuration error. Thread-safe: the drop is a
 * compare-and-set on the cached token, the 8010 marks are judged under this object's
 * monitor (which calls nothing outside), and the listener is told on the reporting thread
 * outside every lock.
 */
final class TokenRejections {

	private final TokenLog logger;

	/**
	 * Kiwoom's code for a token used from another IP than the one that issued it.
	 */
	private static final int IP_MISMATCH = 8010;

	/**
	 * How soon a second 8010, for a token issued after the first, means more than one
	 * public IP rather than the IP moving once (kiwoom.token.ip-mismatch-window).
	 */
	private volatile Duration ipMismatchWindow = Duration.ofMinutes(10);

	private final TokenSlot slot;

	private final IssueRecord record;

	private final RejectionStormGuard stormGuard;

	private final ListenerNotices notices;

	private final BooleanSupplier clustered;

	private final Clock clock;

	/**
	 * The last token this provider dropped for 8010, and when.
	 */
	private @Nullable IpMismatch lastIpMismatch;

	/**
	 * The token judged a configuration error: calls still in flight on it fail alike.
	 */
	private volatile @Nullable AccessToken ipMisconfigured;

	private volatile @Nullable AccessToken lastRejected;

	private volatile @Nullable AccessToken lastAdopted;

	TokenRejections(TokenSlot slot, IssueRecord record, RejectionStormGuard stormGuard, ListenerNotices notices,
			BooleanSupplier clustered, Clock clock, TokenLog logger) {
		this.slot = slot;
		this.clock = clock;
		this.record = record;
		this.stormGuard = stormGuard;
		this.notices = notices;
		this.clustered = clustered;
		this.logger = logger;
	}

	/**
	 * Set how soon a second 8010, for a token issued after the first, is a configuration
	 * error rather than the egress IP moving again.
	 */
	void setIpMismatchWindow(Duration window) {
		this.ipMismatchWindow = window;
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
	 * Judge an 8010 (a token used from another public IP than the one it was issued to).
	 * One 8010 is the egress IP moving once, a NAT gateway failover: the token is dropped
	 * and every call rejected for it shares one re-issue. Only when a token issued after
	 * an 8010 is itself answered with 8010 within the window
	 * ({@code kiwoom.token.ip-mismatch-window}) does this application reach Kiwoom
	 * through more than one public IP: that is a configuration error, thrown as
	 * {@link KiwoomErrorKind#UNREGISTERED_IP} once the token is dropped.
	 * @param rejected the token the call was sent with
	 * @param status Kiwoom's answer
	 */
	void checkIpMismatch(AccessToken rejected, KiwoomStatus status) {
		if (!Integer.valueOf(IP_MISMATCH).equals(status.code())) {
			return;
		}
		KiwoomAuthException verdict = judgeIpMismatch(rejected, status);
		if (verdict != null) {
			rejected(rejected);
			this.record.failed(verdict, false);
			throw verdict;
		}
	}

	private synchronized @Nullable KiwoomAuthException judgeIpMismatch(AccessToken rejected, KiwoomStatus status) {
		Instant now = this.clock.instant();
		if (rejected.equals(this.ipMisconfigured)) {
			// Another call on the token already judged
			return ipMismatchError(status);
		}
		HeldToken cached = this.slot.get();
		if (cached == null || !cached.token().equals(rejected)) {
			// A call in flight on a token already replaced: retried with the current one
			return null;
		}
		IpMismatch last = this.lastIpMismatch;
		if (last != null && last.token().equals(rejected)) {
			// Another call of the same burst: they all share one re-issue
			return null;
		}
		this.lastIpMismatch = new IpMismatch(rejected, now);
		boolean issuedSinceLast = last != null && !cached.placement().issuedAt().isBefore(last.at());
		if (!issuedSinceLast || !now.isBefore(last.at().plus(this.ipMismatchWindow))) {
			// The egress IP moved once (weeks apart is once each time): re-issue
			return null;
		}
		this.ipMisconfigured = rejected;
		return ipMismatchError(status);
	}

	private KiwoomAuthException ipMismatchError(KiwoomStatus status) {
		return new KiwoomAuthException(KiwoomErrorKind.UNREGISTERED_IP, status,
				"Kiwoom rejected an access token with 8010 (used from another public IP than the one that issued it) "
						+ "although it was issued after the previous 8010, within " + this.ipMismatchWindow
						+ " (kiwoom.token.ip-mismatch-window): this application reaches Kiwoom through more "
						+ "than one public IP. Send every call through the same registered public IP (one NAT gateway or "
						+ "egress proxy); in cluster mode every member must, or give members behind other IPs their "
						+ "own appkey. The token was dropped; the next call issues a new one",
				null);
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

	private record IpMismatch(AccessToken token, Instant at) {

	}

}
