package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.github.ktrader.kiwoom.auth.realtime.RealtimeSession;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRedis.Subscribed;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The members' one-shot condition requests on the holder's socket: each request in the
 * union ({@code CNSRLST}, or {@code CNSRREQ} with {@code search_type} 0) is asked of
 * Kiwoom once per term, and its answer (or failure) is left in Redis for the member that
 * asked, which takes it and drops the request.
 */
final class ClusterHolderRequests {

	private static final Log logger = LogFactory.getLog(ClusterHolderRequests.class);

	private final RealtimeSession session;

	private final ClusterRedis redis;

	private final ClusterFrames frames;

	private final Clock clock;

	private final Set<String> started = new HashSet<>();

	private volatile boolean closed;

	ClusterHolderRequests(RealtimeSession session, ClusterRedis redis, ClusterFrames frames, Clock clock) {
		this.session = session;
		this.redis = redis;
		this.frames = frames;
		this.clock = clock;
	}

	/**
	 * Ask what the union has and this term has not asked yet.
	 */
	synchronized void reconcile(Set<Subscribed> union) {
		Set<String> live = new HashSet<>();
		for (Subscribed subscribed : union) {
			if (subscribed.isRequest()) {
				String id = subscribed.requestId();
				live.add(id);
				if (this.started.add(id)) {
					ask(id, subscribed);
				}
			}
		}
		this.started.retainAll(live);
	}

	private void ask(String id, Subscribed request) {
		if (Subscribed.LIST_REQUEST.equals(request.type())) {
			answer(id, this.session.conditions().thenApply(this.frames::conditions));
		}
		else {
			answer(id, this.session.search(request.requestSeq())
				.thenApply((rows) -> this.frames.rows(rows, this.clock.millis())));
		}
	}

	private void answer(String id, CompletableFuture<String> answer) {
		answer.whenComplete((json, failure) -> {
			if (this.closed) {
				return;
			}
			try {
				this.redis.putAnswer(id, (failure != null) ? this.frames.failure(failure) : json);
			}
			catch (RuntimeException ex) {
				// The member gives up in time
				logger.debug("Kiwoom account '" + this.session.account()
						+ "': could not hand a condition search's answer to the real-time cluster: " + ex);
			}
		});
	}

	/**
	 * The term ends: what fails now because the socket closes is left for the next holder
	 * to ask again.
	 */
	void close() {
		this.closed = true;
	}

}
