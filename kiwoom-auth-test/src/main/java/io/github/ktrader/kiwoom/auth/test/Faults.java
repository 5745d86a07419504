package io.github.ktrader.kiwoom.auth.test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * Script of simulated failures, per {@link Endpoint}.
 * <p>
 * Faults on one endpoint form a queue, like the responses queued on a mock web server:
 * each request to the endpoint is handled by the fault at the head of its queue, and a
 * fault leaves the queue once it has handled its number of requests. The methods that
 * take an {@code Endpoint} queue a fault with no limit, which therefore handles every
 * later request until {@link #clear()}; {@link #next(Endpoint, int)} queues one for the
 * next {@code count} requests only. Faults for one TR id ({@link #tr(String)},
 * {@link #next(String, int)}) form a queue of their own, consulted before the
 * {@link Endpoint#DATA} queue for calls with that {@code api-id}:
 *
 * <pre class="code">
 * simulator.faults().next(Endpoint.TOKEN, 1).httpStatus(503); // first issue: HTTP 503
 * simulator.faults().next(Endpoint.TOKEN, 2).delay(Duration.ofMillis(200)); // then two slow ones
 * // later issues are answered normally
 * simulator.faults().next("ka10081", 1).kiwoomError(KiwoomError.RATE_LIMITED); // one 1700
 * </pre>
 *
 * A delayed or hung request is answered normally once its wait ends; {@link #clear()}
 * ends every wait at once and closing the simulator abandons them. Requests that a fault
 * handles are still recorded. All methods are thread-safe.
 *
 * @since 0.1.0
 * @see KiwoomSimulator#faults()
 */
public final class Faults {

	private static final int UNLIMITED = -1;

	private final Map<Object, Deque<QueuedFault>> queues = new HashMap<>();

	private CountDownLatch release = new CountDownLatch(1);

	private @Nullable OverlapResponse overlapResponse;

	Faults() {
	}

	/**
	 * Delays every request to the endpoint, then answers it normally.
	 * @param endpoint the endpoint
	 * @param delay how long each request waits
	 */
	public void delay(Endpoint endpoint, Duration delay) {
		always(endpoint).delay(delay);
	}

	/**
	 * Leaves every request to the endpoint unanswered until {@link #clear()} or
	 * {@link KiwoomSimulator#close()}.
	 * @param endpoint the endpoint
	 */
	public void hang(Endpoint endpoint) {
		always(endpoint).hang();
	}

	/**
	 * Answers every request to the endpoint with an HTTP status and a small JSON error
	 * body.
	 * @param endpoint the endpoint
	 * @param status the HTTP status
	 */
	public void httpStatus(Endpoint endpoint, int status) {
		always(endpoint).httpStatus(status);
	}

	/**
	 * Answers every request to the endpoint with HTTP 200 and a Kiwoom error whose
	 * {@code return_code} is a JSON number.
	 * @param endpoint the endpoint
	 * @param returnCode the {@code return_code}
	 * @param message the {@code return_msg}, e.g.
	 * {@code 인증에 실패했습니다[8005:Token이 유효하지 않습니다]}
	 */
	public void kiwoomError(Endpoint endpoint, int returnCode, String message) {
		always(endpoint).kiwoomError(returnCode, message);
	}

	/**
	 * Answers every request to the endpoint with HTTP 200 and a Kiwoom error whose
	 * {@code return_code} is a JSON string.
	 * @param endpoint the endpoint
	 * @param returnCode the {@code return_code}, e.g. {@code "3"} or {@code "0003"}
	 * @param message the {@code return_msg}
	 */
	public void kiwoomErrorAsString(Endpoint endpoint, String returnCode, String message) {
		always(endpoint).kiwoomErrorAsString(returnCode, message);
	}

	/**
	 * Answers every request to the endpoint with an HTTP status and a body sent as is.
	 * @param endpoint the endpoint
	 * @param status the HTTP status
	 * @param body the body, e.g. malformed JSON; empty for none
	 */
	public void rawBody(Endpoint endpoint, int status, String body) {
		always(endpoint).rawBody(status, body);
	}

	/**
	 * Starts a fault that handles only the next requests to the endpoint.
	 * @param endpoint the endpoint
	 * @param count how many requests the fault handles, at least 1
	 * @return the builder that queues the fault
	 */
	public NextRequests next(Endpoint endpoint, int count) {
		Assert.notNull(endpoint, "Endpoint must not be null");
		Assert.isTrue(count > 0, "Count must be positive");
		return new NextRequests(this, endpoint, count);
	}

	/**
	 * Starts a fault that handles every later call with the given TR id, until
	 * {@link #clear()}.
	 * @param apiId the TR id, e.g. {@code ka10081}
	 * @return the builder that queues the fault
	 */
	public NextRequests tr(String apiId) {
		Assert.hasText(apiId, "API id must not be empty");
		return new NextRequests(this, new TrKey(apiId), UNLIMITED);
	}

	/**
	 * Starts a fault that handles only the next calls with the given TR id.
	 * @param apiId the TR id, e.g. {@code ka10081}
	 * @param count how many calls the fault handles, at least 1
	 * @return the builder that queues the fault
	 */
	public NextRequests next(String apiId, int count) {
		Assert.hasText(apiId, "API id must not be empty");
		Assert.isTrue(count > 0, "Count must be positive");
		return new NextRequests(this, new TrKey(apiId), count);
	}

	/**
	 * Sets whether an au10001 that arrives while another is in progress is refused with
	 * HTTP 429.
	 * @param reject whether to refuse overlapping issues
	 * @see #rejectOverlappingIssue(OverlapResponse)
	 */
	public void rejectOverlappingIssue(boolean reject) {
		setOverlapResponse(reject ? OverlapResponse.HTTP_429 : null);
	}

	/**
	 * Refuses an au10001 that arrives while another is in progress, with the given
	 * answer.
	 * <p>
	 * The check happens on arrival, before any queued fault; a refused request takes no
	 * fault from the queue.
	 * @param response how to refuse
	 */
	public void rejectOverlappingIssue(OverlapResponse response) {
		Assert.notNull(response, "Response must not be null");
		setOverlapResponse(response);
	}

	/**
	 * Removes every fault, turns off overlap refusal and ends the wait of every delayed
	 * or hung request.
	 */
	public void clear() {
		CountDownLatch released;
		synchronized (this) {
			this.queues.clear();
			this.overlapResponse = null;
			released = this.release;
			this.release = new CountDownLatch(1);
		}
		released.countDown();
	}

	private synchronized void setOverlapResponse(@Nullable OverlapResponse overlapResponse) {
		this.overlapResponse = overlapResponse;
	}

	synchronized @Nullable OverlapResponse overlapResponse() {
		return this.overlapResponse;
	}

	/**
	 * Applies the fault at the head of the TR id's queue, or else of the endpoint's.
	 * @param endpoint the endpoint the request went to
	 * @param apiId the request's {@code api-id}, or {@code null}
	 * @return the reply to send, or {@code null} to answer normally
	 * @throws InterruptedException when the simulator closes during a wait
	 */
	@Nullable Reply apply(Endpoint endpoint, @Nullable String apiId) throws InterruptedException {
		Fault fault;
		CountDownLatch latch;
		synchronized (this) {
			Deque<QueuedFault> queue = (endpoint == Endpoint.DATA && apiId != null) ? this.queues.get(new TrKey(apiId))
					: null;
			if (queue == null || queue.isEmpty()) {
				queue = this.queues.get(endpoint);
			}
			QueuedFault head = (queue != null) ? queue.peek() : null;
			if (queue == null || head == null) {
				return null;
			}
			if (head.remaining != UNLIMITED && --head.remaining == 0) {
				queue.poll();
			}
			fault = head.fault;
			latch = this.release;
		}
		return fault.apply(latch);
	}

	private NextRequests always(Endpoint endpoint) {
		Assert.notNull(endpoint, "Endpoint must not be null");
		return new NextRequests(this, endpoint, UNLIMITED);
	}

	private synchronized void enqueue(Object target, Fault fault, int count) {
		this.queues.computeIfAbsent(target, (key) -> new ArrayDeque<>()).add(new QueuedFault(fault, count));
	}

	/**
	 * How an overlapping au10001 is refused.
	 *
	 * @since 0.1.0
	 */
	public enum OverlapResponse {

		/**
		 * HTTP 429 with a small JSON error body.
		 */
		HTTP_429,

		/**
		 * HTTP 200 with {@code return_code} 5 and
		 * {@code 허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다]}.
		 */
		RETURN_CODE_5;

		Reply reply() {
			return (this == HTTP_429) ? Reply.httpError(429)
					: Reply.kiwoom(KiwoomMessages.RATE_LIMITED_CODE, KiwoomMessages.RATE_LIMITED);
		}

	}

	/**
	 * Queues one fault for a fixed number of requests to one endpoint.
	 *
	 * @since 0.1.0
	 * @see Faults#next(Endpoint, int)
	 */
	public static final class NextRequests {

		private final Faults faults;

		private final Object target;

		private final int count;

		private NextRequests(Faults faults, Object target, int count) {
			this.faults = faults;
			this.target = target;
			this.count = count;
		}

		/**
		 * Delays the requests, then answers them normally.
		 * @param delay how long each request waits
		 */
		public void delay(Duration delay) {
			Assert.notNull(delay, "Delay must not be null");
			Assert.isTrue(!delay.isNegative(), "Delay must not be negative");
			queue(Fault.delay(delay));
		}

		/**
		 * Leaves the requests unanswered until {@link Faults#clear()} or
		 * {@link KiwoomSimulator#close()}.
		 */
		public void hang() {
			queue(Fault.hang());
		}

		/**
		 * Answers the requests with an HTTP status and a small JSON error body.
		 * @param status the HTTP status, 200 to 599
		 */
		public void httpStatus(int status) {
			queue(Fault.reply(Reply.httpError(validStatus(status))));
		}

		/**
		 * Answers the requests with HTTP 200 and a Kiwoom error whose {@code return_code}
		 * is a JSON number.
		 * @param returnCode the {@code return_code}
		 * @param message the {@code return_msg}
		 */
		public void kiwoomError(int returnCode, String message) {
			Assert.notNull(message, "Message must not be null");
			queue(Fault.reply(Reply.kiwoom(returnCode, message)));
		}

		/**
		 * Answers the requests with HTTP 200 and one of Kiwoom's error answers, with
		 * {@code return_code} as a JSON number.
		 * @param error the error, e.g. {@link KiwoomError#RATE_LIMITED}
		 */
		public void kiwoomError(KiwoomError error) {
			Assert.notNull(error, "Error must not be null");
			kiwoomError(error.returnCode(), error.message());
		}

		/**
		 * Answers the requests with HTTP 200 and a Kiwoom error whose {@code return_code}
		 * is a JSON string.
		 * @param returnCode the {@code return_code}, e.g. {@code "3"} or {@code "0003"}
		 * @param message the {@code return_msg}
		 */
		public void kiwoomErrorAsString(String returnCode, String message) {
			Assert.notNull(returnCode, "Return code must not be null");
			Assert.notNull(message, "Message must not be null");
			ObjectNode body = Json.object();
			body.put("return_code", returnCode);
			body.put("return_msg", message);
			queue(Fault.reply(Reply.ok(body)));
		}

		/**
		 * Answers the requests with an HTTP status and a body sent as is, with
		 * {@code Content-Type: application/json;charset=UTF-8}.
		 * @param status the HTTP status, 200 to 599
		 * @param body the body, e.g. malformed JSON; empty for none
		 */
		public void rawBody(int status, String body) {
			Assert.notNull(body, "Body must not be null");
			queue(Fault.reply(new Reply(validStatus(status), body, Map.of())));
		}

		private void queue(Fault fault) {
			this.faults.enqueue(this.target, fault, this.count);
		}

		private static int validStatus(int status) {
			Assert.isTrue(status >= 200 && status <= 599, "Status must be between 200 and 599");
			return status;
		}

	}

	/**
	 * Key of the queue of faults for one TR id.
	 */
	private record TrKey(String apiId) {

	}

	/**
	 * Fault with the number of requests it still handles.
	 */
	private static final class QueuedFault {

		private final Fault fault;

		private int remaining;

		QueuedFault(Fault fault, int remaining) {
			this.fault = fault;
			this.remaining = remaining;
		}

	}

}
