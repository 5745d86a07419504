package io.github.ktrader.kiwoom.auth.test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Open sessions of the real-time socket, with Kiwoom's one-session-per-app-key rule.
 * Confined to the real-time simulator's thread.
 */
final class RealtimeSessions {

	private final List<RealtimeSession> open = new ArrayList<>();

	void opened(RealtimeSession session) {
		this.open.add(session);
	}

	void closed(RealtimeSession session) {
		this.open.remove(session);
	}

	/**
	 * Returns a snapshot of the open sessions, in the order they opened.
	 * @return the sessions
	 */
	List<RealtimeSession> all() {
		return List.copyOf(this.open);
	}

	List<RealtimeSession> loggedIn() {
		List<RealtimeSession> loggedIn = new ArrayList<>();
		for (RealtimeSession session : this.open) {
			if (session.isLoggedIn()) {
				loggedIn.add(session);
			}
		}
		return loggedIn;
	}

	/**
	 * Tells every other logged-in session that another one took the app key, and closes
	 * it: the simulator serves one key pair, so every session shares its app key.
	 * @param session the session that just logged in
	 */
	void takeOver(RealtimeSession session) {
		for (RealtimeSession other : loggedIn()) {
			if (other != session) {
				other.send(RealtimeFrames.system("R10001", RealtimeFrames.SAME_APPKEY));
				other.close();
			}
		}
	}

	/**
	 * Returns the items the logged-in sessions registered for a type, across their
	 * groups.
	 * @param type the type, e.g. {@code 0B}
	 * @return the items
	 */
	Set<String> registeredItems(String type) {
		Set<String> items = new LinkedHashSet<>();
		loggedIn().forEach((session) -> items.addAll(session.registrations().items(type)));
		return Set.copyOf(items);
	}

	/**
	 * Returns the condition seqs with a real-time search running, across the logged-in
	 * sessions.
	 * @return the seqs
	 */
	Set<String> conditionSearches() {
		Set<String> seqs = new LinkedHashSet<>();
		loggedIn().forEach((session) -> seqs.addAll(session.conditionSearches()));
		return Set.copyOf(seqs);
	}

	int size() {
		return this.open.size();
	}

}
