package io.github.ktrader.kiwoom.auth.test;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.netty.resources.LoopResources;

/**
 * WebSocket server of the real-time socket on loopback, on Reactor Netty.
 * <p>
 * Threading: Netty reads and writes on one daemon event-loop thread; everything the
 * protocol decides (answers, ticks, PINGs, deadlines, faults) runs on one daemon thread
 * of its own, so session state needs no locks and frames leave in the order they were
 * decided.
 */
final class RealtimeServer implements AutoCloseable {

	static final String PATH = "/api/dostk/websocket";

	/**
	 * Largest frame a client may send; Kiwoom's {@code 0D} frames run to tens of
	 * kilobytes, so clients are told to accept 1 MiB, and the server takes as much.
	 */
	static final int MAX_FRAME = 2 * 1024 * 1024;

	private static final Duration TOKEN_CHECK_INTERVAL = Duration.ofMillis(25);

	private final RealtimeSettings settings;

	private final RealtimeSessions sessions;

	private final RealtimeProtocol protocol;

	private final ScheduledExecutorService actor;

	private final LoopResources loops;

	private final DisposableServer server;

	private final AtomicReference<@Nullable ScheduledFuture<?>> ticks = new AtomicReference<>();

	private final AtomicReference<@Nullable ScheduledFuture<?>> pings = new AtomicReference<>();

	RealtimeServer(String host, RealtimeSettings settings, RealtimeSessions sessions, RealtimeProtocol protocol) {
		this.settings = settings;
		this.sessions = sessions;
		this.protocol = protocol;
		this.actor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "kiwoom-simulator-realtime");
			thread.setDaemon(true);
			return thread;
		});
		this.loops = LoopResources.create("kiwoom-simulator-ws", 1, 1, true);
		WebsocketServerSpec spec = WebsocketServerSpec.builder().maxFramePayloadLength(MAX_FRAME).build();
		this.server = HttpServer.create()
			.host(host)
			.port(0)
			.runOn(this.loops)
			.route((routes) -> routes.ws(PATH, this::handle, spec))
			.bindNow(Duration.ofSeconds(10));
		this.actor.scheduleWithFixedDelay(this.protocol::checkTokens, TOKEN_CHECK_INTERVAL.toMillis(),
				TOKEN_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		restartTicks();
		restartPings();
	}

	int port() {
		return this.server.port();
	}

	private Publisher<Void> handle(WebsocketInbound inbound, WebsocketOutbound outbound) {
		AtomicReference<@Nullable Connection> connection = new AtomicReference<>();
		inbound.withConnection(connection::set);
		RealtimeSession session = new RealtimeSession(connection.get(), this.settings);
		run(() -> opened(session));
		Mono<Void> receive = inbound.aggregateFrames(MAX_FRAME)
			.receiveFrames()
			.filter(TextWebSocketFrame.class::isInstance)
			.map((frame) -> ((TextWebSocketFrame) frame).text())
			.doOnNext((text) -> run(() -> this.protocol.onFrame(session, text)))
			.then()
			.onErrorResume((ex) -> Mono.empty())
			.doFinally((signal) -> run(session::close));
		Mono<Void> send = outbound.sendString(session.outbound())
			.then()
			.then(Mono.defer(() -> outbound.sendClose(1000, "")))
			.onErrorResume((ex) -> Mono.empty());
		return Mono.when(receive, send).doFinally((signal) -> run(() -> this.sessions.closed(session)));
	}

	private void opened(RealtimeSession session) {
		this.sessions.opened(session);
		Duration timeout = this.settings.loginTimeout;
		if (!timeout.isZero()) {
			session.loginTimeout(this.actor.schedule(() -> this.protocol.loginTimedOut(session), timeout.toMillis(),
					TimeUnit.MILLISECONDS));
		}
	}

	/**
	 * Starts the tick loop again at the current interval.
	 */
	void restartTicks() {
		restart(this.ticks, this.settings.tickInterval, this.protocol::tick);
	}

	/**
	 * Starts the PING loop again at the current interval.
	 */
	void restartPings() {
		restart(this.pings, this.settings.pingInterval, this.protocol::ping);
	}

	private void restart(AtomicReference<@Nullable ScheduledFuture<?>> loop, Duration interval, Runnable task) {
		ScheduledFuture<?> previous = loop.getAndSet(null);
		if (previous != null) {
			previous.cancel(false);
		}
		if (!interval.isZero() && !this.actor.isShutdown()) {
			long millis = Math.max(1, interval.toMillis());
			try {
				loop.set(this.actor.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS));
			}
			catch (RejectedExecutionException ex) {
				// closed meanwhile
			}
		}
	}

	/**
	 * Runs a task on the simulator's thread, later.
	 * @param task the task
	 */
	void run(Runnable task) {
		try {
			this.actor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// closed: nothing runs any more
		}
	}

	/**
	 * Runs a task on the simulator's thread and waits for its result.
	 * @param <T> the result type
	 * @param task the task
	 * @param whenClosed the result when the simulator is closed
	 * @return the task's result
	 */
	<T> T call(Callable<T> task, T whenClosed) {
		try {
			return this.actor.submit(task).get();
		}
		catch (RejectedExecutionException ex) {
			return whenClosed;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return whenClosed;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Drops every connection, stops the server and its threads; bounded, never throws.
	 */
	@Override
	public void close() {
		call(() -> {
			this.sessions.all().forEach(RealtimeSession::drop);
			return null;
		}, null);
		this.actor.shutdownNow();
		try {
			this.server.disposeNow(Duration.ofSeconds(2));
		}
		catch (RuntimeException ex) {
			// the loops' disposal below closes what is left
		}
		try {
			this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(3));
		}
		catch (RuntimeException ex) {
			// daemon threads: they cannot keep the JVM alive
		}
	}

}
