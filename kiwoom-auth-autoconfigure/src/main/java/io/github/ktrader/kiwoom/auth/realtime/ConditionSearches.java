package io.github.ktrader.kiwoom.auth.realtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Condition search (조건검색) on the session's socket: {@code CNSRLST} first on every
 * connection, one-shot searches with their body paging
 * ({@code cont_yn}/{@code next_key}), real-time searches (pushes of type {@code 02}) sent
 * again after each reconnect, and {@code CNSRCLR}. Called under the session's lock.
 */
final class ConditionSearches {

	private final JsonMapper mapper;

	private final List<CompletableFuture<List<KiwoomCondition>>> listing = new ArrayList<>();

	private final Map<String, Deque<Object>> expected = new LinkedHashMap<>();

	private final Map<String, List<SubscriberQueue>> live = new LinkedHashMap<>();

	private final Deque<OneShot> waiting = new ArrayDeque<>();

	private @Nullable Consumer<String> socket;

	private boolean listed;

	ConditionSearches(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * A connection is logged in: list first, then run what waits.
	 */
	void connected(Consumer<String> socket) {
		this.socket = socket;
		this.listed = false;
		if (!this.listing.isEmpty() || !this.live.isEmpty() || !this.waiting.isEmpty()) {
			socket.accept(write(Map.of("trnm", "CNSRLST")));
		}
	}

	/**
	 * The connection went away: searches in flight fail, real-time ones are sent again on
	 * the next connection.
	 */
	void disconnected() {
		this.socket = null;
		this.listed = false;
		this.expected.values().forEach((queue) -> queue.forEach((expectation) -> {
			if (expectation instanceof OneShot oneShot) {
				oneShot.future.completeExceptionally(new IllegalStateException("The real-time socket went away"));
			}
		}));
		this.expected.clear();
	}

	void stopped() {
		disconnected();
		this.listing.forEach((future) -> future.completeExceptionally(new IllegalStateException("Stopped")));
		this.listing.clear();
		this.waiting.forEach((search) -> search.future.completeExceptionally(new IllegalStateException("Stopped")));
		this.waiting.clear();
	}

	CompletableFuture<List<KiwoomCondition>> list() {
		CompletableFuture<List<KiwoomCondition>> future = new CompletableFuture<>();
		this.listing.add(future);
		if (this.socket != null) {
			this.socket.accept(write(Map.of("trnm", "CNSRLST")));
		}
		return future;
	}

	CompletableFuture<List<RealtimeEvent>> search(String seq) {
		OneShot search = new OneShot(seq);
		this.waiting.add(search);
		runWaiting();
		return search.future;
	}

	void subscribe(String seq, SubscriberQueue queue) {
		boolean first = !this.live.containsKey(seq);
		this.live.computeIfAbsent(seq, (key) -> new ArrayList<>()).add(queue);
		if (first && this.socket != null) {
			if (this.listed) {
				request(seq, "1", "N", "", Realtime.INSTANCE);
			}
			else {
				this.socket.accept(write(Map.of("trnm", "CNSRLST")));
			}
		}
	}

	void unsubscribe(String seq, SubscriberQueue queue) {
		List<SubscriberQueue> queues = this.live.get(seq);
		if (queues != null && queues.remove(queue) && queues.isEmpty()) {
			this.live.remove(seq);
			if (this.socket != null) {
				this.socket.accept(write(Map.of("trnm", "CNSRCLR", "seq", seq)));
			}
		}
	}

	/**
	 * Route a {@code 02} push to the subscriptions of its condition (FID 841).
	 */
	void dispatch(RealtimeEvent event) {
		List<SubscriberQueue> queues = this.live.get(event.value("841"));
		if (queues != null) {
			queues.forEach((queue) -> queue.offer(event));
		}
	}

	void answered(RealtimeFrame frame) {
		JsonNode body = frame.body();
		if (body == null) {
			return;
		}
		if (frame.trnm().equals("CNSRLST")) {
			boolean firstOnConnection = !this.listed;
			this.listed = frame.status().isSuccess();
			List<KiwoomCondition> conditions = conditions(body.path("data"));
			this.listing.forEach((future) -> future.complete(conditions));
			this.listing.clear();
			if (this.listed) {
				// Only the connection's first list starts the real-time searches: listing
				// again (conditions()) must not search them twice
				if (firstOnConnection) {
					this.live.keySet().forEach((seq) -> request(seq, "1", "N", "", Realtime.INSTANCE));
				}
				runWaiting();
			}
		}
		else if (frame.trnm().equals("CNSRREQ")) {
			searchAnswered(frame, body);
		}
	}

	private void searchAnswered(RealtimeFrame frame, JsonNode body) {
		String seq = body.path("seq").asString("");
		Deque<Object> queue = this.expected.get(seq);
		Object expectation = (queue != null) ? queue.pollFirst() : null;
		List<RealtimeEvent> rows = rows(seq, body.path("data"));
		if (expectation instanceof OneShot search) {
			if (!frame.status().isSuccess()) {
				search.future.completeExceptionally(new IllegalStateException(
						"Kiwoom refused condition search " + seq + ": " + frame.status().describe()));
				return;
			}
			search.rows.addAll(rows);
			if ("Y".equals(body.path("cont_yn").asString("")) && !rows.isEmpty()) {
				request(seq, "0", "Y", body.path("next_key").asString(""), search);
			}
			else {
				search.future.complete(List.copyOf(search.rows));
			}
		}
		else if (expectation == Realtime.INSTANCE) {
			List<SubscriberQueue> queues = this.live.getOrDefault(seq, List.of());
			rows.forEach((row) -> queues.forEach((subscriber) -> subscriber.offer(row)));
		}
	}

	private void runWaiting() {
		if (this.socket == null) {
			return;
		}
		if (!this.listed) {
			if (!this.waiting.isEmpty()) {
				this.socket.accept(write(Map.of("trnm", "CNSRLST")));
			}
			return;
		}
		while (!this.waiting.isEmpty()) {
			OneShot search = this.waiting.pollFirst();
			request(search.seq, "0", "N", "", search);
		}
	}

	private void request(String seq, String searchType, String contYn, String nextKey, Object expectation) {
		Consumer<String> socket = this.socket;
		if (socket == null) {
			return;
		}
		this.expected.computeIfAbsent(seq, (key) -> new ArrayDeque<>()).addLast(expectation);
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("trnm", "CNSRREQ");
		frame.put("seq", seq);
		frame.put("search_type", searchType);
		frame.put("stex_tp", "K");
		frame.put("cont_yn", contYn);
		frame.put("next_key", nextKey);
		socket.accept(write(frame));
	}

	/**
	 * Pairs ({@code ["0","조건1"]}) or objects ({@code {"seq":"0","name":"조건1"}}).
	 */
	private static List<KiwoomCondition> conditions(JsonNode data) {
		List<KiwoomCondition> conditions = new ArrayList<>();
		for (JsonNode entry : data.values()) {
			if (entry.isArray() && entry.size() >= 2) {
				conditions.add(new KiwoomCondition(entry.get(0).asString(""), entry.get(1).asString("")));
			}
			else if (entry.isObject()) {
				conditions.add(new KiwoomCondition(entry.path("seq").asString(""), entry.path("name").asString("")));
			}
		}
		return conditions;
	}

	/**
	 * Rows of a search answer, as events of type {@code 02} whose item is the code
	 * without Kiwoom's {@code A} prefix and whose FID 841 is the condition.
	 */
	private static List<RealtimeEvent> rows(String seq, JsonNode data) {
		List<RealtimeEvent> rows = new ArrayList<>();
		for (JsonNode row : data.values()) {
			Map<String, String> values = new LinkedHashMap<>();
			row.properties().forEach((entry) -> values.put(entry.getKey(), entry.getValue().asString("")));
			values.put("841", seq);
			String code = values.getOrDefault("9001", "");
			rows.add(new RealtimeEvent("02", code.startsWith("A") ? code.substring(1) : code, "조건검색", values));
		}
		return rows;
	}

	boolean isEmpty() {
		return this.live.isEmpty();
	}

	private String write(Map<String, ?> frame) {
		return this.mapper.writeValueAsString(frame);
	}

	private static final class OneShot {

		final String seq;

		final List<RealtimeEvent> rows = new ArrayList<>();

		final CompletableFuture<List<RealtimeEvent>> future = new CompletableFuture<>();

		OneShot(String seq) {
			this.seq = seq;
		}

	}

	private enum Realtime {

		INSTANCE

	}

}
