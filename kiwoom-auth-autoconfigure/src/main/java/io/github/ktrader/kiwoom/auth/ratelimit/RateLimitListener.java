package io.github.ktrader.kiwoom.auth.ratelimit;

/**
 * Hears how long calls waited for their permit and which Kiwoom refused for their rate,
 * for metrics.
 *
 * @since 0.1.0
 */
public interface RateLimitListener {

	/**
	 * A listener that does nothing.
	 */
	RateLimitListener NONE = new RateLimitListener() {
	};

	/**
	 * A call got its permit.
	 * @param apiId the TR id
	 * @param nanos how long it waits for it, 0 when it was there
	 */
	default void waited(String apiId, long nanos) {
	}

	/**
	 * Kiwoom refused a call for its rate.
	 * @param apiId the TR id
	 */
	default void refused(String apiId) {
	}

}
