package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Posts a JSON body to one of Kiwoom's {@code /oauth2} endpoints and hands back the raw
 * answer, turning transport failures into {@link KiwoomAuthException}.
 */
final class KiwoomAuthCalls {

	static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json;charset=UTF-8");

	private final Supplier<RestClient> restClient;

	KiwoomAuthCalls(Supplier<RestClient> restClient) {
		this.restClient = restClient;
	}

	Answer post(String path, Object body, String operation) {
		try {
			return this.restClient.get()
				.post()
				.uri(path)
				.contentType(JSON_UTF8)
				.accept(MediaType.APPLICATION_JSON)
				.body(body)
				.exchange((request, response) -> new Answer(response.getStatusCode().value(),
						StreamUtils.copyToByteArray(response.getBody()), date(response.getHeaders())), true);
		}
		catch (ResourceAccessException ex) {
			throw ioError(operation, ex);
		}
	}

	/**
	 * Return the exception for a failed answer. On the {@code /oauth2} endpoints a bare
	 * HTTP 401 can only mean that the keys were refused.
	 */
	static KiwoomAuthException failure(String operation, KiwoomStatus status) {
		KiwoomErrorKind kind = status.errorKind();
		return new KiwoomAuthException(operation, status, (kind == null) ? KiwoomErrorKind.OTHER
				: (kind == KiwoomErrorKind.UNAUTHORIZED) ? KiwoomErrorKind.INVALID_CREDENTIALS : kind);
	}

	private static KiwoomAuthException ioError(String operation, ResourceAccessException ex) {
		Throwable cause = (ex.getCause() instanceof IOException io) ? io : ex;
		String reason = cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
		return new KiwoomAuthException(KiwoomErrorKind.IO_ERROR,
				operation + " failed: " + reason + ". " + KiwoomErrorKind.IO_ERROR.advice(), ex);
	}

	/**
	 * Return the answer's {@code Date} header, Kiwoom's clock, or {@code null} if absent
	 * or unreadable.
	 */
	private static @Nullable Instant date(HttpHeaders headers) {
		try {
			long millis = headers.getDate();
			return (millis >= 0) ? Instant.ofEpochMilli(millis) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * What Kiwoom answered: the HTTP status, the body, fully read, and the {@code Date}
	 * header.
	 */
	record Answer(int status, byte[] body, @Nullable Instant date) {

	}

}
