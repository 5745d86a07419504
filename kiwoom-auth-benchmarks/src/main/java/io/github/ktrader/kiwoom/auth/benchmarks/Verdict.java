package io.github.ktrader.kiwoom.auth.benchmarks;

import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.Difference;

/**
 * Whether a measured figure meets an upper bound, judged on its confidence interval
 * rather than its estimate: a run on a busy or different machine must not flip a target
 * on noise alone.
 * <ul>
 * <li>{@link #MET}: the whole interval is at or below the bound;</li>
 * <li>{@link #NOT_MET}: the whole interval is above it;</li>
 * <li>{@link #NOT_RESOLVED}: the interval straddles it, or there is no figure.</li>
 * </ul>
 */
enum Verdict {

	/**
	 * The interval lies at or below the bound.
	 */
	MET("met"),

	/**
	 * The interval lies above the bound.
	 */
	NOT_MET("NOT met"),

	/**
	 * The interval contains the bound: more forks or iterations are needed to tell.
	 */
	NOT_RESOLVED("not resolved");

	private final String text;

	Verdict(String text) {
		this.text = text;
	}

	/**
	 * Judge {@code estimate ± halfWidth ≤ bound}.
	 * @param estimate the figure
	 * @param halfWidth the half-width of its confidence interval, not negative
	 * @param bound the most the figure may be
	 * @return the verdict; {@link #NOT_RESOLVED} when a number is missing (NaN)
	 */
	static Verdict atMost(double estimate, double halfWidth, double bound) {
		if (Double.isNaN(estimate) || Double.isNaN(halfWidth) || Double.isNaN(bound) || halfWidth < 0) {
			return NOT_RESOLVED;
		}
		if (estimate + halfWidth <= bound) {
			return MET;
		}
		if (estimate - halfWidth > bound) {
			return NOT_MET;
		}
		return NOT_RESOLVED;
	}

	/**
	 * Judge {@code estimate ± halfWidth ≥ bound}.
	 * @param estimate the figure
	 * @param halfWidth the half-width of its confidence interval, not negative
	 * @param bound the least the figure may be
	 * @return the verdict; {@link #NOT_RESOLVED} when a number is missing (NaN)
	 */
	static Verdict atLeast(double estimate, double halfWidth, double bound) {
		return atMost(-estimate, halfWidth, -bound);
	}

	/**
	 * Judge {@code difference ≤ bound} on the difference's interval.
	 * @param difference the figure and its half-width
	 * @param bound the most the figure may be
	 * @return the verdict
	 */
	static Verdict atMost(Difference difference, double bound) {
		return atMost(difference.value(), difference.error(), bound);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
