package io.github.ktrader.kiwoom.auth.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Condition search (조건검색) over the real-time socket: the list ({@code CNSRLST}), one-shot
 * searches paged in the body ({@code CNSRREQ} search type 0), real-time searches (search
 * type 1, then {@code 02} pushes) and their stop ({@code CNSRCLR}). Confined to the
 * real-time simulator's thread.
 */
final class ConditionSearch {

	private final Map<String, String> conditions = new LinkedHashMap<>();

	private final Map<String, List<String>> matches = new LinkedHashMap<>();

	private final RealtimeSettings settings;

	private final RealtimeFrames frames;

	private final MarketData marketData;

	private final TickSource ticks;

	ConditionSearch(RealtimeSettings settings, RealtimeFrames frames, MarketData marketData, TickSource ticks) {
		this.settings = settings;
		this.frames = frames;
		this.marketData = marketData;
		this.ticks = ticks;
	}

	void conditions(Map<String, String> seqToName) {
		this.conditions.clear();
		this.conditions.putAll(seqToName);
	}

	void matches(String seq, List<String> codes) {
		this.matches.put(seq, new ArrayList<>(codes));
	}

	/**
	 * Answers a condition-search frame.
	 * @param session the session
	 * @param trnm {@code CNSRLST}, {@code CNSRREQ} or {@code CNSRCLR}
	 * @param request the frame
	 */
	void handle(RealtimeSession session, String trnm, ObjectNode request) {
		switch (trnm) {
			case "CNSRLST" -> list(session);
			case "CNSRREQ" -> search(session, request);
			default -> clear(session, request);
		}
	}

	private void list(RealtimeSession session) {
		session.conditionsListed();
		ObjectNode answer = this.frames.answer("CNSRLST", 0, "");
		ArrayNode data = answer.putArray("data");
		this.conditions.forEach((seq, name) -> {
			if (this.settings.conditionListAsObjects) {
				data.addObject().put("seq", seq).put("name", name);
			}
			else {
				data.addArray().add(seq).add(name);
			}
		});
		session.send(Json.write(answer));
	}

	private void search(RealtimeSession session, ObjectNode request) {
		String seq = Json.text(request, "seq");
		if (!session.hasListedConditions()) {
			session.send(refusal(seq, "조건검색 목록조회(CNSRLST)를 먼저 요청해야 합니다"));
			return;
		}
		if (seq == null || !this.conditions.containsKey(seq)) {
			session.send(refusal(seq, "조건검색식이 존재하지 않습니다"));
			return;
		}
		List<String> codes = this.matches.getOrDefault(seq, List.of());
		if ("1".equals(Json.text(request, "search_type"))) {
			session.conditionSearches().add(seq);
			session.send(page(seq, codes, 0, codes.size()));
			return;
		}
		int start = 0;
		if ("Y".equals(Json.text(request, "cont_yn"))) {
			Integer key = parse(Json.text(request, "next_key"));
			if (key == null || key < 0 || key > codes.size()) {
				session.send(refusal(seq, "연속조회키(next_key)가 올바르지 않습니다"));
				return;
			}
			start = key;
		}
		session.send(page(seq, codes, start, Math.min(codes.size(), start + this.settings.conditionPageSize)));
	}

	private String page(String seq, List<String> codes, int start, int end) {
		ObjectNode answer = this.frames.answer("CNSRREQ", 0, "");
		answer.put("seq", seq);
		boolean more = end < codes.size();
		answer.put("cont_yn", more ? "Y" : "N");
		answer.put("next_key", more ? Integer.toString(end) : "");
		ArrayNode data = answer.putArray("data");
		for (String code : codes.subList(start, end)) {
			MarketData.@Nullable Stock stock = this.marketData.stock(TickSource.code(code));
			ObjectNode row = data.addObject();
			row.put("9001", "A" + TickSource.code(code));
			row.put("302", (stock != null) ? stock.name() : "종목" + TickSource.code(code));
			row.put("10", this.ticks.price(TickSource.code(code)));
		}
		return Json.write(answer);
	}

	private void clear(RealtimeSession session, ObjectNode request) {
		String seq = Json.text(request, "seq");
		if (seq != null) {
			session.conditionSearches().remove(seq);
		}
		ObjectNode answer = this.frames.answer("CNSRCLR", 0, "");
		answer.put("seq", (seq != null) ? seq : "");
		session.send(Json.write(answer));
	}

	private String refusal(@Nullable String seq, String message) {
		ObjectNode answer = this.frames.answer("CNSRREQ", 1, message);
		answer.put("seq", (seq != null) ? seq : "");
		return Json.write(answer);
	}

	/**
	 * Sends a real-time condition search's change to the sessions running it, and keeps
	 * the matches in step.
	 * @param sessions the open sessions
	 * @param seq the condition
	 * @param code the stock code
	 * @param in whether the stock entered ({@code I}) or left ({@code D}) the condition
	 * @return how many sessions the change reached
	 */
	int change(List<RealtimeSession> sessions, String seq, String code, boolean in) {
		List<String> codes = this.matches.computeIfAbsent(seq, (key) -> new ArrayList<>());
		String bare = TickSource.code(code);
		codes.removeIf((match) -> TickSource.code(match).equals(bare));
		if (in) {
			codes.add(bare);
		}
		Map<String, String> values = new LinkedHashMap<>();
		values.put("841", seq);
		values.put("9001", "A" + bare);
		values.put("843", in ? "I" : "D");
		values.put("20", TickSource.time());
		String frame = RealtimeFrames.real("02", "A" + bare, values);
		int reached = 0;
		for (RealtimeSession session : sessions) {
			if (session.isLoggedIn() && session.conditionSearches().contains(seq)) {
				session.send(frame);
				reached++;
			}
		}
		return reached;
	}

	private static @Nullable Integer parse(@Nullable String value) {
		try {
			return (value != null) ? Integer.valueOf(value) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
