package io.github.ktrader.kiwoom.auth.ratelimit;

import org.springframework.util.Assert;

/**
 * How many calls Kiwoom allows: {@code rate} calls per second on average, at most
 * {@code burst} back to back.
 *
 * @param rate calls per second
 * @param burst calls that may go back to back after a pause
 * @since 0.1.0
 */
public record Allowance(double rate, int burst) {

	/**
	 * Create an allowance.
	 * @param rate calls per second, positive
	 * @param burst calls back to back, at least 1
	 */
	public Allowance {
		Assert.isTrue(rate > 0 && Double.isFinite(rate), "Rate must be positive");
		Assert.isTrue(burst >= 1, "Burst must be at least 1");
	}

	/**
	 * How much longer than {@code 1 / rate} calls are spaced: Kiwoom counts calls as they
	 * arrive, and two calls sent exactly one interval apart can arrive closer than that
	 * when the first took longer on the way (another thread, another instance), so that
	 * the second would be refused. Against a window of one second the margin adds up over
	 * the window's calls: 3 % lets the first call of a window reach Kiwoom 30 ms late,
	 * more than a loaded machine's scheduling jitter (2 %, 20 ms, was not), and keeps 97
	 * percent of the allowance; 4 percent kept 96, which the window lost to the first
	 * refusal brought below 95 over 30 seconds.
	 */
	static final double MARGIN = 1.03;

	/**
	 * Return the nanoseconds between two calls at this rate, with a margin of 3 % for the
	 * calls' unequal ways to Kiwoom.
	 * @return the interval
	 */
	public long intervalNanos() {
		return Math.max(1, (long) (1_000_000_000d * MARGIN / this.rate));
	}

	/**
	 * Return this allowance shared by {@code members} instances, each with its part.
	 * @param members how many instances share it
	 * @return the part of one instance
	 */
	Allowance dividedBy(int members) {
		if (members <= 1) {
			return this;
		}
		return new Allowance(this.rate / members, Math.max(1, this.burst / members));
	}

}
