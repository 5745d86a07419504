package io.github.ktrader.kiwoom.auth.web;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;

/**
 * Turns a {@link KiwoomException} into an RFC 9457 problem detail for the application's
 * own callers: the HTTP status says what the caller can do (429: wait; 503: this service
 * cannot reach Kiwoom with a token now; 502/504: Kiwoom failed or did not answer), and
 * the properties {@code kind}, {@code apiId}, {@code kiwoomCode} and
 * {@code kiwoomMessage} say what Kiwoom answered. The exception's message, which names
 * the starter's properties, stays in the log, and no key or token is ever part of it.
 * <p>
 * Usable from an application's own {@code @ExceptionHandler}: <pre class="code">
 * &#64;ExceptionHandler
 * ResponseEntity&lt;ProblemDetail&gt; kiwoom(KiwoomException ex) {
 *     return KiwoomProblemDetails.toResponseEntity(ex);
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class KiwoomProblemDetails {

	/**
	 * Property with the {@link KiwoomErrorKind} name.
	 */
	public static final String KIND = "kind";

	/**
	 * Property with the TR id of the failed call.
	 */
	public static final String API_ID = "apiId";

	/**
	 * Property with Kiwoom's code (the bracketed one, else {@code return_code}).
	 */
	public static final String KIWOOM_CODE = "kiwoomCode";

	/**
	 * Property with Kiwoom's {@code return_msg}.
	 */
	public static final String KIWOOM_MESSAGE = "kiwoomMessage";

	private static final int MAX_CAUSES = 16;

	private KiwoomProblemDetails() {
	}

	/**
	 * Return the HTTP status for a Kiwoom failure.
	 * @param ex the failure
	 * @return the status
	 */
	public static HttpStatus status(KiwoomException ex) {
		Assert.notNull(ex, "Exception must not be null");
		return status(ex.getKind(), timedOut(ex));
	}

	/**
	 * The one mapping from kind to status. Every kind not named, including any added
	 * later, is a failure of the upstream call: 502.
	 */
	static HttpStatus status(KiwoomErrorKind kind, boolean timedOut) {
		return switch (kind) {
			case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
			case IO_ERROR -> timedOut ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
			case TOKEN_REJECTED, UNAUTHORIZED, INVALID_CREDENTIALS, WRONG_ENVIRONMENT, UNREGISTERED_IP, KEY_SHARED,
					CLOSED ->
				HttpStatus.SERVICE_UNAVAILABLE;
			default -> HttpStatus.BAD_GATEWAY;
		};
	}

	/**
	 * Return the problem detail for a Kiwoom failure.
	 * @param ex the failure
	 * @return the problem detail, without {@code instance} (the web framework sets it)
	 */
	public static ProblemDetail problemDetail(KiwoomException ex) {
		HttpStatus status = status(ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(status, ex));
		problem.setTitle(title(status));
		problem.setProperty(KIND, ex.getKind().name());
		if (ex.getApiId() != null) {
			problem.setProperty(API_ID, ex.getApiId());
		}
		if (ex.getCode() != null) {
			problem.setProperty(KIWOOM_CODE, ex.getCode());
		}
		if (ex.getKiwoomMessage() != null) {
			problem.setProperty(KIWOOM_MESSAGE, ex.getKiwoomMessage());
		}
		return problem;
	}

	/**
	 * Return the answer for a Kiwoom failure: its problem detail, with
	 * {@code Retry-After} in whole seconds when the wait is known.
	 * @param ex the failure
	 * @return the answer
	 */
	public static ResponseEntity<ProblemDetail> toResponseEntity(KiwoomException ex) {
		ProblemDetail problem = problemDetail(ex);
		HttpHeaders headers = new HttpHeaders();
		Duration retryAfter = ex.getRetryAfter();
		if (retryAfter != null && !retryAfter.isNegative()) {
			headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds(retryAfter)));
		}
		return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
	}

	private static long seconds(Duration wait) {
		long seconds = wait.toSeconds();
		return (wait.toNanosPart() > 0 || seconds == 0) ? seconds + 1 : seconds;
	}

	private static String title(HttpStatus status) {
		return switch (status) {
			case TOO_MANY_REQUESTS -> "Kiwoom request limit exceeded";
			case GATEWAY_TIMEOUT -> "Kiwoom did not answer in time";
			case SERVICE_UNAVAILABLE -> "Kiwoom access unavailable";
			default -> "Kiwoom call failed";
		};
	}

	private static String detail(HttpStatus status, KiwoomException ex) {
		String call = (ex.getApiId() != null) ? "Kiwoom " + ex.getApiId() : "The Kiwoom call";
		return switch (status) {
			case TOO_MANY_REQUESTS -> call + " was refused for Kiwoom's request limit and not processed; retry later.";
			case GATEWAY_TIMEOUT -> call + " got no answer in time.";
			case SERVICE_UNAVAILABLE -> call + " could not be made: no Kiwoom access token can be had at the moment.";
			default -> (ex.getKind() == KiwoomErrorKind.IO_ERROR) ? call + " could not reach Kiwoom."
					: call + " failed: " + describe(ex);
		};
	}

	private static String describe(KiwoomException ex) {
		return switch (ex.getKind()) {
			case OTHER -> "Kiwoom refused the request.";
			case SERVER_ERROR -> "Kiwoom answered with a server error.";
			case MALFORMED_RESPONSE, RESPONSE_TOO_LARGE -> "Kiwoom's answer could not be used.";
			default -> ex.getKind().name() + ".";
		};
	}

	/**
	 * Return whether the failure is a timeout (connect, read or response), rather than a
	 * refused or reset connection.
	 */
	static boolean timedOut(Throwable ex) {
		Throwable cause = ex;
		for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
			if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException
					|| cause instanceof TimeoutException
					|| cause.getClass().getSimpleName().endsWith("TimeoutException")) {
				return true;
			}
			cause = cause.getCause();
		}
		return false;
	}

}
