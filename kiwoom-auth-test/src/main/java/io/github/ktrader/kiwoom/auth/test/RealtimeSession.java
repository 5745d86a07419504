package io.github.ktrader.kiwoom.auth.test;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;

/**
 * One client connection to the real-time socket: its login, registrations, condition
 * searches and outgoing frames.
 * <p>
 * Confined to the real-time simulator's thread, except {@link #outbound()}, which the
 * socket drains on its own thread.
 */
final class RealtimeSession {

	private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final Connection connection;

	private final RealtimeSettings settings;

	private final Registrations registrations = new Registrations();

	private final Set<String> conditionSearches = new LinkedHashSet<>();

	private @Nullable String token;

	private boolean tokenDead;

	private boolean conditionsListed;

	private int unansweredPings;

	private boolean closing;

	private @Nullable ScheduledFuture<?> loginTimeout;

	RealtimeSession(Connection connection, RealtimeSettings settings) {
		this.connection = connection;
		this.settings = settings;
	}

	Flux<String> outbound() {
		return this.outbound.asFlux();
	}

	/**
	 * Sends a text frame, unless the session is closing or the server is silenced.
	 * @param frame the frame
	 */
	void send(String frame) {
		if (!this.closing && !this.settings.silenced) {
			this.outbound.tryEmitNext(frame);
		}
	}

	/**
	 * Sends the frames queued so far, then a close frame.
	 */
	void close() {
		if (!this.closing) {
			this.closing = true;
			cancelLoginTimeout();
			this.outbound.tryEmitComplete();
		}
	}

	/**
	 * Closes the TCP connection at once, without a close frame.
	 */
	void drop() {
		this.closing = true;
		cancelLoginTimeout();
		this.connection.channel().close();
	}

	boolean isClosing() {
		return this.closing;
	}

	boolean isLoggedIn() {
		return this.token != null && !this.closing;
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
		return "RealtimeSession[" + this.connection.channel().remoteAddress() + ", loggedIn=" + (this.token != null)
				+ "]";
	}

}
