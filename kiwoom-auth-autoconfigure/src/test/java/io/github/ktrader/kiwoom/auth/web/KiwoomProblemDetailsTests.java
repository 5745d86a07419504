package io.github.ktrader.kiwoom.auth.web;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;

import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import io.github.ktrader.kiwoom.auth.client.KiwoomApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomProblemDetails}: the status and properties of each kind of
 * failure.
 */
class KiwoomProblemDetailsTests {

	private static final String PATH = "/api/dostk/stkinfo";

	@Test
	void rateLimitedIs429WithRetryAfterWhenTheWaitIsKnown() {
		KiwoomException ex = new KiwoomException(KiwoomErrorKind.RATE_LIMITED, "ka10001",
				KiwoomStatus.of(429, 5, "허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다]"), "test", null,
				Duration.ofMillis(1200));
		ResponseEntity<ProblemDetail> answer = KiwoomProblemDetails.toResponseEntity(ex);
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
		assertThat(answer.getBody().getProperties()).containsEntry("kiwoomCode", 1700)
			.containsEntry("kind", "RATE_LIMITED");
	}

	@Test
	void rateLimitedWithoutAKnownWaitHasNoRetryAfter() {
		KiwoomApiException ex = new KiwoomApiException("ka10001", PATH,
				KiwoomStatus.of(200, 5, "허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다]"));
		ResponseEntity<ProblemDetail> answer = KiwoomProblemDetails.toResponseEntity(ex);
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(answer.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
	}

	@Test
	void timeoutIs504AndRefusedConnectionIs502() {
		assertThat(KiwoomProblemDetails.status(ioFailure(new SocketTimeoutException("Read timed out"))))
			.isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		assertThat(KiwoomProblemDetails.status(ioFailure(new HttpConnectTimeoutException("connect timed out"))))
			.isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		assertThat(KiwoomProblemDetails.status(ioFailure(new ConnectException("Connection refused"))))
			.isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(KiwoomProblemDetails.status(ioFailure(new IOException("Connection reset"))))
			.isEqualTo(HttpStatus.BAD_GATEWAY);
	}

	@ParameterizedTest
	@EnumSource(names = { "TOKEN_REJECTED", "UNAUTHORIZED", "INVALID_CREDENTIALS", "WRONG_ENVIRONMENT",
			"UNREGISTERED_IP", "KEY_SHARED", "CLOSED" })
	void noTokenCanBeHadIs503(KiwoomErrorKind kind) {
		KiwoomAuthException ex = new KiwoomAuthException(kind, "au10001 (issue access token) failed", null);
		assertThat(KiwoomProblemDetails.status(ex)).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(KiwoomProblemDetails.problemDetail(ex).getProperties()).containsEntry("apiId", "au10001");
	}

	@ParameterizedTest
	@EnumSource(names = { "SERVER_ERROR", "MALFORMED_RESPONSE", "RESPONSE_TOO_LARGE", "REVOKE_FAILED", "OTHER" })
	void otherFailuresOfTheCallAre502(KiwoomErrorKind kind) {
		KiwoomApiException ex = new KiwoomApiException("ka10001", PATH, kind, "test");
		assertThat(KiwoomProblemDetails.status(ex)).isEqualTo(HttpStatus.BAD_GATEWAY);
	}

	@Test
	void everyKindHasAStatusAndKindsWithoutAMappingAre502() {
		for (KiwoomErrorKind kind : KiwoomErrorKind.values()) {
			assertThat(KiwoomProblemDetails.status(kind, false)).isIn(HttpStatus.TOO_MANY_REQUESTS,
					HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE);
		}
	}

	@Test
	void refusedTrIs502WithKiwoomsCodeAndMessage() {
		KiwoomApiException ex = new KiwoomApiException("ka10001", PATH,
				KiwoomStatus.of(200, 2, "입력 값 오류입니다[1902:종목정보가 없습니다]"));
		ProblemDetail problem = KiwoomProblemDetails.problemDetail(ex);
		assertThat(problem.getStatus()).isEqualTo(502);
		assertThat(problem.getTitle()).isEqualTo("Kiwoom call failed");
		assertThat(problem.getDetail()).isEqualTo("Kiwoom ka10001 failed: Kiwoom refused the request.");
		assertThat(problem.getProperties()).containsEntry("kind", "OTHER")
			.containsEntry("apiId", "ka10001")
			.containsEntry("kiwoomCode", 1902)
			.containsEntry("kiwoomMessage", "입력 값 오류입니다[1902:종목정보가 없습니다]");
		assertThat(problem.getDetail()).as("the advice naming the starter's properties stays in the log")
			.doesNotContain("kiwoom.");
	}

	private static KiwoomApiException ioFailure(IOException cause) {
		return new KiwoomApiException("ka10001", PATH, new ResourceAccessException("I/O error", cause));
	}

}
