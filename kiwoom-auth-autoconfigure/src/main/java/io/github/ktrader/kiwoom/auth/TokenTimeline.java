package io.github.ktrader.kiwoom.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * Places a token's renewal and expiry on this machine's clock from the lifetime Kiwoom
 * states, so that a wrong local clock cannot make every token look nearly expired.
 * <p>
 * The lifetime is {@code expires_dt} less the {@code Date} header of the same au10001
 * answer (Kiwoom's clock) when Kiwoom sent one, else {@code expires_dt} less this
 * machine's clock. Renewal and expiry are then set that far from the moment the answer
 * arrived, by relative delays. A renewal is planned no earlier than half the lifetime and
 * no sooner than a quarter of the lifetime, at most {@link #MIN_RENEWAL_INTERVAL}, after
 * the previous renewal, whatever the clocks say: the floor is proportional so that a
 * token living under two minutes is still renewed in the background before it expires,
 * rather than every second one expiring and a request thread issuing.
 * <p>
 * A lifetime shorter than {@link #MIN_VALIDITY} is trusted when Kiwoom's own clock states
 * it (the {@code Date} header) and it is at least {@link #MIN_STATED_LIFETIME}; otherwise
 * it is taken for a clock fault (a wrong local clock, an {@code expires_dt} in the wrong
 * zone) and stretched to {@link #MIN_VALIDITY}, so that a token that looks already
 * expired cannot start a loop of issues.
 */
final class TokenTimeline {

	static final Duration MIN_VALIDITY = Duration.ofSeconds(30);

	/**
	 * Shortest lifetime stated on Kiwoom's clock taken as it is: both {@code expires_dt}
	 * and the {@code Date} header have one-second resolution, too coarse to place a
	 * shorter one.
	 */
	static final Duration MIN_STATED_LIFETIME = Duration.ofSeconds(5);

	static final Duration MIN_RENEWAL_INTERVAL = Duration.ofMinutes(1);

	static final Duration LARGE_SKEW = Duration.ofMinutes(1);

	private final TokenLog logger;

	private final Duration renewBefore;

	private final Duration renewJitter;

	private final AtomicBoolean skewLogged = new AtomicBoolean();

	private volatile @Nullable Instant lastRenewalAt;

	TokenTimeline(Duration renewBefore, Duration renewJitter, TokenLog logger) {
		this.renewBefore = renewBefore;
		this.renewJitter = renewJitter;
		this.logger = logger.forCategory(TokenTimeline.class);
	}

	/**
	 * Place a token that arrived at {@code now} on this machine's clock.
	 */
	Placement place(AccessToken token, Instant now, boolean renewal) {
		Instant kiwoomNow = token.issuedAt();
		if (kiwoomNow != null) {
			logSkewOnce(Duration.between(kiwoomNow, now));
		}
		Duration lifetime = Duration.between((kiwoomNow != null) ? kiwoomNow : now, token.expiresAt());
		boolean stated = kiwoomNow != null && lifetime.compareTo(MIN_STATED_LIFETIME) >= 0;
		if (lifetime.compareTo(MIN_VALIDITY) < 0 && !stated) {
			this.logger.warn("Kiwoom access token " + token + " expires within " + MIN_VALIDITY.toSeconds()
					+ "s of its issue" + ((kiwoomNow != null) ? " by Kiwoom's clock" : " by this machine's clock")
					+ "; is the clock right? Serving it for " + MIN_VALIDITY.toSeconds()
					+ "s or until Kiwoom rejects it");
			lifetime = MIN_VALIDITY;
		}
		if (renewal) {
			this.lastRenewalAt = now;
		}
		Instant expiresAt = now.plus(lifetime);
		return new Placement(now, expiresAt, renewalTime(now, lifetime));
	}

	private Instant renewalTime(Instant now, Duration lifetime) {
		long jitterMillis = this.renewJitter.toMillis();
		Duration jitter = Duration
			.ofMillis((jitterMillis > 0) ? ThreadLocalRandom.current().nextLong(jitterMillis + 1) : 0);
		Duration delay = max(lifetime.minus(this.renewBefore).minus(jitter), lifetime.dividedBy(2));
		Instant at = now.plus(delay);
		Instant last = this.lastRenewalAt;
		Instant floor = (last != null) ? last.plus(min(MIN_RENEWAL_INTERVAL, lifetime.dividedBy(4))) : at;
		return at.isBefore(floor) ? floor : at;
	}

	private void logSkewOnce(Duration skew) {
		if (skew.abs().compareTo(LARGE_SKEW) > 0 && this.skewLogged.compareAndSet(false, true)) {
			this.logger.warn("This machine's clock is " + skew.abs().toSeconds() + " s "
					+ (skew.isNegative() ? "behind" : "ahead of")
					+ " Kiwoom's (the Date header of au10001). Token renewal and expiry follow the lifetime "
					+ "Kiwoom states, but check this machine's time synchronisation (NTP)");
		}
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * Where a token stands on this machine's clock.
	 *
	 * @param issuedAt when its au10001 answer arrived
	 * @param expiresAt when it expires
	 * @param renewAt when to renew it
	 */
	record Placement(Instant issuedAt, Instant expiresAt, Instant renewAt) {

	}

}
