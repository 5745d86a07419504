package io.github.ktrader.kiwoom.auth.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

/**
 * Answers what clients send over the real-time socket, and runs the server's own traffic:
 * ticks, PINGs, the login deadline and the watch on tokens. Confined to the real-time
 * simulator's thread.
 */
final class RealtimeProtocol {

	private final RealtimeSettings settings;

	private final RealtimeRecord record;

	private final RealtimeSessions sessions;

	private final RealtimeFrames frames;

	private final TokenRegistry tokens;

	private final TickSource ticks;

	private final ConditionSearch conditions;

	private final ScheduledExecutorService actor;

	private int refusalsLeft;

	private int refusalReturnCode;

	private String refusalMessage = "";

	RealtimeProtocol(RealtimeSettings settings, RealtimeRecord record, RealtimeSessions sessions, TokenRegistry tokens,
			MarketData marketData, ScheduledExecutorService actor) {
		this.settings = settings;
		this.actor = actor;
		this.record = record;
		this.sessions = sessions;
		this.frames = new RealtimeFrames(settings);
		this.tokens = tokens;
		this.ticks = new TickSource(marketData);
		this.conditions = new ConditionSearch(settings, this.frames, marketData, this.ticks);
	}

	ConditionSearch conditions() {
		return this.conditions;
	}

	void refuseNextLogins(int count, int returnCode, String message) {
		this.refusalsLeft = count;
		this.refusalReturnCode = returnCode;
		this.refusalMessage = message;
	}

	/**
	 * Handles a text frame from a client. While the server is silenced, frames are
	 * recorded and otherwise ignored, as a hung server would.
	 * @param session the session it came on
	 * @param text the frame
	 */
	void onFrame(RealtimeSession session, String text) {
		this.record.frame(text);
		if (this.settings.silenced || session.isClosing()) {
			return;
		}
		ObjectNode frame = Json.parseObject(text);
		String trnm = (frame != null) ? Json.text(frame, "trnm") : text.strip();
		if ("PING".equals(trnm)) {
			this.record.pong();
			session.pingAnswered();
			return;
		}
		if (frame == null || trnm == null) {
			return;
		}
		if (session.token() == null) {
			// Anything before the LOGIN answer is ignored, as Kiwoom does
			if ("LOGIN".equals(trnm) && session.receiveLogin()) {
				login(session, frame);
			}
			return;
		}
		switch (trnm) {
			case "REG", "REMOVE" -> register(session, trnm, frame, text);
			case "CNSRLST", "CNSRREQ", "CNSRCLR" -> this.conditions.handle(session, trnm, frame);
			default -> {
				// a second LOGIN and unknown frames go unanswered
			}
		}
	}

