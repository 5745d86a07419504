package io.github.ktrader.kiwoom.auth;

import java.time.Duration;

/**
 * Creates the {@link SharedTokenStore} of one key pair, so that every pair of an
 * application (the default one and each named one) shares its token in cluster mode under
 * its own host and app key.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SharedTokenStoreFactory {

	/**
	 * Create and start the store of one key pair; the caller closes it, if it is
	 * {@link AutoCloseable}, when the pair is destroyed.
	 * @param credentials the pair's keys
	 * @param baseUrl the pair's host, such as {@code https://api.kiwoom.com}
	 * @param keyPrefix the first part of every key and channel name
	 * @param lease how long a member counts as alive without a heartbeat
	 * @return the started store
	 */
	SharedTokenStore create(KiwoomCredentials credentials, String baseUrl, String keyPrefix, Duration lease);

}
