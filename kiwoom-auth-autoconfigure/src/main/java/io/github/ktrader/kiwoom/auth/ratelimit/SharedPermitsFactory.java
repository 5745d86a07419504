package io.github.ktrader.kiwoom.auth.ratelimit;

/**
 * Creates the {@link SharedPermits} of one key pair in cluster mode.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SharedPermitsFactory {

	/**
	 * Create the shared buckets of one key pair.
	 * @param baseUrl the pair's host
	 * @param appkey the pair's app key, which only names the buckets through a hash
	 * @param keyPrefix the first part of every Redis key
	 * @return the shared buckets
	 */
	SharedPermits create(String baseUrl, String appkey, String keyPrefix);

}
