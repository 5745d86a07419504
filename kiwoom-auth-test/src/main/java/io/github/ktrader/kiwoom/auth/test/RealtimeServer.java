package io.github.ktrader.kiwoom.auth.test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * WebSocket server of the real-time socket on loopback, on Netty.
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
	 * kilobytes, so clients are told to accept 1 MiB, and the server takes twice that.
	 */
	static final int MAX_FRAME = 2 * 1024 * 1024;

	private static final Duration TOKEN_CHECK_INTERVAL = Duration.ofMillis(25);

	private final RealtimeSettings settings;

	private final RealtimeSessions sessions;

	private final RealtimeProtocol protocol;

	private final RealtimeRecord record;

	private final ScheduledExecutorService actor;

	private final EventLoopGroup loop;

	private final Channel server;

	private final AtomicReference<@Nullable ScheduledFuture<?>> ticks = new AtomicReference<>();

	private final AtomicReference<@Nullable ScheduledFuture<?>> pings = new AtomicReference<>();

	RealtimeServer(String host, RealtimeSettings settings, RealtimeRecord record, RealtimeSessions sessions,
			RealtimeProtocol protocol, ScheduledExecutorService actor) {
		this.settings = settings;
		this.record = record;
		this.sessions = sessions;
		this.protocol = protocol;
		this.actor = actor;
		this.loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("kiwoom-simulator-ws", true),
				NioIoHandler.newFactory());
		try {
			this.server = new ServerBootstrap().group(this.loop)
				.channel(NioServerSocketChannel.class)
				.childHandler(new Initializer())
				.bind(new InetSocketAddress(host, 0))
				.syncUninterruptibly()
				.channel();
		}
		catch (RuntimeException ex) {
			this.loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
			this.actor.shutdownNow();
			throw ex;
		}
		this.actor.scheduleWithFixedDelay(this.protocol::checkTokens, TOKEN_CHECK_INTERVAL.toMillis(),
				TOKEN_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		restartTicks();
		restartPings();
	}

	/**
	 * Creates the one thread that owns the protocol's state.
	 * @return a single-thread scheduler on a daemon thread
	 */
	static ScheduledExecutorService newActor() {
		return Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "kiwoom-simulator-realtime");
			thread.setDaemon(true);
			return thread;
		});
	}

	int port() {
		return ((InetSocketAddress) this.server.localAddress()).getPort();
	}

	/**
	 * Registers a session whose handshake completed, with its login deadline.
	 * @param session the session
	 */
	void opened(RealtimeSession session) {
		this.record.connection();
		this.sessions.opened(session);
		Duration timeout = this.settings.loginTimeout;
		if (!timeout.isZero()) {
			session.loginTimeout(this.actor.schedule(() -> this.protocol.loginTimedOut(session), timeout.toMillis(),
					TimeUnit.MILLISECONDS));
		}
	}

	/**
	 * Forgets a session whose connection ended.
	 * @param session the session
	 */
	void closed(RealtimeSession session) {
		session.markClosing();
		this.sessions.closed(session);
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
		if (!interval.isZero()) {
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
	 * Runs a task on the simulator's thread and waits for it to finish; nothing runs once
	 * the simulator is closed.
	 * @param task the task
	 */
	void runAndWait(Runnable task) {
		call(() -> {
			task.run();
			return 0;
		}, 0);
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
	 * Cuts every connection, stops the server and its threads; bounded, never throws.
	 */
	@Override
	public void close() {
		runAndWait(() -> this.sessions.all().forEach(RealtimeSession::drop));
		this.actor.shutdownNow();
		this.server.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
		this.loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
	}

	/**
	 * Builds each connection's pipeline: HTTP upgrade, then whole text frames to a
	 * {@link RealtimeChannelHandler}.
	 */
	private final class Initializer extends ChannelInitializer<SocketChannel> {

		@Override
		protected void initChannel(SocketChannel channel) {
			WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
				.websocketPath(PATH)
				.maxFramePayloadLength(MAX_FRAME)
				.handleCloseFrames(true)
				// drop() must cut the connection without a close frame
				.sendCloseFrame(null)
				.build();
			channel.pipeline()
				.addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
						new WebSocketServerProtocolHandler(config), new WebSocketFrameAggregator(MAX_FRAME),
						new RealtimeChannelHandler(RealtimeServer.this, RealtimeServer.this.protocol,
								RealtimeServer.this.settings));
		}

	}

}
