package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.github.ktrader.kiwoom.auth.ratelimit.Allowance;
import io.github.ktrader.kiwoom.auth.ratelimit.RateLimitSettings;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Pacing of one key pair's calls to Kiwoom's allowance ({@code kiwoom.rate-limit.*}) and
 * the rules for sending refused calls again.
 *
 * @since 0.1.0
 */
public class KiwoomRateLimitProperties {

	/**
	 * Allowance of each API id without its own entry under {@code apis}: Kiwoom refuses
	 * the second of two back-to-back calls of one API id and accepts calls 1 s apart.
	 */
	private final Limit perApi = new Limit(1, 1);

	/**
	 * Allowances of single API ids, such as {@code ka10095} (Kiwoom states 유량=5 for it).
	 */
	private final Map<String, Limit> apis = new LinkedHashMap<>();

	/**
	 * Allowance of the whole app key, shared by every API id (Kiwoom's 총유량); lowered to
	 * what Kiwoom states in a 1701 refusal.
	 */
	private final Limit total = new Limit(20, 20);

	/**
	 * Longest a call waits for its permit; past it the call fails with RATE_LIMITED
	 * without being sent.
	 */
	private Duration maxWait = Duration.ofSeconds(10);

	/**
	 * How often a call Kiwoom refused for its rate (1700, 1701, 1702, HTTP 429) is sent
	 * again after the pacing wait.
	 */
	private int retries = 2;

	/**
	 * Whether an order refused for its rate is sent again too. Kiwoom did not process it,
	 * so it is safe, but off unless asked for.
	 */
	private boolean resendOrders;

	/**
	 * TR ids of orders, never sent again after a timeout, a reset or HTTP 5xx.
	 */
	private Set<String> orderApiIds = new LinkedHashSet<>(RateLimitSettings.DEFAULT_ORDER_API_IDS);

	/**
	 * Paths of orders, never sent again after a timeout, a reset or HTTP 5xx.
	 */
	private Set<String> orderPaths = new LinkedHashSet<>(RateLimitSettings.DEFAULT_ORDER_PATHS);

	public Limit getPerApi() {
		return this.perApi;
	}

	public Map<String, Limit> getApis() {
		return this.apis;
	}

	public Limit getTotal() {
		return this.total;
	}

	public Duration getMaxWait() {
		return this.maxWait;
	}

	public void setMaxWait(Duration maxWait) {
		this.maxWait = maxWait;
	}

	public int getRetries() {
		return this.retries;
	}

	public void setRetries(int retries) {
		this.retries = retries;
	}

	public boolean isResendOrders() {
		return this.resendOrders;
	}

	public void setResendOrders(boolean resendOrders) {
		this.resendOrders = resendOrders;
	}

	public Set<String> getOrderApiIds() {
		return this.orderApiIds;
	}

	public void setOrderApiIds(Set<String> orderApiIds) {
		this.orderApiIds = orderApiIds;
	}

	public Set<String> getOrderPaths() {
		return this.orderPaths;
	}

	public void setOrderPaths(Set<String> orderPaths) {
		this.orderPaths = orderPaths;
	}

	/**
	 * Return the settings these properties describe, checked.
	 * @param prefix where the properties are bound, such as {@code kiwoom.rate-limit}
	 * @return the settings
	 * @throws InvalidConfigurationPropertyValueException naming the first bad property
	 */
	public RateLimitSettings toSettings(String prefix) {
		Map<String, Allowance> apis = new LinkedHashMap<>();
		this.apis.forEach((apiId, limit) -> apis.put(apiId, limit.toAllowance(prefix + ".apis." + apiId)));
		Duration maxWait = this.maxWait;
		if (maxWait == null || maxWait.isNegative() || maxWait.compareTo(Duration.ofMinutes(10)) > 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".max-wait", maxWait,
					"It must be between 0 and 10m, such as 10s.");
		}
		if (this.retries < 0 || this.retries > 10) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".retries", this.retries,
					"It must be between 0 and 10.");
		}
		return new RateLimitSettings(this.perApi.toAllowance(prefix + ".per-api"), apis,
				this.total.toAllowance(prefix + ".total"), maxWait, this.retries, this.resendOrders, this.orderApiIds,
				this.orderPaths);
	}

	@Override
	public String toString() {
		return "RateLimit[perApi=" + this.perApi + ", apis=" + this.apis + ", total=" + this.total + ", maxWait="
				+ this.maxWait + ", retries=" + this.retries + ", resendOrders=" + this.resendOrders + "]";
	}

	/**
	 * An allowance: calls per second and calls back to back.
	 */
	public static class Limit {

		/**
		 * Calls per second.
		 */
		private double rate;

		/**
		 * Calls that may go back to back after a pause.
		 */
		private int burst;

		public Limit() {
			this(1, 1);
		}

		Limit(double rate, int burst) {
			this.rate = rate;
			this.burst = burst;
		}

		public double getRate() {
			return this.rate;
		}

		public void setRate(double rate) {
			this.rate = rate;
		}

		public int getBurst() {
			return this.burst;
		}

		public void setBurst(int burst) {
			this.burst = burst;
		}

		Allowance toAllowance(String name) {
			if (!(this.rate > 0) || !Double.isFinite(this.rate)) {
				throw new InvalidConfigurationPropertyValueException(name + ".rate", this.rate,
						"It must be a positive number of calls per second, such as 1.");
			}
			if (this.burst < 1) {
				throw new InvalidConfigurationPropertyValueException(name + ".burst", this.burst,
						"It must be at least 1.");
			}
			return new Allowance(this.rate, this.burst);
		}

		@Override
		public String toString() {
			return this.rate + "/s burst " + this.burst;
		}

	}

}
