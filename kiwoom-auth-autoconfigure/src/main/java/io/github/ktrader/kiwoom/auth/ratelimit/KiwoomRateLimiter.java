package io.github.ktrader.kiwoom.auth.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.github.ktrader.kiwoom.auth.RateLimitRefusal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Paces the calls of one key pair to Kiwoom's allowance: one bucket per API id and one
 * for the whole key, each a {@link GcraBucket} in this process, or shared in Redis in
 * cluster mode.
 * <p>
 * A caller {@linkplain #reserve(String) reserves} a permit before it sends and waits
 * until it is due; a permit due later than {@link RateLimitSettings#maxWait()} is not
 * reserved, and the call must fail without being sent. A caller that waited reserves
 * again when the bucket {@linkplain #changes(String) changed} during its wait
 * ({@link #acquire(String)} does both). When Kiwoom refuses a call for its rate anyway,
 * {@link #refused} empties the bucket and lowers its allowance to the one Kiwoom states
 * ({@code 유량=N}), for the life of the process, with a warning the first time. When the
 * shared store cannot be reached, each instance paces on its own at the allowance divided
 * by the members last seen live. Thread-safe.
 *
 * @since 0.1.0
 */
public final class KiwoomRateLimiter {

	private static final Log logger = LogFactory.getLog(KiwoomRateLimiter.class);

	/**
	 * Name of the key-wide bucket.
	 */
	public static final String KEY_WIDE = "*";

	private final String account;

	private final RateLimitSettings settings;

	private final LongSupplier ticker;

	private final Sleeper sleeper;

	private final Clock clock;

	private final long maxWait;

	private final ConcurrentMap<String, GcraBucket> buckets = new ConcurrentHashMap<>();

	private final GcraBucket total;

	private final LearnedGroups groups = new LearnedGroups();

	private volatile @Nullable SharedPacing shared;

	private volatile RateLimitListener listener = RateLimitListener.NONE;

	/**
	 * Create a limiter on the system's clocks.
	 * @param account the key pair's name, for logs
	 * @param settings the allowances and re-send rules
	 */
	public KiwoomRateLimiter(String account, RateLimitSettings settings) {
		this(account, settings, System::nanoTime, Sleeper.THREAD, Clock.systemUTC());
	}

	/**
	 * Create a limiter.
	 * @param account the key pair's name, for logs
	 * @param settings the allowances and re-send rules
	 * @param ticker monotonic nanoseconds
	 * @param sleeper how a blocking caller waits
	 * @param clock wall time, for the time an order was sent
	 */
	public KiwoomRateLimiter(String account, RateLimitSettings settings, LongSupplier ticker, Sleeper sleeper,
			Clock clock) {
		Assert.hasText(account, "Account must not be empty");
		Assert.notNull(settings, "Settings must not be null");
		Assert.notNull(ticker, "Ticker must not be null");
		Assert.notNull(sleeper, "Sleeper must not be null");
		Assert.notNull(clock, "Clock must not be null");
		this.account = account;
		this.settings = settings;
		this.ticker = ticker;
		this.sleeper = sleeper;
		this.clock = clock;
		this.maxWait = settings.maxWait().toNanos();
		this.total = new GcraBucket(settings.total(), ticker.getAsLong());
	}

	/**
	 * Return a limiter that does not pace until Kiwoom states an allowance in a refusal,
	 * for clients built without {@code kiwoom.rate-limit.*}: it still sends refused calls
	 * again by the default rules and lowers a bucket to what Kiwoom states.
	 * @return a new limiter
	 */
	public static KiwoomRateLimiter unpaced() {
		RateLimitSettings defaults = RateLimitSettings.defaults();
		Allowance unbounded = new Allowance(1_000_000, 1_000_000);
		return new KiwoomRateLimiter("unpaced",
				new RateLimitSettings(unbounded, Map.of(), unbounded, defaults.maxWait(), defaults.retries(),
						defaults.resendOrders(), defaults.orderApiIds(), defaults.orderPaths()));
	}

	/**
	 * Share the buckets with the other instances on the key (cluster mode).
	 * @param shared the shared buckets
	 */
	public void setSharedPermits(@Nullable SharedPermits shared) {
		this.shared = (shared != null) ? new SharedPacing(this.account, shared, this.ticker) : null;
	}

	/**
	 * Set who hears of waits and refusals.
	 * @param listener the listener
	 */
	public void setListener(RateLimitListener listener) {
		Assert.notNull(listener, "Listener must not be null");
		this.listener = listener;
	}

	/**
	 * Return the settings.
	 * @return the settings
	 */
	public RateLimitSettings settings() {
		return this.settings;
	}

	/**
	 * Reserve a permit for one call.
	 * @param apiId the TR id (or the path when the call names none)
	 * @return nanoseconds to wait before sending, or -1 when the permit is due later than
	 * {@code maxWait}: the call must then fail without being sent
	 */
	public long reserve(String apiId) {
		return reserve(apiId, this.maxWait);
	}

	/**
	 * Reserve a permit again for a call that waited for one reserved before its bucket
	 * {@linkplain #changes(String) changed}, within what is left of {@code maxWait}.
	 * @param apiId the TR id (or the path when the call names none)
	 * @param waitedNanos how long the call has waited so far
	 * @return nanoseconds to wait before sending, or -1 when the permit is due later than
	 * what is left of {@code maxWait}: the call must then fail without being sent
	 */
	public long reserveAgain(String apiId, long waitedNanos) {
		return reserve(apiId, Math.max(0, this.maxWait - waitedNanos));
	}

	private long reserve(String apiId, long maxWait) {
		SharedPacing shared = this.shared;
		long wait = (shared != null) ? shared.reserve(apiId, this.total, bucket(apiId), maxWait)
				: GcraBucket.reserve(this.total, bucket(apiId), this.ticker.getAsLong(), maxWait);
		if (wait >= 0) {
			this.listener.waited(apiId, wait);
		}
		return wait;
	}

	/**
	 * Return a number that moves whenever a permit reserved for the call may have been
	 * reserved on stale terms: Kiwoom refused a call of its bucket or of the key's, or
	 * stated a lower allowance for either. A caller that waited for its permit compares
	 * it with the one it read before reserving, and {@linkplain #reserveAgain reserves
	 * again} if it moved: permits reserved at the configured rate before Kiwoom's first
	 * refusal would otherwise go out at that rate, and be refused too.
	 * @param apiId the TR id (or the path when the call names none)
	 * @return the count of changes, which only grows
	 */
	public long changes(String apiId) {
		GcraBucket bucket = bucket(apiId);
		GcraBucket group = bucket.group();
		return this.total.changes() + bucket.changes() + ((group != null) ? group.changes() : 0);
	}

	/**
	 * Return {@link #changes(String)} after a wait for a permit: in cluster mode, an
	 * instance that never learned the bucket's allowance first reads what the others
	 * learned meanwhile, so that a permit reserved at the configured pace before another
	 * instance's first refusal is reserved again too.
	 * @param apiId the TR id (or the path when the call names none)
	 * @return the count of changes, which only grows
	 */
	public long changesAfterWait(String apiId) {
		SharedPacing shared = this.shared;
		if (shared != null) {
			shared.refresh(apiId, this.total, bucket(apiId));
		}
		return changes(apiId);
	}

	/**
	 * Wait on the calling thread for a permit for one call, reserving again after the
	 * wait when Kiwoom refused a call or stated a lower allowance meanwhile, all within
	 * {@code maxWait}.
	 * @param apiId the TR id (or the path when the call names none)
	 * @return whether the call may be sent now; when {@code false} it must fail without
	 * being sent
	 * @throws InterruptedException if the thread was interrupted while waiting
	 */
	public boolean acquire(String apiId) throws InterruptedException {
		return acquire(apiId, this.maxWait);
	}

	/**
	 * Wait on the calling thread for a permit of this instance's buckets only, never the
	 * shared ones, within a wait of the caller's own: for au10002 at shutdown, when the
	 * application's Redis connection may be stopped already, one call per instance.
	 * @param apiId the TR id
	 * @param maxWait the longest the caller waits for its permit, such as the revoke
	 * timeout
	 * @return whether the call may be sent now; when {@code false} it must fail without
	 * being sent
	 * @throws InterruptedException if the thread was interrupted while waiting
	 */
	public boolean acquireLocally(String apiId, Duration maxWait) throws InterruptedException {
		Assert.notNull(maxWait, "MaxWait must not be null");
		long nanos = maxWait.toNanos();
		long wait = GcraBucket.reserve(this.total, bucket(apiId), this.ticker.getAsLong(), nanos);
		if (wait > 0) {
			this.sleeper.sleep(wait);
		}
		return wait >= 0;
	}

	private boolean acquire(String apiId, long maxWait) throws InterruptedException {
		long changes = changes(apiId);
		long wait = reserve(apiId, maxWait);
		long waited = 0;
		while (wait > 0) {
			this.sleeper.sleep(wait);
			waited += wait;
			long now = changesAfterWait(apiId);
			if (now == changes) {
				return true;
			}
			changes = now;
			wait = reserve(apiId, Math.max(0, maxWait - waited));
		}
		return wait == 0;
	}

	private GcraBucket bucket(String apiId) {
		GcraBucket bucket = this.buckets.get(apiId);
		if (bucket != null) {
			return bucket;
		}
		return this.buckets.computeIfAbsent(apiId,
				(key) -> new GcraBucket(this.settings.apis().getOrDefault(key, this.settings.perApi()),
						this.ticker.getAsLong()));
	}

	/**
	 * Wait for a reserved permit on the calling thread.
	 * @param nanos the wait {@link #reserve} returned
	 * @throws InterruptedException if the thread was interrupted while waiting
	 */
	public void await(long nanos) throws InterruptedException {
		if (nanos > 0) {
			this.sleeper.sleep(nanos);
		}
	}

	/**
	 * Kiwoom refused a call for its rate: the bucket is emptied and its allowance lowered
	 * to the one Kiwoom stated.
	 * @param apiId the TR id the call was paced under
	 * @param refusal what Kiwoom stated
	 */
	public void refused(String apiId, RateLimitRefusal refusal) {
		Assert.notNull(refusal, "Refusal must not be null");
		this.listener.refused(apiId);
		String name = refusal.keyWide() ? KEY_WIDE : apiId;
		GcraBucket bucket = refusal.keyWide() ? this.total : bucket(apiId);
		Integer stated = refusal.allowance();
		if (stated != null && bucket.lowerTo(stated)) {
			logger.warn("Kiwoom account '" + this.account + "': Kiwoom allows " + stated + " call(s) per second for "
					+ (refusal.keyWide() ? "the whole app key (총유량)" : apiId + " (유량)")
					+ ", fewer than configured (kiwoom.rate-limit.*); pacing at " + stated + " from now on");
		}
		long now = this.ticker.getAsLong();
		bucket.refused(now);
		GcraBucket group = null;
		if (refusal.code() != null && refusal.code() == RateLimitRefusal.GROUP && stated != null) {
			// Kiwoom names no other member of the group: see LearnedGroups
			group = this.groups.join(bucket, stated, now);
			group.refused(now);
		}
		SharedPacing shared = this.shared;
		if (shared != null) {
			shared.refused(name, bucket, (stated != null) ? stated : 0);
			if (group != null) {
				shared.refused(LearnedGroups.name(group), group, 0);
			}
		}
	}

	/**
	 * Return whether a call refused for its rate {@code refusals} times so far may be
	 * sent again: at most {@link RateLimitSettings#retries()} times, and an order only
	 * with {@link RateLimitSettings#resendOrders()}.
	 * @param order whether the call is an order TR
	 * @param refusals how often it was refused so far
	 * @return whether to send it again
	 */
	public boolean mayResend(boolean order, int refusals) {
		return refusals <= this.settings.retries() && (!order || this.settings.resendOrders());
	}

	/**
	 * Return the time now, for the time an order was sent.
	 * @return the instant
	 */
	public Instant now() {
		return this.clock.instant();
	}

	/**
	 * Return the allowances Kiwoom stated lower than the configured ones.
	 * @return allowances by API id ({@code *} for the whole key, {@code 1702:N} for the
	 * API ids Kiwoom refused with a 1702 stating {@code 총유량=N})
	 */
	public Map<String, Allowance> learnedAllowances() {
		Map<String, Allowance> learned = new TreeMap<>();
		learned.putAll(this.groups.allowances());
		if (!this.total.allowance().equals(this.settings.total())) {
			learned.put(KEY_WIDE, this.total.allowance());
		}
		this.buckets.forEach((apiId, bucket) -> {
			if (!bucket.allowance().equals(this.settings.apis().getOrDefault(apiId, this.settings.perApi()))) {
				learned.put(apiId, bucket.allowance());
			}
		});
		return learned;
	}

	/**
	 * How a blocking caller waits.
	 *
	 * @since 0.1.0
	 */
	@FunctionalInterface
	public interface Sleeper {

		/**
		 * Sleep on the calling thread.
		 */
		Sleeper THREAD = TimeUnit.NANOSECONDS::sleep;

		/**
		 * Sleep.
		 * @param nanos how long
		 * @throws InterruptedException if interrupted
		 */
		void sleep(long nanos) throws InterruptedException;

	}

}
