package io.github.ktrader.kiwoom.auth.ratelimit;

/**
 * Buckets shared by every instance on one key pair (cluster mode), so that together they
 * stay within the key's allowance.
 *
 * @since 0.1.0
 */
public interface SharedPermits {

	/**
	 * Reserve the next permit of a bucket.
	 * @param bucket the bucket: an API id, or {@code *} for the key-wide one
	 * @param allowance the bucket's allowance
	 * @param maxWaitNanos the longest wait the caller accepts
	 * @return how long to wait before sending, or -1 when that would exceed
	 * {@code maxWaitNanos} (nothing is reserved then)
	 * @throws RuntimeException when the shared store cannot be reached
	 */
	long reserve(String bucket, Allowance allowance, long maxWaitNanos);

	/**
	 * Kiwoom refused a call of the bucket: its next permit is one interval away.
	 * @param bucket the bucket
	 * @param allowance the bucket's allowance
	 * @throws RuntimeException when the shared store cannot be reached
	 */
	void refused(String bucket, Allowance allowance);

	/**
	 * Return how many instances were live on the key when last seen, at least 1.
	 * @return the live members
	 */
	int liveMembers();

}
