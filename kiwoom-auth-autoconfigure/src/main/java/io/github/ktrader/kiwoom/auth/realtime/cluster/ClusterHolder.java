package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.ktrader.kiwoom.auth.realtime.RealtimeEvent;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSession;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSubscription;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRedis.Subscribed;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * This member's term as the holder: an ordinary {@link RealtimeSession} with one
 * subscription per (type, item) and per real-time condition search of the cluster's
 * union, each publishing what it receives to Redis, and the members' one-shot condition
 * requests. The session shares registrations as it does for local subscribers, so each
 * (type, item) is registered once and removed when no member wants it, and each condition
 * is searched once ({@code CNSRREQ}) and cleared ({@code CNSRCLR}) when no member wants
 * it.
 */
final class ClusterHolder {

	private static final Log logger = LogFactory.getLog(ClusterHolder.class);

	private final String term;

	private final RealtimeSession session;

	private final ClusterRedis redis;

	private final ClusterFrames frames;

	private final ClusterObserver observer;

	private final Clock clock;

	private final Map<Subscribed, RealtimeSubscription> subscriptions = new LinkedHashMap<>();

	private final ClusterHolderRequests requests;

	ClusterHolder(String term, RealtimeSession session, ClusterRedis redis, ClusterFrames frames,
			ClusterObserver observer, Clock clock) {
		this.term = term;
		this.session = session;
		this.redis = redis;
		this.frames = frames;
		this.observer = observer;
		this.clock = clock;
		this.requests = new ClusterHolderRequests(session, redis, frames, clock);
		session.start();
	}

	/**
	 * The term's id, the value of the lease while it holds it.
	 */
	String term() {
		return this.term;
	}

	RealtimeSession session() {
		return this.session;
	}

	/**
	 * Subscribe to what the union has and this term has not, and the other way round.
	 */
	synchronized void reconcile(Set<Subscribed> union) {
		List<Subscribed> gone = new ArrayList<>();
		this.subscriptions.keySet().forEach((subscribed) -> {
			if (!union.contains(subscribed)) {
				gone.add(subscribed);
			}
		});
		for (Subscribed subscribed : gone) {
			this.subscriptions.remove(subscribed).close();
		}
		for (Subscribed subscribed : union) {
			if (!subscribed.isRequest() && !this.subscriptions.containsKey(subscribed)) {
				this.subscriptions.put(subscribed, subscribe(subscribed));
			}
		}
		this.requests.reconcile(union);
	}

	/**
	 * A (type, item), or a real-time condition search, whose {@code 02} pushes (the
	 * current matches first) go out on the stream.
	 */
	private RealtimeSubscription subscribe(Subscribed subscribed) {
		if (Subscribed.CONDITION.equals(subscribed.type())) {
			return this.session.subscribeCondition(subscribed.item(), this::publish);
		}
		return this.session.subscribe(subscribed.type(), List.of(subscribed.item()), this::publish);
	}

	synchronized int size() {
		return this.subscriptions.size();
	}

	private void publish(RealtimeEvent event) {
		String entry = this.frames.write(event, this.clock.millis());
		try {
			if (Subscribed.isStreamed(event.type())) {
				this.redis.appendAccount(entry);
				this.observer.fannedOut("account");
			}
			else {
				this.redis.publishMarket(entry);
				this.observer.fannedOut("market");
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Kiwoom account '" + this.session.account() + "': could not fan out a real-time "
					+ event.type() + " entry: " + ex);
		}
	}

	/**
	 * End the term: close the socket (bounded by the session's close timeout).
	 */
	void close() {
		// What the closing session fails is asked again of the next holder
		this.requests.close();
		try {
			this.session.destroy();
		}
		catch (RuntimeException ex) {
			logger.warn("Kiwoom account '" + this.session.account() + "': closing the real-time socket failed", ex);
		}
	}

}
