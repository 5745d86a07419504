package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.ktrader.kiwoom.auth.realtime.KiwoomCondition;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeEvent;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRedis.Subscribed;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A member's condition searches (조건검색), which only the holder's socket can run.
 * <p>
 * <b>Real-time searches</b> are wanted like subscriptions: the member keeps the
 * conditions in its hash under its lease, the holder searches the union's once each and
 * publishes the {@code 02} pushes with the market data, and each member hands them to its
 * listeners of their condition (FID 841).
 * <p>
 * <b>One-shot requests</b> (the list, a search) are wanted too, under an id, until
 * answered: the holder asks Kiwoom and leaves the answer in Redis under the id, then
 * tells the members; the member takes it (also on its own, every third of the lease, in
 * case it missed the message), and gives up after {@link ClusterRedis#requestTimeout()}.
 * A holder that dies before answering leaves the request to the next one.
 */
final class ClusterConditions {

	private static final Log logger = LogFactory.getLog(ClusterConditions.class);

	private final ClusterRedis redis;

	private final ClusterFrames frames;

	private final ClusterThreads threads;

	private final ClusterSubscriptions subscriptions;

	private final Runnable changed;

	private final Duration poll;

	private final Map<String, Pending<?>> pending = new ConcurrentHashMap<>();

	ClusterConditions(ClusterRedis redis, ClusterFrames frames, ClusterThreads threads,
			ClusterSubscriptions subscriptions, Runnable changed, Duration poll) {
		this.redis = redis;
		this.frames = frames;
		this.threads = threads;
		this.subscriptions = subscriptions;
		this.changed = changed;
		this.poll = poll;
	}

	CompletableFuture<List<KiwoomCondition>> conditions() {
		return request(Subscribed.LIST_REQUEST, null, (answer) -> answer.conditions());
	}

	CompletableFuture<List<RealtimeEvent>> search(String seq) {
		Assert.hasText(seq, "Seq must not be empty");
		return request(Subscribed.SEARCH_REQUEST, seq.strip(), (answer) -> answer.rows());
	}

	private <T> CompletableFuture<T> request(String type, @Nullable String seq,
			Function<ClusterFrames.Answer, @Nullable T> read) {
		this.subscriptions.requireNotStopped();
		String id = UUID.randomUUID().toString();
		Pending<T> request = new Pending<>(type, (seq != null) ? id + ":" + seq : id, read, new CompletableFuture<>());
		this.pending.put(id, request);
		this.subscriptions.listen();
		Duration timeout = this.redis.requestTimeout();
		request.future.whenComplete((value, ex) -> {
			if (this.pending.remove(id) != null) {
				this.changed.run();
			}
		});
		this.changed.run();
		this.threads.schedule(() -> poll(id), this.poll);
		this.threads.schedule(() -> request.future.completeExceptionally(new TimeoutException("No answer from the "
				+ "real-time cluster's holder within " + timeout + " (kiwoom.token.redis.lease × 2, at least 10s)")),
				timeout);
		return request.future;
	}

	/**
	 * Take the answer when the holder said it is there, or when this member looks again.
	 */
	void answered(String id) {
		Pending<?> request = this.pending.get(id);
		if (request == null) {
			return;
		}
		String answer;
		try {
			answer = this.redis.takeAnswer(id);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read a condition search's answer from Redis yet: " + ex);
			return;
		}
		if (answer != null) {
			request.complete(this.frames.answer(answer));
		}
	}

	private void poll(String id) {
		if (this.pending.containsKey(id)) {
			answered(id);
			this.threads.schedule(() -> poll(id), this.poll);
		}
	}

	/**
	 * Return the conditions and requests this member wants, by type.
	 */
	Map<String, Set<String>> wanted() {
		Map<String, Set<String>> wanted = new LinkedHashMap<>();
		Set<String> seqs = this.subscriptions.conditionSeqs();
		if (!seqs.isEmpty()) {
			wanted.put(Subscribed.CONDITION, new LinkedHashSet<>(seqs));
		}
		this.pending.values()
			.forEach((request) -> wanted.computeIfAbsent(request.type, (type) -> new LinkedHashSet<>())
				.add(request.item));
		return wanted;
	}

	/**
	 * The member leaves: requests still waiting fail.
	 */
	void stop() {
		this.pending.values()
			.forEach((request) -> request.future.completeExceptionally(new IllegalStateException("Stopped")));
	}

	/**
	 * A request waiting for its answer.
	 */
	private record Pending<T>(String type, String item, Function<ClusterFrames.Answer, @Nullable T> read,
			CompletableFuture<T> future) {

		void complete(ClusterFrames.Answer answer) {
			if (answer.error() != null) {
				this.future.completeExceptionally(new IllegalStateException(answer.error()));
				return;
			}
			T value = this.read.apply(answer);
			if (value == null) {
				this.future.completeExceptionally(new IllegalStateException("Not the answer to this request"));
			}
			else {
				this.future.complete(value);
			}
		}

	}

}
