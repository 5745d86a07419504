package io.github.ktrader.kiwoom.auth.ratelimit;

/**
 * Buckets shared by every instance on one key pair (cluster mode), so that together they
 * stay within the key's allowance, with the allowances Kiwoom stated to any of them.
 *
 * @since 0.1.0
 */
public interface SharedPermits {

	/**
	 * Reserve the next permit of a bucket, at the lower of {@code allowance} and the
	 * allowance any instance learned for the bucket.
	 * @param bucket the bucket: an API id, or {@code *} for the key-wide one
	 * @param allowance the bucket's allowance in this instance
	 * @param learned the allowance Kiwoom stated to this instance for the bucket
	 * ({@code 유량=N}), which the store keeps for the others, or 0 when none
	 * @param maxWaitNanos the longest wait the caller accepts
	 * @return how long to wait before sending, or -1 when that would exceed
	 * {@code maxWaitNanos} (nothing is reserved then)
	 * @throws RuntimeException when the shared store cannot be reached
	 */
	long reserve(String bucket, Allowance allowance, int learned, long maxWaitNanos);

	/**
	 * Kiwoom refused a call of the bucket: its next permit is one interval away, and the
	 * allowance Kiwoom stated is kept for every instance.
	 * @param bucket the bucket
	 * @param allowance the bucket's allowance
	 * @param stated the allowance Kiwoom stated ({@code 유량=N}), or 0 when none
	 * @throws RuntimeException when the shared store cannot be reached
	 */
	void refused(String bucket, Allowance allowance, int stated);

	/**
	 * Read again from the store the allowances instances learned for a bucket and for the
	 * key-wide one, for {@link #learned(String)}: a call that waited for a permit
	 * reserved before another instance learned a lower allowance reserves again.
	 * @param bucket the bucket
	 * @throws RuntimeException when the shared store cannot be reached
	 */
	void refresh(String bucket);

	/**
	 * Return the allowance an instance learned for a bucket, as this instance last read
	 * it from the store, without asking the store.
	 * @param bucket the bucket
	 * @return calls per second, or 0 when none was learned
	 */
	int learned(String bucket);

	/**
	 * Return how many instances were live on the key when last seen, at least 1.
	 * @return the live members
	 */
	int liveMembers();

}
