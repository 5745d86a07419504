package io.github.ktrader.kiwoom.auth.test;

/**
 * Counts requests in progress and remembers the highest count seen. Thread-safe.
 */
final class InFlightCounter {

	private int current;

	private int max;

	/**
	 * Marks a request as started.
	 * @return the number in progress, this one included
	 */
	synchronized int enter() {
		this.current++;
		this.max = Math.max(this.max, this.current);
		return this.current;
	}

	/**
	 * Marks a request as finished.
	 */
	synchronized void exit() {
		this.current--;
	}

	synchronized int max() {
		return this.max;
	}

}
