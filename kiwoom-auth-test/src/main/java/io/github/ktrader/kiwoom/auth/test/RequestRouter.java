package io.github.ktrader.kiwoom.auth.test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jspecify.annotations.Nullable;

import io.github.ktrader.kiwoom.auth.test.Faults.OverlapResponse;

/**
 * Receives every HTTP exchange, records it and hands it to the endpoint that answers it.
 * <p>
 * For each request, in order: count it in flight when it is an au10001 (a {@code POST} to
 * the token path); record it; refuse an au10001 that overlaps another when refusal is on;
 * answer 404 for an unknown path and 405 for a method other than {@code POST}; apply the
 * endpoint's next fault; otherwise let the endpoint answer. Runs on the simulator's
 * executor, one thread per exchange, so a hung request holds up no other.
 */
final class RequestRouter implements HttpHandler {

	private static final String CONTENT_TYPE = "application/json;charset=UTF-8";

	private final RequestRecorder recorder;

	private final Faults faults;

	private final InFlightCounter issuesInFlight;

	private final TokenEndpoint tokenEndpoint;

	private final RevokeEndpoint revokeEndpoint;

	private final DataEndpoint dataEndpoint;

	private final RateLimits rateLimits;

	RequestRouter(RequestRecorder recorder, Faults faults, InFlightCounter issuesInFlight, TokenEndpoint tokenEndpoint,
			RevokeEndpoint revokeEndpoint, DataEndpoint dataEndpoint, RateLimits rateLimits) {
		this.rateLimits = rateLimits;
		this.recorder = recorder;
		this.faults = faults;
		this.issuesInFlight = issuesInFlight;
		this.tokenEndpoint = tokenEndpoint;
		this.revokeEndpoint = revokeEndpoint;
		this.dataEndpoint = dataEndpoint;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Endpoint endpoint = Endpoint.forPath(exchange.getRequestURI().getPath());
			if (endpoint == Endpoint.TOKEN && "POST".equals(exchange.getRequestMethod())) {
				handleIssue(exchange);
			}
			else {
				route(exchange, endpoint, readAndRecord(exchange));
			}
		}
		catch (InterruptedException ex) {
			// The simulator is closing: abandon the exchange without an answer
			Thread.currentThread().interrupt();
		}
	}

	private void handleIssue(HttpExchange exchange) throws IOException, InterruptedException {
		// Counted from arrival, before the request is recorded, so a test that sees the
		// first issue recorded knows a second one overlaps it
		int inFlight = this.issuesInFlight.enter();
		try {
			RecordedRequest request = readAndRecord(exchange);
			OverlapResponse overlapResponse = this.faults.overlapResponse();
			if (inFlight > 1 && overlapResponse != null) {
				send(exchange, overlapResponse.reply());
			}
			else {
				route(exchange, Endpoint.TOKEN, request);
			}
		}
		finally {
			this.issuesInFlight.exit();
		}
	}

	private void route(HttpExchange exchange, @Nullable Endpoint endpoint, RecordedRequest request)
			throws IOException, InterruptedException {
		if (endpoint == null) {
			send(exchange, Reply.httpError(404));
		}
		else if (!isPost(request)) {
			send(exchange, Reply.httpError(405).withHeader("Allow", "POST"));
		}
		else {
			answer(exchange, endpoint, request);
		}
	}

	private static boolean isPost(RecordedRequest request) {
		return "POST".equals(request.method());
	}

	private void answer(HttpExchange exchange, Endpoint endpoint, RecordedRequest request)
			throws IOException, InterruptedException {
		Reply reply = this.faults.apply(endpoint, request.header("api-id"));
		if (reply == null && endpoint == Endpoint.DATA) {
			reply = this.rateLimits.admit(request.header("api-id"));
		}
		send(exchange, (reply != null) ? reply : endpointReply(endpoint, request));
	}

	private Reply endpointReply(Endpoint endpoint, RecordedRequest request) {
		return switch (endpoint) {
			case TOKEN -> this.tokenEndpoint.handle(request);
			case REVOKE -> this.revokeEndpoint.handle(request);
			case DATA -> this.dataEndpoint.handle(request);
		};
	}

	private RecordedRequest readAndRecord(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
				exchange.getRequestHeaders(), new String(body, StandardCharsets.UTF_8));
		this.recorder.record(request);
		return request;
	}

	private static void send(HttpExchange exchange, Reply reply) throws IOException {
		Headers headers = exchange.getResponseHeaders();
		headers.set("Content-Type", CONTENT_TYPE);
		reply.headers().forEach(headers::set);
		byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
		boolean bodiless = body.length == 0 || reply.status() == 204 || reply.status() == 304;
		// -1 means no body; 0 would mean a chunked body of unknown length
		exchange.sendResponseHeaders(reply.status(), bodiless ? -1 : body.length);
		if (!bodiless) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

}
