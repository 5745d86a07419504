package io.github.ktrader.kiwoom.auth.test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

import org.springframework.util.Assert;

/**
 * Kiwoom's real-time socket (실시간시세) served by a {@link KiwoomSimulator} on loopback, at
 * {@link KiwoomSimulator#realtimeUrl()}.
 * <p>
 * It speaks the protocol as Kiwoom's own client and field reports describe it: a
 * {@code LOGIN} frame with a token of the simulator's REST side must come first (others
 * before it are ignored; a dead token is refused with {@code CODE=8005} and the session
 * closed; none in time gets {@code R10004}); the server sends {@code PING} frames that
 * the client must echo ({@code R10002} and a close after too many missed); one session
 * per app key ({@code R10001} to the older one); {@code REG}/{@code REMOVE} by group with
 * {@code refresh}; {@code REAL} frames: {@code 0B} ticks for every registered item and
 * pushes on demand; condition search ({@code CNSRLST}, {@code CNSRREQ}, {@code CNSRCLR},
 * {@code 02} pushes). Faults: {@link #drop()}, {@link #kick()},
 * {@link #silence(boolean)}, {@link #refuseNextLogins(int, int)}, and what happens to a
 * session whose token dies ({@link #setOnTokenDeath(TokenDeathPolicy)}).
 * <pre class="code">
 * RealtimeSimulator realtime = kiwoom.realtime();
 * // point the client's kiwoom.realtime.url at kiwoom.realtimeUrl(), then:
 * await().until(() -&gt; realtime.registered("00").contains(""));
 * realtime.push("00", "", Map.of("9203", "0012345", "913", "체결"));
 * realtime.drop();                        // the client must log in again with the current token
 * await().until(() -&gt; realtime.loginCount() == 2);
 * </pre>
 * <p>
 * Threading: all methods are thread-safe. Methods that act on sessions return once the
 * frames they send are queued; what the client sees, it sees later, so tests wait for it
 * (Awaitility). Settings apply from their next use.
 *
 * @since 0.1.0
 */
public final class RealtimeSimulator {

	private final RealtimeSettings settings = new RealtimeSettings();

	private final RealtimeRecord record = new RealtimeRecord();

	private final RealtimeSessions sessions = new RealtimeSessions();

	private final RealtimeProtocol protocol;

	private final RealtimeServer server;

	RealtimeSimulator(String host, TokenRegistry tokens, MarketData marketData) {
		ScheduledExecutorService actor = RealtimeServer.newActor();
		this.protocol = new RealtimeProtocol(this.settings, this.record, this.sessions, tokens, marketData, actor);
		this.server = new RealtimeServer(host, this.settings, this.record, this.sessions, this.protocol, actor);
	}

	int port() {
		return this.server.port();
	}

	/**
	 * Returns how many sessions are open, logged in or not.
	 * @return the number of open connections
	 */
	public int openSessions() {
		return this.server.call(this.sessions::size, 0);
	}

	/**
	 * Returns how many connections completed the WebSocket handshake, to tell a steady
	 * client from one that reconnects in a loop.
	 * @return the number of connections so far
	 */
	public int connectionCount() {
		return this.record.connections();
	}

	/**
	 * Returns how many {@code LOGIN} frames arrived, accepted or refused.
	 * @return the number of login attempts
	 */
	public int loginCount() {
		return this.record.loginTokens().size();
	}

	/**
	 * Returns the token each {@code LOGIN} frame carried, in arrival order, refused ones
	 * included (empty when a frame had none). Compare them; never print them.
	 * @return a snapshot of the tokens
	 */
	public List<String> loggedInTokens() {
		return this.record.loginTokens();
	}

	/**
	 * Returns every text frame clients sent, as raw JSON, in arrival order.
	 * @return a snapshot of the frames
	 */
	public List<String> receivedFrames() {
		return this.record.frames();
	}

	/**
	 * Returns how many {@code PING} echoes clients sent.
	 * @return the number of echoes
	 */
	public long pongCount() {
		return this.record.pongs();
	}

	/**
	 * Returns the {@code REG} and {@code REMOVE} frames clients sent, in arrival order.
	 * @return a snapshot of the frames
	 */
	public List<String> regFrames() {
		return this.record.regFrames();
	}

	/**
	 * Forgets the connections, frames, logins and echoes counted so far; sessions stay as
	 * they are.
	 */
	public void clearRecorded() {
		this.record.clear();
	}

	/**
	 * Returns the items registered for a type by the logged-in sessions, across their
	 * groups; account types ({@code 00}, {@code 04}) show the empty item.
	 * @param type the type, e.g. {@code 0B}
	 * @return a snapshot of the items
	 */
	public Set<String> registered(String type) {
		Assert.notNull(type, "Type must not be null");
		return this.server.call(() -> this.sessions.registeredItems(type), Set.of());
	}

	/**
	 * Returns the condition seqs with a real-time search running, across sessions.
	 * @return a snapshot of the seqs
	 */
	public Set<String> conditionSearches() {
		return this.server.call(this.sessions::conditionSearches, Set.of());
	}

