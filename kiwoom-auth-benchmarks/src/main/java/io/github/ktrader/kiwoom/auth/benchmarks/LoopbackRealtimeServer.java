package io.github.ktrader.kiwoom.auth.benchmarks;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * A Kiwoom-like real-time socket on loopback that does only what a measurement needs:
 * answers {@code LOGIN} and {@code REG} with {@code return_code} 0, then sends the frames
 * it is given. Plain Netty (as the simulator's socket) on one event-loop thread; no PINGs
 * and no ticks of its own, so that everything the client receives is what the benchmark
 * sent.
 */
final class LoopbackRealtimeServer implements AutoCloseable {

	static final String PATH = "/api/dostk/websocket";

	private static final int MAX_FRAME = 1 << 20;

	private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1,
			new DefaultThreadFactory("benchmark-ws", true), NioIoHandler.newFactory());

	private final Channel server;

	private final CountDownLatch registered = new CountDownLatch(1);

	private volatile @Nullable Channel session;

	LoopbackRealtimeServer() {
		this.server = new ServerBootstrap().group(this.loop)
			.channel(NioServerSocketChannel.class)
			.childHandler(new Initializer())
			.bind(new InetSocketAddress("127.0.0.1", 0))
			.syncUninterruptibly()
			.channel();
	}

	String url() {
		return "ws://127.0.0.1:" + ((InetSocketAddress) this.server.localAddress()).getPort() + PATH;
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
	 * Send a text frame to the logged-in client, as Kiwoom does: one frame, flushed.
	 * @param frame the frame
	 */
	void send(String frame) {
		Channel channel = this.session;
		if (channel == null) {
			throw new IllegalStateException("No client logged in");
		}
		channel.writeAndFlush(new TextWebSocketFrame(frame), channel.voidPromise());
	}

	@Override
	public void close() {
		this.server.close().syncUninterruptibly();
		this.loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	private final class Initializer extends ChannelInitializer<SocketChannel> {

		@Override
		protected void initChannel(SocketChannel channel) {
			WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
				.websocketPath(PATH)
				.maxFramePayloadLength(MAX_FRAME)
				.handleCloseFrames(true)
				.build();
			channel.pipeline()
				.addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
						new WebSocketServerProtocolHandler(config), new WebSocketFrameAggregator(MAX_FRAME),
						new Answers());
		}

	}

	private final class Answers extends SimpleChannelInboundHandler<TextWebSocketFrame> {

		@Override
		protected void channelRead0(ChannelHandlerContext context, TextWebSocketFrame frame) {
			String text = frame.text();
			if (text.contains("\"LOGIN\"")) {
				context.writeAndFlush(new TextWebSocketFrame(
						"{\"trnm\":\"LOGIN\",\"return_code\":0,\"return_msg\":\"\",\"sor_yn\":\"Y\"}"));
				LoopbackRealtimeServer.this.session = context.channel();
			}
			else if (text.contains("\"REG\"")) {
				context
					.writeAndFlush(new TextWebSocketFrame("{\"trnm\":\"REG\",\"return_code\":0,\"return_msg\":\"\"}"));
				LoopbackRealtimeServer.this.registered.countDown();
			}
		}

	}

}
