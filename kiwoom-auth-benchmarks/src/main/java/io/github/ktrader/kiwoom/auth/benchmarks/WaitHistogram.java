package io.github.ktrader.kiwoom.auth.benchmarks;

/**
 * Log-linear histogram of waits in nanoseconds, precise to 1/16 of a power of two, with
 * the exact maximum. Not thread-safe: each caller records into its own, merged after the
 * callers have finished.
 */
final class WaitHistogram {

	private static final int SUB_BUCKET_BITS = 4;

	private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

	private final long[] counts = new long[64 * SUB_BUCKETS];

	private long total;

	private long max;

	void record(long nanos) {
		long value = Math.max(nanos, 0);
		this.counts[index(value)]++;
		this.total++;
		if (value > this.max) {
			this.max = value;
		}
	}

	void add(WaitHistogram other) {
		for (int i = 0; i < this.counts.length; i++) {
			this.counts[i] += other.counts[i];
		}
		this.total += other.total;
		this.max = Math.max(this.max, other.max);
	}

	long total() {
		return this.total;
	}

	long max() {
		return this.max;
	}

	long countAbove(long nanos) {
		long above = 0;
		for (int i = 0; i < this.counts.length; i++) {
			if (lowerBound(i) > nanos) {
				above += this.counts[i];
			}
		}
		return above;
	}

	/**
	 * Return the wait that the given fraction of calls did not exceed (nearest rank,
	 * rounded up to its bucket's upper bound, never above the maximum).
	 */
	long percentile(double fraction) {
		if (this.total == 0) {
			return 0;
		}
		long rank = Math.max(1, (long) Math.ceil(fraction * this.total));
		long seen = 0;
		for (int i = 0; i < this.counts.length; i++) {
			seen += this.counts[i];
			if (seen >= rank) {
				return Math.min(upperBound(i), this.max);
			}
		}
		return this.max;
	}

	static int index(long value) {
		if (value < SUB_BUCKETS) {
			return (int) value;
		}
		int exponent = 63 - Long.numberOfLeadingZeros(value);
		int sub = (int) ((value >>> (exponent - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1));
		return (exponent - SUB_BUCKET_BITS + 1) * SUB_BUCKETS + sub;
	}

	static long lowerBound(int index) {
		if (index < SUB_BUCKETS) {
			return index;
		}
		int exponent = index / SUB_BUCKETS + SUB_BUCKET_BITS - 1;
		int sub = index % SUB_BUCKETS;
		return ((long) SUB_BUCKETS + sub) << (exponent - SUB_BUCKET_BITS);
	}

	static long upperBound(int index) {
		if (index < SUB_BUCKETS) {
			return index;
		}
		int exponent = index / SUB_BUCKETS + SUB_BUCKET_BITS - 1;
		int sub = index % SUB_BUCKETS;
		return (((long) SUB_BUCKETS + sub + 1) << (exponent - SUB_BUCKET_BITS)) - 1;
	}

}
