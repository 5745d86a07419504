package io.github.ktrader.kiwoom.auth.ratelimit;

import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * A token bucket kept as one number, the time its next permit is due (the generic cell
 * rate algorithm): taking a permit is one compare-and-set on a long, with no lock and no
 * allocation, so that a call whose permit is there pays next to nothing.
 * <p>
 * Times are nanoseconds of a monotonic ticker. The allowance can only be lowered, when
 * Kiwoom states a lower one; it is then kept for the life of the process. Each lowering
 * and each refusal moves the bucket's {@linkplain #changes() changes}, so that a caller
 * who reserved before can tell that its permit was reserved on stale terms.
 */
final class GcraBucket {

	/**
	 * The span Kiwoom counts an allowance over ({@code 유량=N}: N calls per second).
	 */
	static final long WINDOW = 1_000_000_000L;

	private final AtomicLong due;

	private final AtomicLong changes = new AtomicLong();

	private volatile Allowance allowance;

	private volatile long interval;

	private volatile long tolerance;

	private volatile int learned;

	private volatile @Nullable GcraBucket group;

	GcraBucket(Allowance allowance, long now) {
		this.due = new AtomicLong(now);
		set(allowance);
	}

	private void set(Allowance allowance) {
		this.allowance = allowance;
		long interval = allowance.intervalNanos();
		this.interval = interval;
		this.tolerance = (allowance.burst() - 1) * interval;
	}

	Allowance allowance() {
		return this.allowance;
	}

	/**
	 * Return the allowance Kiwoom stated lower than the configured one.
	 * @return calls per second, or 0 when none was stated
	 */
	int learned() {
		return this.learned;
	}

	/**
	 * Return the bucket of the group of APIs Kiwoom said this API id shares an allowance
	 * with (1702).
	 * @return the group's bucket, or {@code null}
	 */
	@Nullable GcraBucket group() {
		return this.group;
	}

	/**
	 * Pace this API id within a group's bucket too, from now on.
	 * @param group the group's bucket
	 */
	synchronized void join(GcraBucket group) {
		if (this.group == null) {
			this.group = group;
			this.changes.incrementAndGet();
		}
	}

	/**
	 * Return how often the allowance was lowered or Kiwoom refused a call of the bucket.
	 * @return the count, which only grows
	 */
	long changes() {
		return this.changes.get();
	}

	/**
	 * Reserve the next permit.
	 * @param now the ticker's time
	 * @param maxWait the longest wait the caller accepts
	 * @return how long to wait before sending, or -1 when that would exceed
	 * {@code maxWait} (nothing is reserved then)
	 */
	long reserve(long now, long maxWait) {
		long interval = this.interval;
		long tolerance = this.tolerance;
		while (true) {
			long due = this.due.get();
			long wait = Math.max(0, due - tolerance - now);
			if (wait > maxWait) {
				return -1;
			}
			if (this.due.compareAndSet(due, Math.max(due, now) + interval)) {
				return wait;
			}
		}
	}

	/**
	 * Reserve the next permit of the key-wide bucket, of a call's own and of its group's
	 * if it has one, all at the same moment.
	 * @param total the key-wide bucket
	 * @param perApi the call's bucket
	 * @param now the ticker's time
	 * @param maxWait the longest wait the caller accepts
	 * @return how long to wait before sending, or -1 when that would exceed
	 * {@code maxWait}
	 */
	static long reserve(GcraBucket total, GcraBucket perApi, long now, long maxWait) {
		long keyWide = total.reserve(now, maxWait);
		if (keyWide < 0) {
			return -1;
		}
		long wait = perApi.reserve(now, maxWait);
		if (wait < 0) {
			return -1;
		}
		GcraBucket group = perApi.group;
		long inGroup = (group != null) ? group.reserve(now, maxWait) : 0;
		return (inGroup < 0) ? -1 : Math.max(Math.max(keyWide, wait), inGroup);
	}

	/**
	 * Kiwoom refused a call: its window is full, so the next permit is a second away (the
	 * span Kiwoom counts its allowance over, in which earlier calls may still count), or
	 * one interval if that is longer, whatever the bucket thought.
	 */
	void refused(long now) {
		long full = now + Math.max(this.interval, WINDOW) + this.tolerance;
		this.due.accumulateAndGet(full, Math::max);
		this.changes.incrementAndGet();
	}

	/**
	 * Lower the allowance to what Kiwoom stated, never raise it.
	 * @return whether it was lowered
	 */
	synchronized boolean lowerTo(int stated) {
		Allowance current = this.allowance;
		if (stated >= current.rate()) {
			return false;
		}
		set(new Allowance(stated, Math.min(current.burst(), stated)));
		this.learned = stated;
		this.changes.incrementAndGet();
		return true;
	}

}