	private void login(RealtimeSession session, ObjectNode frame) {
		String token = Json.text(frame, "token");
		this.record.login((token != null) ? token : "");
		session.cancelLoginTimeout();
		Duration delay = this.settings.loginAnswerDelay;
		if (delay.isZero()) {
			answerLogin(session, token);
		}
		else {
			this.actor.schedule(() -> answerLogin(session, token), delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void answerLogin(RealtimeSession session, @Nullable String token) {
		if (session.isClosing()) {
			return;
		}
		if (this.refusalsLeft > 0) {
			this.refusalsLeft--;
			refuse(session, this.refusalReturnCode, this.refusalMessage);
			return;
		}
		if (token == null || !this.tokens.isValid(token)) {
			refuse(session, 1, RealtimeFrames.loginRefusal(8005));
			return;
		}
		session.loggedIn(token);
		this.sessions.takeOver(session);
		session.send(this.frames.loginAccepted());
	}

	private void refuse(RealtimeSession session, int returnCode, String message) {
		session.send(this.frames.loginRefused(returnCode, message));
		session.close();
	}

	private void register(RealtimeSession session, String trnm, ObjectNode frame, String text) {
		this.record.reg(text);
		List<Registrations.Entry> entries = Registrations.entries(frame);
		if (entries == null) {
			session.send(this.frames.answerText(trnm, 1, "요청 데이터(data) 형식이 올바르지 않습니다"));
			return;
		}
		String group = Json.text(frame, "grp_no");
		Registrations registrations = session.registrations();
		if ("REMOVE".equals(trnm)) {
			registrations.remove(group, entries);
			session.send(this.frames.answerText(trnm, 0, ""));
			return;
		}
		String target = (group != null) ? group : "1";
		// refresh "1", the default, keeps what the group had; "0" replaces it
		boolean replace = "0".equals(Json.text(frame, "refresh"));
		if (registrations.sizeAfterRegister(target, entries, replace) > this.settings.maxItemsPerSession) {
			session.send(this.frames.answerText(trnm, 1, "등록 종목수 초과"));
			return;
		}
		registrations.register(target, entries, replace);
		session.send(this.frames.answerText(trnm, 0, ""));
	}

	/**
	 * Sends one {@code 0B} trade for every item a logged-in session registered for
	 * {@code 0B}.
	 */
	void tick() {
		if (this.settings.silenced) {
			return;
		}
		// one trade per item and round, even when several sessions watch it
		Map<String, RealtimeFrames.Entry> trades = new HashMap<>();
		for (RealtimeSession session : this.sessions.loggedIn()) {
			List<RealtimeFrames.Entry> entries = new ArrayList<>();
			for (String item : session.registrations().items("0B")) {
				entries.add(trades.computeIfAbsent(item,
						(key) -> new RealtimeFrames.Entry("0B", key, this.ticks.next(key))));
			}
			if (this.settings.batchTicks && !entries.isEmpty()) {
				session.send(RealtimeFrames.real(entries));
			}
			else {
				entries.forEach((entry) -> session.send(RealtimeFrames.real(List.of(entry))));
			}
		}
	}

	/**
	 * Sends a PING to every open session; a session that left the limit of PINGs
	 * unanswered gets {@code R10002} instead and is closed.
	 */
	void ping() {
		if (this.settings.silenced) {
			return;
		}
		for (RealtimeSession session : this.sessions.all()) {
			if (session.isClosing()) {
				continue;
			}
			if (session.pingSent() >= this.settings.missedPingLimit) {
				session.send(RealtimeFrames.system("R10002", RealtimeFrames.HEARTBEAT_MISSED));
				session.close();
			}
			else {
				session.send(RealtimeFrames.PING);
			}
		}
	}

	/**
	 * Closes a session that sent no LOGIN in time.
	 * @param session the session
	 */
	void loginTimedOut(RealtimeSession session) {
		if (session.token() == null && !session.isClosing() && !this.settings.silenced) {
			session.send(RealtimeFrames.system("R10004", RealtimeFrames.LOGIN_MISSING));
			session.close();
		}
	}

	/**
	 * Applies the token-death policy to sessions whose token stopped being valid.
	 */
	void checkTokens() {
		if (this.settings.silenced) {
			return;
		}
		for (RealtimeSession session : this.sessions.loggedIn()) {
			String token = session.token();
			if (token != null && !this.tokens.isValid(token) && session.tokenDied()
					&& this.settings.onTokenDeath == TokenDeathPolicy.CLOSE) {
				session.close();
			}
		}
	}

	/**
	 * Sends one REAL entry to the logged-in sessions that registered it; {@code 00} and
	 * {@code 04} belong to the account, so any registration of the type takes them, and
	 * {@code 02} goes to every session.
	 * @param type the type
	 * @param item the item
	 * @param values the FID values
	 * @return how many sessions it reached
	 */
	int push(String type, String item, Map<String, String> values) {
		String frame = RealtimeFrames.real(type, item, values);
		boolean account = Set.of("00", "04").contains(type);
		int reached = 0;
		for (RealtimeSession session : this.sessions.loggedIn()) {
			Registrations registrations = session.registrations();
			boolean wanted = "02".equals(type)
					|| (account ? !registrations.items(type).isEmpty() : registrations.contains(type, item));
			if (wanted) {
				session.send(frame);
				reached++;
			}
		}
		return reached;
	}

	int pushFrame(String frame) {
		List<RealtimeSession> loggedIn = this.sessions.loggedIn();
		loggedIn.forEach((session) -> session.send(frame));
		return loggedIn.size();
	}

	void kick(String message) {
		for (RealtimeSession session : this.sessions.all()) {
			session.send(RealtimeFrames.system("R10001", message));
			session.close();
		}
	}

}
