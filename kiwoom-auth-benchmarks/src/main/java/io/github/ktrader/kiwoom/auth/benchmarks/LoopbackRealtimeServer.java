package io.github.ktrader.kiwoom.auth.benchmarks;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.netty.resources.LoopResources;

/**
 * A Kiwoom-like real-time socket on loopback that does only what a measurement needs:
 * answers {@code LOGIN} and {@code REG} with {@code return_code} 0, then sends the frames
 * it is given as fast as the connection takes them. One event-loop thread; no PINGs, no
 * ticks of its own, so that everything the client receives is what the benchmark sent.
 */
final class LoopbackRealtimeServer implements AutoCloseable {

	static final String PATH = "/api/dostk/websocket";

	private static final int MAX_FRAME = 1 << 20;

	private static final Sinks.EmitFailureHandler RETRY = Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(5));

	private final LoopResources loops = LoopResources.create("benchmark-ws", 1, 1, true);

	private final DisposableServer server;

	private final CountDownLatch registered = new CountDownLatch(1);

	private volatile Sinks.@Nullable Many<String> session;

	LoopbackRealtimeServer() {
		WebsocketServerSpec spec = WebsocketServerSpec.builder().maxFramePayloadLength(MAX_FRAME).build();
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			.route((routes) -> routes.ws(PATH, this::handle, spec))
			.bindNow(Duration.ofSeconds(10));
	}

	String url() {
		return "ws://127.0.0.1:" + this.server.port() + PATH;
	}

	private Publisher<Void> handle(WebsocketInbound inbound, WebsocketOutbound outbound) {
		Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();
		Mono<Void> receive = inbound.aggregateFrames(MAX_FRAME)
			.receiveFrames()
			.filter(TextWebSocketFrame.class::isInstance)
			.map((frame) -> ((TextWebSocketFrame) frame).text())
			.doOnNext((text) -> answer(sink, text))
			.then()
			.onErrorResume((ex) -> Mono.empty());
		Mono<Void> send = outbound.sendString(sink.asFlux()).then().onErrorResume((ex) -> Mono.empty());
		return Mono.when(receive, send);
	}

	private void answer(Sinks.Many<String> sink, String text) {
		if (text.contains("\"LOGIN\"")) {
			sink.emitNext("{\"trnm\":\"LOGIN\",\"return_code\":0,\"return_msg\":\"\",\"sor_yn\":\"Y\"}", RETRY);
			this.session = sink;
		}
		else if (text.contains("\"REG\"")) {
			sink.emitNext("{\"trnm\":\"REG\",\"return_code\":0,\"return_msg\":\"\"}", RETRY);
			this.registered.countDown();
		}
		else if (text.contains("\"PING\"")) {
			// an echo: nothing to answer
		}
	}

	/**
	 * Wait until the client has logged in and registered.
	 * @param timeout how long to wait
	 */
	void awaitRegistered(Duration timeout) throws InterruptedException {
		if (!this.registered.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("The client did not register within " + timeout);
		}
	}

	/**
	 * Send a text frame to the logged-in client. Called from one thread at a time.
	 * @param frame the frame
	 */
	void send(String frame) {
		Sinks.Many<String> sink = this.session;
		if (sink == null) {
			throw new IllegalStateException("No client logged in");
		}
		sink.emitNext(frame, RETRY);
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
		this.loops.disposeLater().block(Duration.ofSeconds(5));
	}

}
