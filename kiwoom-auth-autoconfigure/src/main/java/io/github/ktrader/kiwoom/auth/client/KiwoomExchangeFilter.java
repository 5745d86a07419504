package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * {@link ExchangeFilterFunction} that sends {@code authorization: Bearer <token>},
 * recovers once when Kiwoom rejects the token, and, unless turned off, raises
 * {@link KiwoomApiException} for Kiwoom's errors.
 * <p>
 * A rejection is HTTP 401 or an answer whose code is 8005, 8010, 8031 or 8103: the token
 * is renewed and the request sent once more with the new one, so its body must be
 * re-readable (as {@code bodyValue(...)} is). An error is a status other than 2xx, or a
 * {@code return_code} other than 0 ({@code "0"} and {@code "0000"} are success), with the
 * bracketed code. Only the first {@value #PREFIX_LIMIT} bytes of an answer are read to
 * judge it: an answer longer than that is a data answer and is handed on unread. With
 * error checks, a failure of the connection, before the answer or while its body is read
 * (a reset, a read timeout), fails the call with a {@link KiwoomApiException} of kind
 * {@link io.github.ktrader.kiwoom.auth.KiwoomErrorKind#IO_ERROR}, whoever reads the body.
 */
final class KiwoomExchangeFilter implements ExchangeFilterFunction {

	private static final Log logger = LogFactory.getLog(KiwoomExchangeFilter.class);

	/**
	 * Longest answer read whole to judge it; Kiwoom's error answers are far shorter.
	 */
	static final int PREFIX_LIMIT = 8 * 1024;

	/**
	 * Netty's base of its channel failures, {@code ReadTimeoutException} among them.
	 */
	private static final String NETTY_CHANNEL_EXCEPTION = "io.netty.channel.ChannelException";

	private final ReactiveAccessTokens tokens;

	private final KiwoomStatusReader statusReader;

	private final boolean errorChecks;

	KiwoomExchangeFilter(ReactiveAccessTokens tokens, KiwoomStatusReader statusReader, boolean errorChecks) {
		this.tokens = tokens;
		this.statusReader = statusReader;
		this.errorChecks = errorChecks;
	}

	KiwoomExchangeFilter withoutErrorChecks() {
		return new KiwoomExchangeFilter(this.tokens, this.statusReader, false);
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		Mono<ClientResponse> exchange = this.tokens.token()
			.flatMap((token) -> send(request, next, token).flatMap((answer) -> {
				if (!KiwoomStatusReader.isRejection(answer.status())) {
					return Mono.just(answer);
				}
				return answer.prefix()
					.release()
					.then(this.tokens.renewRejected(token, answer.status()))
					.doOnNext((retry) -> logRetry(request, retry))
					.flatMap((retry) -> send(request, next, retry));
			}))
			.flatMap((answer) -> finish(request, answer));
		if (!this.errorChecks) {
			return exchange;
		}
		return exchange.onErrorMap(KiwoomExchangeFilter::isIoFailure, (ex) -> ioError(request, ex));
	}

	/**
	 * Whether a failure is the connection's rather than Kiwoom's answer: no connection, a
	 * connection reset or closed early while the body was read, or a read timeout.
	 * Netty's timeouts are no {@link IOException}, and Netty may be absent: known by
	 * name.
	 */
	static boolean isIoFailure(Throwable ex) {
		if (ex instanceof KiwoomException) {
			return false;
		}
		if (ex instanceof WebClientRequestException || ex instanceof IOException
				|| ex instanceof java.util.concurrent.TimeoutException) {
			return true;
		}
		for (Class<?> type = ex.getClass(); type != null; type = type.getSuperclass()) {
			if (NETTY_CHANNEL_EXCEPTION.equals(type.getName())) {
				return true;
			}
		}
		return false;
	}

	private static KiwoomApiException ioError(ClientRequest request, Throwable ex) {
		return new KiwoomApiException(apiId(request), request.url().getPath(), ex);
	}

	private Mono<Answer> send(ClientRequest request, ExchangeFunction next, AccessToken token) {
		ClientRequest authorized = ClientRequest.from(request)
			.headers((headers) -> headers.set(KiwoomAuthInterceptor.AUTHORIZATION, token.authorization()))
			.build();
		return next.exchange(authorized)
			.flatMap((response) -> BodyPrefix.read(response.bodyToFlux(DataBuffer.class), PREFIX_LIMIT)
				.map((prefix) -> answer(response, prefix)));
	}

	private Answer answer(ClientResponse response, BodyPrefix prefix) {
		int httpStatus = response.statusCode().value();
		byte[] whole = prefix.whole();
		KiwoomStatus status = (whole != null) ? this.statusReader.read(httpStatus, whole)
				: KiwoomStatusReader.httpOnly(httpStatus);
		return new Answer(response, prefix, status);
	}

	private Mono<ClientResponse> finish(ClientRequest request, Answer answer) {
		if (this.errorChecks && !answer.status().isSuccess()) {
			return answer.prefix()
				.release()
				.then(Mono.error(new KiwoomApiException(apiId(request), request.url().getPath(), answer.status())));
		}
		if (!this.errorChecks) {
			return Mono.just(answer.response().mutate().body((ignored) -> answer.prefix().body()).build());
		}
		// The rest of a long answer is read by the caller, after this filter is done:
		// retrieve() wraps what fails there in a WebClientResponseException, whose cause
		// is then this Kiwoom error
		Flux<DataBuffer> body = answer.prefix()
			.body()
			.onErrorMap(KiwoomExchangeFilter::isIoFailure, (ex) -> ioError(request, ex));
		return Mono.just(answer.response().mutate().body((ignored) -> body).build());
	}

	private static String apiId(ClientRequest request) {
		String apiId = request.headers().getFirst(KiwoomClient.API_ID);
		return (apiId != null) ? apiId : "(no api-id)";
	}

	private static void logRetry(ClientRequest request, AccessToken retry) {
		if (logger.isDebugEnabled()) {
			logger.debug("Retrying " + request.url().getPath() + " once with access token " + retry.masked());
		}
	}

	/**
	 * One answer with its first bytes read.
	 */
	private record Answer(ClientResponse response, BodyPrefix prefix, KiwoomStatus status) {

	}

}
