package io.github.ktrader.kiwoom.auth.test;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.jspecify.annotations.Nullable;

/**
 * One client connection to the real-time socket: its login, registrations, condition
 * searches and outgoing frames.
 * <p>
 * Confined to the real-time simulator's thread; Netty writes the frames on its own, in
 * the order they were sent.
 */
final class RealtimeSession {

	private final Channel channel;

	private final RealtimeSettings settings;

	private final Registrations registrations = new Registrations();

	private final Set<String> conditionSearches = new LinkedHashSet<>();

	private @Nullable String token;

	private boolean loginReceived;

	private boolean tokenDead;

	private boolean conditionsListed;

	private int unansweredPings;

	private boolean closing;

	private @Nullable ScheduledFuture<?> loginTimeout;

	RealtimeSession(Channel channel, RealtimeSettings settings) {
		this.channel = channel;
		this.settings = settings;
	}

	/**
	 * Sends a text frame, unless the session is closing or the server is silenced.
	 * @param frame the frame
	 */
	void send(String frame) {
		if (!this.closing && !this.settings.silenced) {
			this.channel.writeAndFlush(new TextWebSocketFrame(frame));
		}
	}

	/**
	 * Sends the frames queued so far, then a close frame (1000), and closes the
	 * connection.
	 */
	void close() {
		if (!this.closing) {
			markClosing();
			this.channel.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
		}
	}

	/**
	 * Marks the session as ending, without sending anything.
	 */
	void markClosing() {
		this.closing = true;
		cancelLoginTimeout();
	}

	/**
	 * Closes the TCP connection at once, without a close frame.
	 */
	void drop() {
		markClosing();
		this.channel.close();
	}

	boolean isClosing() {
		return this.closing;
	}

	boolean isLoggedIn() {
		return this.token != null && !this.closing;
	}

	/**
	 * Marks the session's LOGIN frame as received, once.
	 * @return whether it is the first
	 */
	boolean receiveLogin() {
		boolean first = !this.loginReceived;
		this.loginReceived = true;
		return first;
	}

	void loggedIn(String token) {
		this.token = token;
	}

	@Nullable String token() {
		return this.token;
	}

	/**
	 * Marks the session's token as dead, once.
	 * @return whether it was alive until now
	 */
	boolean tokenDied() {
		boolean first = !this.tokenDead;
		this.tokenDead = true;
		return first;
	}

	Registrations registrations() {
		return this.registrations;
	}

	void conditionsListed() {
		this.conditionsListed = true;
	}

	boolean hasListedConditions() {
		return this.conditionsListed;
	}

	Set<String> conditionSearches() {
		return this.conditionSearches;
	}

	/**
	 * Counts a PING about to be sent.
	 * @return how many PINGs were unanswered before this one
	 */
	int pingSent() {
		return this.unansweredPings++;
	}

	void pingAnswered() {
		this.unansweredPings = 0;
	}

	void loginTimeout(ScheduledFuture<?> loginTimeout) {
		this.loginTimeout = loginTimeout;
	}

	void cancelLoginTimeout() {
		ScheduledFuture<?> timeout = this.loginTimeout;
		if (timeout != null) {
			timeout.cancel(false);
			this.loginTimeout = null;
		}
	}

	@Override
	public String toString() {
		return "RealtimeSession[" + this.channel.remoteAddress() + ", loggedIn=" + (this.token != null) + "]";
	}

}
