package io.github.ktrader.kiwoom.auth.client;

import java.net.ConnectException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import io.github.ktrader.kiwoom.auth.RateLimitRefusal;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import org.jspecify.annotations.Nullable;

/**
 * The re-send rule of every call path, written once (the README's table says the same):
 * <ul>
 * <li>a token rejection (8005, 8010, 8031, 8103, HTTP 401) is sent once more with a new
 * token, orders included: Kiwoom rejected it at authentication and did not process
 * it;</li>
 * <li>a rate refusal ({@link RateLimitRefusal}) is sent again after the pacing wait, at
 * most {@code kiwoom.rate-limit.retries} times; an order only with
 * {@code kiwoom.rate-limit.resend-orders=true};</li>
 * <li>nothing else is ever sent again: no other error answer, and no read timeout, reset,
 * HTTP 5xx or unreadable answer, which for an order is
 * {@link KiwoomErrorKind#OUTCOME_UNKNOWN}.</li>
 * </ul>
 * The pacing before each send: a permit due later than {@code kiwoom.rate-limit.max-wait}
 * fails the call with {@link KiwoomErrorKind#RATE_LIMITED} without sending it.
 */
final class CallRules {

	private static final DateTimeFormatter KST = DateTimeFormatter
		.ofPattern("uuuu-MM-dd HH:mm:ss.SSS 'KST'", Locale.ROOT)
		.withZone(AccessToken.KIWOOM_ZONE);

	private final KiwoomRateLimiter limiter;

	CallRules(KiwoomRateLimiter limiter) {
		this.limiter = limiter;
	}

	KiwoomRateLimiter limiter() {
		return this.limiter;
	}

	/**
	 * Return the bucket a call is paced under: its TR id, or its path when it names none.
	 */
	static String bucket(@Nullable String apiId, String path) {
		return (apiId != null && !apiId.isEmpty()) ? apiId : path;
	}

	boolean isOrder(String bucket, String path) {
		return this.limiter.settings().isOrder(bucket, path);
	}

	/**
	 * Return the rate refusal an answer states, after telling the limiter of it.
	 */
	@Nullable RateLimitRefusal refusal(String bucket, KiwoomStatus status) {
		RateLimitRefusal refusal = status.rateLimitRefusal();
		if (refusal != null) {
			this.limiter.refused(bucket, refusal);
		}
		return refusal;
	}

	/**
	 * Return whether a call refused for its rate {@code refusals} times may go again.
	 */
	boolean mayResend(boolean order, int refusals) {
		return this.limiter.mayResend(order, refusals);
	}

	/**
	 * Return whether an answer leaves the outcome of an order unknown: HTTP 5xx, or a 2xx
	 * answer without a {@code return_code} that can be read (every order answer has one).
	 */
	static boolean isOutcomeUnknown(boolean order, KiwoomStatus status) {
		int http = status.httpStatus();
		return order && (http >= 500 || (http >= 200 && http < 300 && status.returnCode() == null));
	}

	/**
	 * Return what an answer that leaves an order's outcome unknown was.
	 */
	static String describe(KiwoomStatus status) {
		return (status.httpStatus() >= 500) ? "Kiwoom answered HTTP " + status.httpStatus()
				: "Kiwoom's answer (HTTP " + status.httpStatus() + ") could not be read";
	}

	/**
	 * Return whether a failure happened before the request reached Kiwoom (the connection
	 * was refused), so that not even an order can have been accepted.
	 */
	static boolean neverConnected(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	KiwoomApiException notSent(@Nullable String apiId, String path, String detail) {
		return new KiwoomApiException(apiId, path, KiwoomErrorKind.RATE_LIMITED,
				detail + "; the request was not sent. Raise kiwoom.rate-limit.max-wait (now "
						+ this.limiter.settings().maxWait() + ") or make fewer calls. "
						+ KiwoomErrorKind.RATE_LIMITED.advice());
	}

	KiwoomApiException noPermit(@Nullable String apiId, String path, String bucket) {
		return notSent(apiId, path,
				"no permit of Kiwoom's allowance (유량) for " + bucket + " within kiwoom.rate-limit.max-wait");
	}

	Instant now() {
		return this.limiter.now();
	}

	/**
	 * The failure of an order whose outcome is unknown, naming the TR and when it was
	 * sent (Korean time), so that the caller checks before sending it again.
	 */
	static KiwoomApiException outcomeUnknown(@Nullable String apiId, String path, Instant sentAt, String what,
			@Nullable Throwable cause) {
		return new KiwoomApiException(apiId, path, KiwoomErrorKind.OUTCOME_UNKNOWN,
				"the order was sent at " + KST.format(sentAt) + " and " + what
						+ ", so Kiwoom may have accepted it; it was not sent again. "
						+ KiwoomErrorKind.OUTCOME_UNKNOWN.advice(),
				cause);
	}

}
