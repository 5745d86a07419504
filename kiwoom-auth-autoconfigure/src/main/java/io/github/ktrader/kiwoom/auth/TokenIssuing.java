package io.github.ktrader.kiwoom.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Where the provider's new tokens come from: the one issue in flight, run by the caller
 * that claimed it behind the closed, cool-down and rejection-storm gates, or a sibling's
 * token in cluster mode.
 * <p>
 * Threading: the leader runs the issue on its own thread and holds no lock while Kiwoom
 * or the store answers; every other caller waits on the same future, bounded by the issue
 * wait. The listener is told after the outcome is installed and shared.
 */
final class TokenIssuing {

	private final TokenLog logger;

	private final TokenIssuer issuer;

	private final TokenSlot slot;

	private final InFlightIssue inFlight;

	private final FailureCooldown cooldown;

	private final RejectionStormGuard stormGuard;

	private final IssueRecord record;

	private final ListenerNotices notices;

	private final TokenRejections rejections;

	private final Supplier<@Nullable ClusterTokenSource> cluster;

	private volatile Duration issueWait = Duration.ofSeconds(60);

	TokenIssuing(TokenIssuer issuer, TokenSlot slot, InFlightIssue inFlight, FailureCooldown cooldown,
			RejectionStormGuard stormGuard, IssueRecord record, ListenerNotices notices, TokenRejections rejections,
			Supplier<@Nullable ClusterTokenSource> cluster, TokenLog logger) {
		this.issuer = issuer;
		this.slot = slot;
		this.inFlight = inFlight;
		this.cooldown = cooldown;
		this.stormGuard = stormGuard;
		this.record = record;
		this.notices = notices;
		this.rejections = rejections;
		this.cluster = cluster;
		this.logger = logger;
	}

	void setIssueWait(Duration issueWait) {
		this.issueWait = issueWait;
	}

	/**
	 * Get a token when none is cached: run the issue, or wait for the one in flight.
	 */
	AccessToken obtain() {
		InFlightIssue.Claim claim = this.inFlight.claim();
		if (!claim.leader()) {
			return InFlightIssue.await(claim.future(), this.issueWait);
		}
		return lead(claim.future(), this::issueForCaller);
	}

	/**
	 * Run the issue this thread claimed, share its outcome, then tell the listener.
	 * @param work the issue or renewal, adding the notices it owes to the list it gets
	 */
	AccessToken lead(CompletableFuture<AccessToken> future, Function<List<Runnable>, AccessToken> work) {
		List<Runnable> notices = new ArrayList<>(2);
		try {
			AccessToken token = work.apply(notices);
			this.inFlight.finish(future);
			future.complete(token);
			return token;
		}
		catch (RuntimeException | Error ex) {
			this.inFlight.finish(future);
			future.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.notices.tellAll(notices);
		}
	}

	/**
	 * The seam where a new token comes from for a caller that has none. Gates first:
	 * closed, cool-down after a failure, rejection storm.
	 */
	AccessToken issueForCaller(List<Runnable> notices) {
		HeldToken cached = this.slot.get();
		if (cached != null) {
			return cached.token();
		}
		this.slot.assertOpen();
		this.cooldown.check();
		this.stormGuard.check();
		IssueReason reason = this.record.nextReason();
		long start = System.nanoTime();
		ClusterTokenSource.Fetched fetched;
		try {
			fetched = fetchNewToken(null);
		}
		catch (RuntimeException ex) {
			this.record.failed(ex, false);
			this.cooldown.failed(ex);
			logIfFatal(ex);
			notices.add(() -> this.notices.listener().issueFailed(ex, reason, since(start)));
			throw ex;
		}
		AccessToken issued = fetched.token();
		this.record.succeeded();
		this.cooldown.succeeded();
		if (!fetched.issued()) {
			return adoptFetched(issued);
		}
		this.stormGuard.issued();
		if (!this.slot.install(issued, false)) {
			throw TokenSlot.closedException();
		}
		this.logger.info("Issued Kiwoom access token " + issued);
		notices.add(() -> this.notices.listener().issued(issued, reason, since(start)));
		return issued;
	}

	/**
	 * Serve the cluster's token that a fetch returned. Its announcement may have reached
	 * this instance meanwhile and installed it already: then it is not installed, nor
	 * logged, a second time.
	 */
	private AccessToken adoptFetched(AccessToken shared) {
		if (this.slot.adopt(shared, () -> this.rejections.adopted(shared))) {
			this.logger.info("Adopted the cluster's Kiwoom access token " + shared);
			return shared;
		}
		HeldToken cached = this.slot.get();
		if (cached == null) {
			throw TokenSlot.closedException();
		}
		return cached.token();
	}

	/**
	 * A failure no retry fixes (wrong keys, wrong environment, unregistered IP) gets one
	 * WARN with Kiwoom's code and the advice: calls during the cool-down that follows get
	 * the same error without an au10001, and without another line.
	 */
	private void logIfFatal(RuntimeException ex) {
		if (ex instanceof KiwoomAuthException kiwoom && kiwoom.getKind().isFatal()
				&& kiwoom.getKind() != KiwoomErrorKind.CLOSED) {
			Instant next = this.cooldown.nextAttemptAt();
			this.logger.warn("Could not issue a Kiwoom access token (" + kiwoom.getKind() + "): " + ex.getMessage()
					+ ((next != null) ? " Calls fail without contacting Kiwoom until "
							+ next.atZone(AccessToken.KIWOOM_ZONE).toOffsetDateTime()
							+ " (kiwoom.token.failure-cooldown)." : ""));
		}
	}

	/**
	 * The one place a new token comes from, always called by the leader of the one issue
	 * in flight: Kiwoom (au10001), or in cluster mode the shared token, or an au10001
	 * under the cluster's issue lock.
	 * @param replacing the token a renewal replaces, {@code null} when none is cached
	 */
	ClusterTokenSource.Fetched fetchNewToken(@Nullable AccessToken replacing) {
		ClusterTokenSource source = this.cluster.get();
		if (source == null) {
			return new ClusterTokenSource.Fetched(this.issuer.issue(), true);
		}
		return source.fetch(replacing, this.rejections.lastRejected());
	}

	/**
	 * A sibling announced a token: serve it if it differs from the cached one, whatever
	 * its expiry, and plan its renewal, which pushes this instance's own renewal back.
	 */
	void adopt(AccessToken shared) {
		AccessToken rejected = this.rejections.lastRejected();
		if (rejected != null && rejected.value().equals(shared.value())) {
			return;
		}
		if (this.slot.adopt(shared, () -> this.rejections.adopted(shared))) {
			this.logger.info("Adopted the cluster's Kiwoom access token " + shared);
		}
	}

	static Duration since(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

}
