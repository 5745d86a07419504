package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;

import io.github.ktrader.kiwoom.auth.KiwoomStatus;

import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * Status handler that raises {@link KiwoomApiException} for every Kiwoom error, whatever
 * HTTP status it came with. It judges every answer (its predicate matches every status),
 * so Spring's default handler never runs after it.
 */
final class KiwoomErrorHandler implements RestClient.ResponseSpec.ErrorHandler {

	static boolean matchesEveryStatus(HttpStatusCode status) {
		return true;
	}

	@Override
	public void handle(HttpRequest request, ClientHttpResponse response) throws IOException {
		KiwoomStatus status = statusOf(response);
		if (!status.isSuccess()) {
			throw new KiwoomApiException(request.getHeaders().getFirst(KiwoomClient.API_ID), request.getURI().getPath(),
					status);
		}
	}

	/**
	 * Return the status of an answer. One that was not judged on its way in (another
	 * interceptor replaced the answer {@link KiwoomRequestFactory} or
	 * {@link KiwoomAuthInterceptor} made) is judged by its HTTP status, since its body
	 * must stay unread for the caller.
	 */
	static KiwoomStatus statusOf(ClientHttpResponse response) throws IOException {
		if (response instanceof KiwoomResponse kiwoom) {
			return kiwoom.status();
		}
		return KiwoomStatusReader.httpOnly(response.getStatusCode().value());
	}

}