	/**
	 * Sends one {@code REAL} frame with one entry, named for the known types, to the
	 * logged-in sessions that registered the item for the type; {@code 00} and {@code 04}
	 * go to any session that registered the type, {@code 02} to every one.
	 * @param type the type, e.g. {@code 00}
	 * @param item the item, e.g. {@code 005930}, or empty for account types
	 * @param values the FID values, e.g. {@code "9203" -> "0012345"}
	 * @return how many sessions it was sent to
	 */
	public int push(String type, String item, Map<String, String> values) {
		Assert.hasText(type, "Type must not be empty");
		Assert.notNull(item, "Item must not be null");
		Assert.notNull(values, "Values must not be null");
		Map<String, String> copy = new LinkedHashMap<>(values);
		return this.server.call(() -> this.protocol.push(type, item, copy), 0);
	}

	/**
	 * Sends a text frame as given to every logged-in session.
	 * @param rawJson the frame
	 * @return how many sessions it was sent to
	 */
	public int pushFrame(String rawJson) {
		Assert.notNull(rawJson, "Frame must not be null");
		return this.server.call(() -> this.protocol.pushFrame(rawJson), 0);
	}

	/**
	 * Sends {@code {"trnm":"PING"}} to every open session now, closing with
	 * {@code R10002} instead any session that left the limit unanswered.
	 * @see #setMissedPingLimit(int)
	 */
	public void ping() {
		this.server.runAndWait(this.protocol::ping);
	}

	/**
	 * Sets how often every logged-in session gets a {@code 0B} trade for each item it
	 * registered for {@code 0B}; 200 ms by default, {@link Duration#ZERO} for none.
	 * @param interval the interval
	 */
	public void setTickInterval(Duration interval) {
		this.settings.tickInterval = notNegative(interval, "Tick interval");
		this.server.restartTicks();
	}

	/**
	 * Sets whether each tick round goes to a session as one {@code REAL} frame with an
	 * entry per item, as Kiwoom sometimes batches, instead of a frame per item (the
	 * default).
	 * @param batch whether to batch
	 */
	public void setBatchTicks(boolean batch) {
		this.settings.batchTicks = batch;
	}

	/**
	 * Sets how often every open session gets a {@code PING}; 10 s by default,
	 * {@link Duration#ZERO} for none.
	 * @param interval the interval
	 */
	public void setPingInterval(Duration interval) {
		this.settings.pingInterval = notNegative(interval, "Ping interval");
		this.server.restartPings();
	}

	/**
	 * Sets how many {@code PING}s a session may leave unanswered: at the next one it gets
	 * {@code R10002} and is closed instead; 5 by default.
	 * @param limit the limit, 1 or more
	 */
	public void setMissedPingLimit(int limit) {
		Assert.isTrue(limit > 0, "Missed ping limit must be positive");
		this.settings.missedPingLimit = limit;
	}

	/**
	 * Sets how long a new session has to send {@code LOGIN} before it gets {@code R10004}
	 * and is closed; 10 s by default, {@link Duration#ZERO} for no limit. Applies to
	 * sessions opened from now on.
	 * @param timeout the timeout
	 */
	public void setLoginTimeout(Duration timeout) {
		this.settings.loginTimeout = notNegative(timeout, "Login timeout");
	}

	/**
	 * Sets how long the server takes to answer a {@code LOGIN}; frames other than PING
	 * echoes that arrive meanwhile are ignored, as before any {@code LOGIN}. None by
	 * default.
	 * @param delay the delay
	 */
	public void setLoginAnswerDelay(Duration delay) {
		this.settings.loginAnswerDelay = notNegative(delay, "Login answer delay");
	}

	/**
	 * Sets whether every {@code return_code} is sent as a string ({@code "0"}) instead of
	 * a number, as some of Kiwoom's answers do.
	 * @param asStrings whether to send strings
	 */
	public void setReturnCodesAsStrings(boolean asStrings) {
		this.settings.returnCodesAsStrings = asStrings;
	}

	/**
	 * Sets what happens to an open session whose token is revoked, replaced, invalidated
	 * or expires; {@link TokenDeathPolicy#CLOSE} by default.
	 * @param policy the policy
	 */
	public void setOnTokenDeath(TokenDeathPolicy policy) {
		Assert.notNull(policy, "Policy must not be null");
		this.settings.onTokenDeath = policy;
	}

	/**
	 * Sets how many (type, item) pairs one session may register; a {@code REG} beyond it
	 * is answered {@code return_code} 1, {@code 등록 종목수 초과}. Unlimited by default.
	 * @param max the limit, 1 or more
	 */
	public void setMaxItemsPerSession(int max) {
		Assert.isTrue(max > 0, "Max items per session must be positive");
		this.settings.maxItemsPerSession = max;
	}

	/**
	 * Closes every session at the TCP level at once, without a close frame, as a cut
	 * network does.
	 */
	public void drop() {
		this.server.runAndWait(() -> this.sessions.all().forEach(RealtimeSession::drop));
	}

