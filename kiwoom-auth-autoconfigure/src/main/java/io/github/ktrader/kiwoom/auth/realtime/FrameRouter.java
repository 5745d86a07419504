package io.github.ktrader.kiwoom.auth.realtime;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes each frame of the real-time socket, on the socket's reader thread: echoes PINGs,
 * hands REAL events to the subscriptions' queues, and acts on LOGIN, SYSTEM, REG/REMOVE
 * and condition-search answers and on the socket closing.
 */
final class FrameRouter {

	private static final Log logger = LogFactory.getLog(RealtimeSession.class);

	private final SessionStateMachine machine;

	private final SessionConnection connection;

	private final CurrentSocket current;

	private final ReconnectScheduler reconnect;

	private final RealtimeObserver observer;

	private final JsonMapper mapper;

	private final SubscriptionRegistry registry;

	private final ConditionSearches conditions;

	private final String account;

	FrameRouter(SessionStateMachine machine, SessionConnection connection, CurrentSocket current,
			ReconnectScheduler reconnect, RealtimeObserver observer, JsonMapper mapper, SubscriptionRegistry registry,
			ConditionSearches conditions, String account) {
		this.machine = machine;
		this.connection = connection;
		this.current = current;
		this.reconnect = reconnect;
		this.observer = observer;
		this.mapper = mapper;
		this.registry = registry;
		this.conditions = conditions;
		this.account = account;
	}

	/**
	 * Return the handler of the socket of the given attempt.
	 * @param attempt the socket's generation
	 * @return the handler
	 */
	RealtimeSocket.Handler handler(int attempt) {
		return new Handler(attempt);
	}

	private void frame(int attempt, RealtimeSocket from, String text) {
		this.machine.markFrame();
		RealtimeFrame frame;
		try {
			frame = RealtimeFrame.parse(this.mapper, text);
		}
		catch (IllegalArgumentException ex) {
			logger.debug("Kiwoom account '" + this.account + "': ignored a real-time frame: " + ex.getMessage());
			return;
		}
		switch (frame.trnm()) {
			case "PING" -> {
				// Echoed unchanged, whatever state the session is in
				from.send(text);
				this.observer.frame("PING");
			}
			case "REAL" -> real(attempt, frame);
			case "LOGIN" -> {
				this.observer.frame("LOGIN");
				this.connection.loginAnswered(attempt, frame);
			}
			case "SYSTEM" -> {
				this.observer.frame("SYSTEM");
				system(attempt, frame);
			}
			case "CNSRLST", "CNSRREQ", "CNSRCLR" -> {
				this.observer.frame(frame.trnm());
				synchronized (this.machine.lock()) {
					if (attempt == this.machine.generation()) {
						this.conditions.answered(frame);
					}
				}
			}
			case "REG", "REMOVE" -> {
				this.observer.frame(frame.trnm());
				if (!frame.status().isSuccess()) {
					logger.warn("Kiwoom account '" + this.account + "': Kiwoom refused " + frame.trnm() + " ("
							+ frame.status().describe() + ")");
				}
			}
			default -> {
				this.observer.frame(frame.trnm());
				logger.debug("Kiwoom account '" + this.account + "': real-time frame " + frame.trnm());
			}
		}
	}

	private void real(int attempt, RealtimeFrame frame) {
		if (attempt != currentGeneration()) {
			return;
		}
		for (RealtimeEvent event : frame.events()) {
			this.observer.frame(event.type());
			if (event.type().equals("02")) {
				synchronized (this.machine.lock()) {
					this.conditions.dispatch(event);
				}
			}
			else {
				this.registry.dispatch(event);
			}
		}
	}

	private int currentGeneration() {
		synchronized (this.machine.lock()) {
			return this.machine.generation();
		}
	}

	private void system(int attempt, RealtimeFrame frame) {
		String code = frame.field("code");
		String message = frame.field("message");
		LoginRefusal refusal = LoginRefusal.ofSystem(code, message);
		synchronized (this.machine.lock()) {
			if (!this.machine.isCurrent(attempt)) {
				return;
			}
			if (refusal == null) {
				logger.info("Kiwoom account '" + this.account + "': real-time SYSTEM " + code + " \"" + message + "\"");
			}
			else if (refusal == LoginRefusal.KICKED) {
				String detail = String.valueOf(message);
				this.current.lost("kicked", detail);
				this.reconnect.kicked(detail);
			}
			else if (refusal == LoginRefusal.FATAL) {
				this.current.fail("Kiwoom closed the real-time session (SYSTEM " + code + " \"" + message
						+ "\"), which has meant a wrong app key: check kiwoom.appkey (앱키) and kiwoom.host.");
			}
			else {
				logger.warn("Kiwoom account '" + this.account + "': Kiwoom ends the real-time session (SYSTEM " + code
						+ " \"" + message + "\"); connecting again");
				this.machine.setLastError("SYSTEM " + code + " " + message);
				this.current.lost("system", code + " " + message);
				this.reconnect.scheduleReconnect("system");
			}
		}
		this.machine.flush();
	}

	private void closed(int attempt, String reason) {
		synchronized (this.machine.lock()) {
			if (!this.machine.isCurrent(attempt)) {
				return;
			}
			logger.info("Kiwoom account '" + this.account + "': real-time socket " + reason + "; connecting again");
			this.machine.setLastError("socket " + reason);
			this.current.closed(reason);
			this.reconnect.scheduleReconnect("closed");
		}
		this.machine.flush();
	}

	/**
	 * Receives one socket's frames; those of a socket the session has left are ignored.
	 */
	private final class Handler implements RealtimeSocket.Handler {

		private final int attempt;

		Handler(int attempt) {
			this.attempt = attempt;
		}

		@Override
		public void frame(RealtimeSocket socket, String text) {
			FrameRouter.this.frame(this.attempt, socket, text);
		}

		@Override
		public void closed(RealtimeSocket socket, String reason) {
			FrameRouter.this.closed(this.attempt, reason);
		}

	}

}
