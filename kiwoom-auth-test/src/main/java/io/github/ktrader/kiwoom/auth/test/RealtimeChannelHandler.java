package io.github.ktrader.kiwoom.auth.test;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.jspecify.annotations.Nullable;

/**
 * Hands one connection's events to the real-time simulator's thread: the session once the
 * handshake completes, each text frame, and the end of the connection. Runs on Netty's
 * event loop and never waits.
 */
final class RealtimeChannelHandler extends SimpleChannelInboundHandler<Object> {

	private final RealtimeServer server;

	private final RealtimeProtocol protocol;

	private final RealtimeSettings settings;

	private @Nullable RealtimeSession session;

	RealtimeChannelHandler(RealtimeServer server, RealtimeProtocol protocol, RealtimeSettings settings) {
		this.server = server;
		this.protocol = protocol;
		this.settings = settings;
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
		if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
			RealtimeSession session = new RealtimeSession(context.channel(), this.settings);
			this.session = session;
			this.server.run(() -> this.server.opened(session));
		}
		super.userEventTriggered(context, event);
	}

	@Override
	protected void channelRead0(ChannelHandlerContext context, Object message) {
		RealtimeSession session = this.session;
		if (message instanceof TextWebSocketFrame frame && session != null) {
			String text = frame.text();
			this.server.run(() -> this.protocol.onFrame(session, text));
		}
		else if (message instanceof FullHttpRequest) {
			// Anything but the WebSocket path
			DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
					HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER);
			response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
			context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext context) throws Exception {
		RealtimeSession session = this.session;
		if (session != null) {
			this.server.run(() -> this.server.closed(session));
		}
		super.channelInactive(context);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
		// A broken connection, or a frame beyond the limit: end it, as a server would
		context.close();
	}

}
