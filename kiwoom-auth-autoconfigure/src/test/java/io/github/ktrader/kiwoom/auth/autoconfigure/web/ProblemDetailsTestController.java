package io.github.ktrader.kiwoom.auth.autoconfigure.web;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import io.github.ktrader.kiwoom.auth.client.KiwoomApiException;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.ResourceAccessException;

/**
 * Endpoints whose Kiwoom calls fail, for the MVC and WebFlux problem details tests.
 */
@RestController
class ProblemDetailsTestController {

	private final ObjectProvider<KiwoomClient> client;

	ProblemDetailsTestController(ObjectProvider<KiwoomClient> client) {
		this.client = client;
	}

	@GetMapping("/quote/{code}")
	Map<?, ?> quote(@PathVariable String code) {
		return this.client.getObject().post("ka10001", "/api/dostk/stkinfo", Map.of("stk_cd", code), Map.class);
	}

	@GetMapping("/rate-limited")
	String rateLimited() {
		throw new KiwoomException(KiwoomErrorKind.RATE_LIMITED, "ka10001",
				KiwoomStatus.of(429, 5, "허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다]"), "refused", null,
				Duration.ofSeconds(3));
	}

	@GetMapping("/timeout")
	String timeout() {
		throw new KiwoomApiException("ka10001", "/api/dostk/stkinfo",
				new ResourceAccessException("I/O error", new SocketTimeoutException("Read timed out")));
	}

}
