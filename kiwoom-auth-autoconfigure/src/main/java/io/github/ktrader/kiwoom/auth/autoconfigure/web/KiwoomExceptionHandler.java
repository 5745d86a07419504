package io.github.ktrader.kiwoom.auth.autoconfigure.web;

import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.web.KiwoomProblemDetails;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Answers a {@link KiwoomException} that escapes a controller, in Spring MVC or WebFlux,
 * with {@link KiwoomProblemDetails}' problem detail instead of a bare 500.
 * <p>
 * It has the lowest precedence, so an {@code @ExceptionHandler} of the controller itself
 * or of any application {@code @ControllerAdvice} that handles the exception wins. The
 * exception's message (no secrets, but the starter's property names and advice) goes to
 * the log, not to the caller.
 * <p>
 * An advice rather than exceptions implementing {@code ErrorResponse}: Kiwoom exceptions
 * are thrown in schedulers and batch jobs too and stay free of web types, the answer does
 * not depend on {@code spring.mvc.problemdetails.enabled}, and
 * {@code kiwoom.problem-details.enabled} switches it as a whole.
 */
@ControllerAdvice
final class KiwoomExceptionHandler implements Ordered {

	private static final Log logger = LogFactory.getLog(KiwoomExceptionHandler.class);

	@ExceptionHandler(KiwoomException.class)
	ResponseEntity<ProblemDetail> handleKiwoomException(KiwoomException ex) {
		ResponseEntity<ProblemDetail> answer = KiwoomProblemDetails.toResponseEntity(ex);
		if (logger.isWarnEnabled()) {
			logger.warn("Answering HTTP " + answer.getStatusCode().value() + " for a failed Kiwoom call: "
					+ ex.getMessage());
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Failed Kiwoom call", ex);
		}
		return answer;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