	/**
	 * Sends every session {@code R10001} "동일한 App key로 접속이 되었습니다…", as when another
	 * process logs in with the same app key, and closes it.
	 */
	public void kick() {
		kick(RealtimeFrames.SAME_APPKEY);
	}

	/**
	 * Sends every session {@code R10001} with another text, which has meant a bad app
	 * key, and closes it.
	 * @param message the message
	 */
	public void kick(String message) {
		Assert.notNull(message, "Message must not be null");
		this.server.runAndWait(() -> this.protocol.kick(message));
	}

	/**
	 * Stops or resumes sending anything: while silenced, no ticks, no {@code PING}s and
	 * no answers go out, and frames from clients are recorded but not acted on, as with a
	 * hung server.
	 * @param silenced whether to be silent
	 */
	public void silence(boolean silenced) {
		this.settings.silenced = silenced;
	}

	/**
	 * Refuses the next {@code LOGIN}s whatever their token, with {@code return_code} 1
	 * and {@code 토큰 인증에 실패했습니다 [CODE=<code>, MESSAGE=…]}, and closes those sessions.
	 * @param count how many logins to refuse, 0 to stop refusing
	 * @param code the guide code, e.g. 8005, or 8050 for an unregistered IP
	 */
	public void refuseNextLogins(int count, int code) {
		refuseNextLogins(count, 1, RealtimeFrames.loginRefusal(code));
	}

	/**
	 * Refuses the next {@code LOGIN}s whatever their token, with the given
	 * {@code return_code} and {@code return_msg}, and closes those sessions; e.g. 8005
	 * and an empty message, for a refusal that carries its code only in
	 * {@code return_code}.
	 * @param count how many logins to refuse, 0 to stop refusing
	 * @param returnCode the {@code return_code}, not 0
	 * @param message the {@code return_msg}
	 */
	public void refuseNextLogins(int count, int returnCode, String message) {
		Assert.isTrue(count >= 0, "Count must not be negative");
		Assert.isTrue(returnCode != 0, "Return code of a refusal must not be 0");
		Assert.notNull(message, "Message must not be null");
		this.server.runAndWait(() -> this.protocol.refuseNextLogins(count, returnCode, message));
	}

	/**
	 * Sets the conditions {@code CNSRLST} lists, in the given order.
	 * @param seqToName each condition's seq and name, e.g. {@code "0" -> "조건1"}
	 */
	public void setConditions(Map<String, String> seqToName) {
		Assert.notNull(seqToName, "Conditions must not be null");
		Map<String, String> copy = new LinkedHashMap<>(seqToName);
		this.server.runAndWait(() -> this.protocol.conditions().conditions(copy));
	}

	/**
	 * Sets whether {@code CNSRLST} lists conditions as {@code {"seq":…,"name":…}} objects
	 * instead of {@code [seq, name]} pairs (the default); clients must accept both.
	 * @param asObjects whether to send objects
	 */
	public void setConditionListAsObjects(boolean asObjects) {
		this.settings.conditionListAsObjects = asObjects;
	}

	/**
	 * Sets the stocks a condition matches now, as {@code CNSRREQ} answers them.
	 * @param seq the condition's seq
	 * @param codes the six-digit codes
	 */
	public void setConditionMatches(String seq, List<String> codes) {
		Assert.notNull(seq, "Seq must not be null");
		Assert.notNull(codes, "Codes must not be null");
		List<String> copy = List.copyOf(codes);
		this.server.runAndWait(() -> this.protocol.conditions().matches(seq, copy));
	}

	/**
	 * Sets how many rows one {@code CNSRREQ} answer of a one-shot search carries before
	 * {@code cont_yn} {@code Y}; 100 by default.
	 * @param pageSize the rows per page, 1 or more
	 */
	public void setConditionPageSize(int pageSize) {
		Assert.isTrue(pageSize > 0, "Page size must be positive");
		this.settings.conditionPageSize = pageSize;
	}

	/**
	 * Tells the sessions running a real-time search of the condition that a stock entered
	 * or left it: a {@code REAL} entry of type {@code 02} with FIDs 841 (seq), 9001 (code
	 * with an {@code A} prefix), 843 ({@code I} or {@code D}) and 20 (time). The
	 * condition's matches follow.
	 * @param seq the condition's seq
	 * @param code the six-digit code
	 * @param in whether the stock entered the condition
	 * @return how many sessions it was sent to
	 */
	public int pushConditionChange(String seq, String code, boolean in) {
		Assert.notNull(seq, "Seq must not be null");
		Assert.hasText(code, "Code must not be empty");
		return this.server.call(() -> this.protocol.conditions().change(this.sessions.all(), seq, code, in), 0);
	}

	void close() {
		this.server.close();
	}

	private static Duration notNegative(Duration duration, String name) {
		Assert.notNull(duration, name + " must not be null");
		Assert.isTrue(!duration.isNegative(), name + " must not be negative");
		return duration;
	}

	@Override
	public String toString() {
		return "RealtimeSimulator[port=" + port() + "]";
	}

}
