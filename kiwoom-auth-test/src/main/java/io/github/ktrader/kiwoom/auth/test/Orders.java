package io.github.ktrader.kiwoom.auth.test;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * Kiwoom's order TR {@code kt10000} (매수, {@code POST /api/dostk/ordr}), simulated so that
 * tests can check order safety: every order that reaches it is accepted and counted, and
 * its answer can then be held back past the client's read timeout or replaced by an HTTP
 * 5xx, as when Kiwoom accepted an order whose answer never arrived. <pre class="code">
 * simulator.orders().delayNextAnswer(Duration.ofSeconds(30));
 * simulator.orders().failNextAnswer(503);
 * assertThat(simulator.orders().acceptedCount()).isOne();
 * </pre> Thread-safe.
 *
 * @since 0.1.0
 */
public final class Orders {

	/**
	 * The order TR simulated.
	 */
	public static final String API_ID = "kt10000";

	/**
	 * Its path.
	 */
	public static final String PATH = "/api/dostk/ordr";

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicReference<@Nullable Duration> nextDelay = new AtomicReference<>();

	private final AtomicInteger nextFailure = new AtomicInteger();

	/**
	 * Hold back the answer to the next order, after accepting it.
	 * @param delay how long
	 */
	public void delayNextAnswer(Duration delay) {
		Assert.isTrue(delay != null && !delay.isNegative(), "Delay must not be negative");
		this.nextDelay.set(delay);
	}

	/**
	 * Answer the next order with an HTTP error, after accepting it.
	 * @param status the HTTP status, such as 503
	 */
	public void failNextAnswer(int status) {
		Assert.isTrue(status >= 500 && status < 600, "Status must be 5xx");
		this.nextFailure.set(status);
	}

	/**
	 * Return how many orders were accepted.
	 * @return the orders accepted
	 */
	public int acceptedCount() {
		return this.accepted.get();
	}

	/**
	 * Forget the orders and the pending faults.
	 */
	public void clear() {
		this.accepted.set(0);
		this.nextDelay.set(null);
		this.nextFailure.set(0);
	}

	Reply handle(ObjectNode request) {
		int number = this.accepted.incrementAndGet();
		Duration delay = this.nextDelay.getAndSet(null);
		if (delay != null) {
			try {
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		int failure = this.nextFailure.getAndSet(0);
		if (failure != 0) {
			return Reply.httpError(failure);
		}
		ObjectNode answer = Json.object();
		answer.put("ord_no", String.format(Locale.ROOT, "%07d", number));
		answer.put("dmst_stex_tp", "KRX");
		answer.put("return_code", KiwoomMessages.SUCCESS_CODE);
		answer.put("return_msg", "매수주문이 완료되었습니다.");
		return Reply.ok(answer);
	}

}
