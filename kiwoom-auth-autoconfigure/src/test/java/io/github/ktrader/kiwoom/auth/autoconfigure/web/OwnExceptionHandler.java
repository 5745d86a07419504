package io.github.ktrader.kiwoom.auth.autoconfigure.web;

import io.github.ktrader.kiwoom.auth.KiwoomException;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * An application's own handler of Kiwoom failures, at the default order, which must win
 * over the starter's.
 */
@ControllerAdvice
class OwnExceptionHandler {

	@ExceptionHandler(KiwoomException.class)
	ResponseEntity<String> handle(KiwoomException ex) {
		return ResponseEntity.status(418).body("own");
	}

}
