package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Clock;
import java.time.Instant;

import io.github.ktrader.kiwoom.auth.realtime.RealtimeObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells the members what the holder's session does: that it logged in (so they can tell a
 * new socket from the old one), its gaps, and {@code R10001}, on which the holder stands
 * down when another member holds the lease.
 */
final class ClusterHolderHook implements RealtimeObserver {

	private static final Log logger = LogFactory.getLog(ClusterHolderHook.class);

	private final String term;

	private final String member;

	private final ClusterRedis redis;

	private final ClusterBeat beat;

	private final ClusterThreads threads;

	private final Clock clock;

	ClusterHolderHook(String term, String member, ClusterRedis redis, ClusterBeat beat, ClusterThreads threads,
			Clock clock) {
		this.term = term;
		this.member = member;
		this.redis = redis;
		this.beat = beat;
		this.threads = threads;
		this.clock = clock;
	}

	@Override
	public void connected(boolean reconnect) {
		long now = this.clock.millis();
		this.beat.notice(this.term, now);
		send("online " + this.term + " " + now);
	}

	@Override
	public void gap(Instant since, Instant until) {
		send("gap " + this.member + " " + since.toEpochMilli() + " " + until.toEpochMilli());
	}

	@Override
	public void kicked(String message) {
		this.threads.execute(() -> {
			ClusterHolder current = this.beat.holder();
			String holder = this.redis.holder();
			if (current != null && holder != null && !holder.equals(current.term())) {
				this.beat.standDown(current, "R10001 while another member holds the lease");
			}
		});
	}

	private void send(String message) {
		try {
			this.redis.control(message);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not tell the real-time cluster: " + ex);
		}
	}

}
