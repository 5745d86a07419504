package io.github.ktrader.kiwoom.auth.realtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One JDK {@link WebSocket} to Kiwoom: joins partial text frames (up to a limit), sends
 * one frame at a time in order, and reports frames and the end of the socket to a
 * {@link Handler}. Kiwoom's heartbeat is its own JSON {@code PING} frame, which the
 * session echoes; the JDK client sends no pings of its own.
 */
final class RealtimeSocket {

	private static final Log logger = LogFactory.getLog(RealtimeSocket.class);

	private final CompletableFuture<WebSocket> webSocket = new CompletableFuture<>();

	private final Object sendLock = new Object();

	private CompletableFuture<?> lastSend = this.webSocket;

	private final CompletableFuture<Void> ended = new CompletableFuture<>();

	/**
	 * Start opening a socket. Frames may reach the handler before the returned socket's
	 * {@link #opened()} completes; what the handler sends meanwhile goes out once it is
	 * open.
	 * @param client the HTTP client
	 * @param uri the address
	 * @param connectTimeout how long the opening handshake may take
	 * @param maxFrameSize the largest text frame, in characters
	 * @param handler what receives frames and the close
	 */
	RealtimeSocket(HttpClient client, URI uri, Duration connectTimeout, int maxFrameSize, Handler handler) {
		client.newWebSocketBuilder()
			.connectTimeout(connectTimeout)
			.buildAsync(uri, new Reader(this, maxFrameSize, handler))
			.whenComplete((webSocket, ex) -> {
				if (ex != null) {
					this.webSocket.completeExceptionally(ex);
				}
				else {
					this.webSocket.complete(webSocket);
				}
			});
	}

	/**
	 * Return what completes when the socket is open, or fails when it cannot be opened.
	 * @return the opening
	 */
	CompletableFuture<?> opened() {
		return this.webSocket;
	}

	/**
	 * Send a text frame after the ones sent before it; the JDK client allows one
	 * outstanding send at a time.
	 * @param text the frame
	 */
	void send(String text) {
		synchronized (this.sendLock) {
			this.lastSend = this.lastSend.handle((result, ex) -> null)
				.thenCompose((ignored) -> this.webSocket.join().sendText(text, true))
				.whenComplete((result, ex) -> {
					if (ex != null && logger.isDebugEnabled()) {
						logger.debug("Sending a real-time frame failed: " + ex);
					}
				});
		}
	}

	/**
	 * Close gracefully: wait (bounded) for what was sent, send a close frame and wait for
	 * the server's, then drop the connection if the server does not answer in time.
	 * @param timeout how long to wait in all
	 */
	void close(Duration timeout) {
		CompletableFuture<?> closed;
		synchronized (this.sendLock) {
			closed = this.lastSend.handle((result, ex) -> null)
				.thenCompose((ignored) -> this.webSocket.join().sendClose(WebSocket.NORMAL_CLOSURE, ""))
				.thenCompose((ignored) -> this.ended);
		}
		try {
			closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.debug("Closing the real-time socket: " + ex);
		}
		finally {
			abort();
		}
	}

	/**
	 * Drop the connection at once, or as soon as it opens.
	 */
	void abort() {
		this.webSocket.whenComplete((webSocket, ex) -> {
			if (webSocket != null) {
				webSocket.abort();
			}
		});
	}

	/**
	 * Receives what the socket reads.
	 */
	interface Handler {

		void frame(RealtimeSocket socket, String text);

		void closed(RealtimeSocket socket, String reason);

	}

	/**
	 * Requests one message at a time, so frames reach the handler in order on one thread
	 * at a time.
	 */
	private static final class Reader implements WebSocket.Listener {

		private final RealtimeSocket socket;

		private final int maxFrameSize;

		private final Handler handler;

		private final StringBuilder partial = new StringBuilder();

		private boolean ended;

		Reader(RealtimeSocket socket, int maxFrameSize, Handler handler) {
			this.socket = socket;
			this.maxFrameSize = maxFrameSize;
			this.handler = handler;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			if (this.partial.length() + data.length() > this.maxFrameSize) {
				this.partial.setLength(0);
				webSocket.abort();
				end("a frame larger than " + this.maxFrameSize + " characters");
				return null;
			}
			String text;
			if (last && this.partial.length() == 0) {
				text = data.toString();
			}
			else {
				this.partial.append(data);
				if (!last) {
					webSocket.request(1);
					return null;
				}
				text = this.partial.toString();
				this.partial.setLength(0);
			}
			try {
				this.handler.frame(this.socket, text);
			}
			finally {
				webSocket.request(1);
			}
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			end("closed by the server (" + statusCode + ((reason.isEmpty()) ? "" : " " + reason) + ")");
			this.socket.ended.complete(null);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			end("error: " + error);
			this.socket.ended.complete(null);
		}

		private synchronized void end(String reason) {
			if (!this.ended) {
				this.ended = true;
				this.handler.closed(this.socket, reason);
			}
		}

	}

}
