package io.github.ktrader.kiwoom.auth.test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Simulated failure applied to one request.
 */
@FunctionalInterface
interface Fault {

	/**
	 * Applies the fault to a request.
	 * @param release counted down by {@link Faults#clear()}, ending waits early
	 * @return the reply to send instead of the normal answer, or {@code null} to answer
	 * normally
	 * @throws InterruptedException when the simulator closes while waiting
	 */
	@Nullable Reply apply(CountDownLatch release) throws InterruptedException;

	/**
	 * Waits, then lets the request be answered normally.
	 * @param delay how long to wait
	 * @return the fault
	 */
	static Fault delay(Duration delay) {
		return (release) -> {
			release.await(delay.toNanos(), TimeUnit.NANOSECONDS);
			return null;
		};
	}

	/**
	 * Waits until released, then lets the request be answered normally.
	 * @return the fault
	 */
	static Fault hang() {
		return (release) -> {
			release.await();
			return null;
		};
	}

	/**
	 * Answers with the given reply.
	 * @param reply the reply
	 * @return the fault
	 */
	static Fault reply(Reply reply) {
		return (release) -> reply;
	}

}
