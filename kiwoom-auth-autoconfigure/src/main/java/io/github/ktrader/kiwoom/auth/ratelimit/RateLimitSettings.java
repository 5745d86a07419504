package io.github.ktrader.kiwoom.auth.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * How one key pair's calls are paced and when a refused call is sent again.
 *
 * @param perApi the allowance of each API id without an entry in {@code apis}
 * @param apis allowances of single API ids, such as {@code ka10095}
 * @param total the key-wide allowance, shared by every API id
 * @param maxWait the longest a call waits for its permit before it fails without being
 * sent
 * @param retries how often a call Kiwoom refused for its rate is sent again
 * @param resendOrders whether order TRs refused for their rate are sent again too
 * @param orderApiIds the TR ids of orders
 * @param orderPaths the paths of orders
 * @since 0.1.0
 */
public record RateLimitSettings(Allowance perApi, Map<String, Allowance> apis, Allowance total, Duration maxWait,
		int retries, boolean resendOrders, Set<String> orderApiIds, Set<String> orderPaths) {

	/**
	 * Kiwoom's order TRs: 매수, 매도, 정정, 취소 and their credit (신용) forms.
	 */
	public static final Set<String> DEFAULT_ORDER_API_IDS = Set.of("kt10000", "kt10001", "kt10002", "kt10003",
			"kt10006", "kt10007", "kt10008", "kt10009");

	/**
	 * The paths of Kiwoom's order TRs.
	 */
	public static final Set<String> DEFAULT_ORDER_PATHS = Set.of("/api/dostk/ordr", "/api/dostk/crdordr");

	/**
	 * Create settings.
	 * @param perApi the allowance of each API id without an entry in {@code apis}
	 * @param apis allowances of single API ids
	 * @param total the key-wide allowance
	 * @param maxWait the longest wait for a permit
	 * @param retries how often a rate-refused call is sent again
	 * @param resendOrders whether rate-refused orders are sent again
	 * @param orderApiIds the TR ids of orders
	 * @param orderPaths the paths of orders
	 */
	public RateLimitSettings {
		Assert.notNull(perApi, "PerApi must not be null");
		Assert.notNull(apis, "Apis must not be null");
		Assert.notNull(total, "Total must not be null");
		Assert.isTrue(maxWait != null && !maxWait.isNegative(), "MaxWait must not be negative");
		Assert.isTrue(retries >= 0, "Retries must not be negative");
		apis = Map.copyOf(apis);
		orderApiIds = Set.copyOf(orderApiIds);
		orderPaths = Set.copyOf(orderPaths);
	}

	/**
	 * Return the defaults: one call per second per API id with no burst, which Kiwoom was
	 * measured to accept (a second call back to back is refused), 20 per second for the
	 * key, a wait of at most 10 seconds, two re-sends of a refused call, none of an
	 * order.
	 * @return the default settings
	 */
	public static RateLimitSettings defaults() {
		return new RateLimitSettings(new Allowance(1, 1), Map.of(), new Allowance(20, 20), Duration.ofSeconds(10), 2,
				false, DEFAULT_ORDER_API_IDS, DEFAULT_ORDER_PATHS);
	}

	/**
	 * Return whether a call is an order TR, by its TR id or its path.
	 * @param apiId the TR id, or {@code null}
	 * @param path the path
	 * @return whether it is an order
	 */
	public boolean isOrder(String apiId, String path) {
		return this.orderApiIds.contains(apiId) || this.orderPaths.contains(path);
	}

}
