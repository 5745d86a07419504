package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.KiwoomException;
import io.github.ktrader.kiwoom.auth.KiwoomStatus;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * {@link ExchangeFilterFunction} that paces calls to Kiwoom's allowance without blocking
 * a thread, sends {@code authorization: Bearer <token>}, recovers once when Kiwoom
 * rejects the token, sends a call Kiwoom refused for its rate again by the rule of
 * {@link CallRules}, and, unless turned off, raises {@link KiwoomApiException} for
 * Kiwoom's errors.
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

	private final CallRules rules;

	private final Scheduler delays;

	KiwoomExchangeFilter(ReactiveAccessTokens tokens, KiwoomStatusReader statusReader, boolean errorChecks,
			KiwoomRateLimiter limiter, Scheduler delays) {
		this.tokens = tokens;
		this.statusReader = statusReader;
		this.errorChecks = errorChecks;
		this.rules = new CallRules(limiter);
		this.delays = delays;
	}

	KiwoomExchangeFilter withoutErrorChecks() {
		return new KiwoomExchangeFilter(this.tokens, this.statusReader, false, this.rules.limiter(), this.delays);
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		String bucket = CallRules.bucket(request.headers().getFirst(KiwoomClient.API_ID), request.url().getPath());
		Call call = new Call(request, next, bucket, this.rules.isOrder(bucket, request.url().getPath()));
		Mono<ClientResponse> exchange = this.tokens.token()
			.flatMap((token) -> attempt(call, token, false, 0))
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

	/**
	 * One send of the call, paced, and what follows from its answer by the rule of
	 * {@link CallRules}: once more with a new token after a rejection, again after a rate
	 * refusal while that may be, never after anything else.
	 */
	private Mono<Answer> attempt(Call call, AccessToken token, boolean renewed, int refusals) {
		return paced(call, send(call, token)).flatMap((answer) -> {
			KiwoomStatus status = answer.status();
			if (!renewed && KiwoomStatusReader.isRejection(status)) {
				return answer.prefix()
					.release()
					.then(this.tokens.renewRejected(token, status))
					.doOnNext((retry) -> logRetry(call.request(), retry))
					.flatMap((retry) -> attempt(call, retry, true, refusals));
			}
			if (CallRules.isOutcomeUnknown(call.order(), status)) {
				return answer.prefix()
					.release()
					.then(Mono.error(CallRules.outcomeUnknown(apiId(call.request()), call.request().url().getPath(),
							this.rules.now(), CallRules.describe(status), null)));
			}
			if (this.rules.refusal(call.bucket(), status) == null
					|| !this.rules.mayResend(call.order(), refusals + 1)) {
				return Mono.just(answer);
			}
			return answer.prefix().release().then(attempt(call, token, renewed, refusals + 1));
		});
	}

	/**
	 * Wait for the call's permit without holding a thread: a permit that is there costs
	 * nothing, a later one a timer; one later than the longest wait fails the call
	 * unsent. After a wait the permit is reserved again if Kiwoom refused a call or
	 * stated a lower allowance meanwhile.
	 */
	private Mono<Answer> paced(Call call, Mono<Answer> send) {
		return Mono.defer(() -> {
			KiwoomRateLimiter limiter = this.rules.limiter();
			long changes = limiter.changes(call.bucket());
			return permitted(call, send, limiter.reserve(call.bucket()), changes, 0);
		});
	}

	private Mono<Answer> permitted(Call call, Mono<Answer> send, long wait, long changes, long waited) {
		if (wait < 0) {
			return Mono
				.error(this.rules.noPermit(apiId(call.request()), call.request().url().getPath(), call.bucket()));
		}
		if (wait == 0) {
			return send;
		}
		return Mono.delay(Duration.ofNanos(wait), this.delays).then(Mono.defer(() -> {
			KiwoomRateLimiter limiter = this.rules.limiter();
			long now = limiter.changesAfterWait(call.bucket());
			if (now == changes) {
				return send;
			}
			return permitted(call, send, limiter.reserveAgain(call.bucket(), waited + wait), now, waited + wait);
		}));
	}

	private Mono<Answer> send(Call call, AccessToken token) {
		ClientRequest authorized = ClientRequest.from(call.request())
			.headers((headers) -> headers.set(KiwoomAuthInterceptor.AUTHORIZATION, token.authorization()))
			.build();
		Mono<Answer> answer = Mono.defer(() -> call.next().exchange(authorized))
			.flatMap((response) -> BodyPrefix.read(response.bodyToFlux(DataBuffer.class), PREFIX_LIMIT)
				.map((prefix) -> answer(response, prefix)));
		if (!call.order()) {
			return answer;
		}
		// No answer, or one cut off: Kiwoom may have accepted the order
		return Mono.defer(() -> {
			Instant sentAt = this.rules.now();
			return answer.onErrorMap((ex) -> !(ex instanceof KiwoomException) && !CallRules.neverConnected(ex),
					(ex) -> CallRules.outcomeUnknown(apiId(call.request()), call.request().url().getPath(), sentAt,
							"got no whole answer (" + ex.getClass().getSimpleName() + ")", ex));
		});
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
	 * One call: the request, where it goes next, its bucket and whether it is an order.
	 */
	private record Call(ClientRequest request, ExchangeFunction next, String bucket, boolean order) {

	}

	/**
	 * One answer with its first bytes read.
	 */
	private record Answer(ClientResponse response, BodyPrefix prefix, KiwoomStatus status) {

	}

}
