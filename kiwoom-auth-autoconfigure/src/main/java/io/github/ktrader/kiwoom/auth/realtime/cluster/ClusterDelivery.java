package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import io.github.ktrader.kiwoom.auth.realtime.RealtimeDispatcher;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeGap;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What a member does with what it reads from Redis: entries go to its own listeners, the
 * cluster's messages (holder online, gaps, changes) to its beat, answers to its condition
 * requests, and a gap to every listener and, once per member, to its observer.
 */
final class ClusterDelivery {

	private static final Log logger = LogFactory.getLog(ClusterDelivery.class);

	private final String member;

	private final RealtimeDispatcher local;

	private final ClusterFrames frames;

	private final ClusterObserver observer;

	private final RealtimeObserver memberObserver;

	private final ClusterThreads threads;

	private final Clock clock;

	private final Consumer<String> answered;

	private volatile ClusterBeat beat;

	private volatile long lastDeliveredAt;

	ClusterDelivery(String member, RealtimeDispatcher local, ClusterFrames frames, ClusterObserver observer,
			RealtimeObserver memberObserver, ClusterThreads threads, Clock clock, Consumer<String> answered) {
		this.member = member;
		this.local = local;
		this.frames = frames;
		this.observer = observer;
		this.memberObserver = memberObserver;
		this.threads = threads;
		this.clock = clock;
		this.answered = answered;
	}

	/**
	 * Bind the beat, which is built with this delivery's gaps.
	 */
	void bind(ClusterBeat beat) {
		this.beat = beat;
	}

	/**
	 * Return when this member last received an entry, or 0.
	 */
	long lastDeliveredAt() {
		return this.lastDeliveredAt;
	}

	void market(String entry) {
		deliver("market", entry);
	}

	void account(String entry) {
		deliver("account", entry);
	}

	private void deliver(String channel, String entry) {
		ClusterFrames.Read read;
		try {
			read = this.frames.read(entry);
		}
		catch (IllegalArgumentException ex) {
			logger.debug("Ignored a real-time cluster entry: " + ex.getMessage());
			return;
		}
		long now = this.clock.millis();
		this.lastDeliveredAt = now;
		// Every member reads every entry: only those its subscriptions want count
		if (this.local.dispatch(read.event())) {
			this.observer.delivered(channel, Duration.ofMillis(Math.max(0, now - read.at())));
		}
	}

	void control(String message) {
		String[] parts = message.split(" ");
		switch (parts[0]) {
			case "changed", "released" -> this.threads.execute(this.beat::beat);
			case "answered" -> {
				if (parts.length == 2) {
					this.threads.execute(() -> this.answered.accept(parts[1]));
				}
			}
			case "online" -> {
				if (parts.length == 3) {
					this.beat.notice(parts[1], Long.parseLong(parts[2]));
				}
			}
			case "gap" -> {
				if (parts.length == 4) {
					gap(Instant.ofEpochMilli(Long.parseLong(parts[2])), Instant.ofEpochMilli(Long.parseLong(parts[3])),
							!parts[1].equals(this.member));
				}
			}
			default -> logger.debug("Ignored a real-time cluster message");
		}
	}

	/**
	 * Another socket took over: nothing came from the time of the last entry (or when the
	 * previous socket was first seen) until the new one was seen.
	 */
	void heldGap(long previousSeenAt, long until) {
		long since = Math.min(Math.max(this.lastDeliveredAt, previousSeenAt), until);
		gap(Instant.ofEpochMilli(since), Instant.ofEpochMilli(until), true);
	}

	private void gap(Instant since, Instant until, boolean tellObserver) {
		this.local.gap(new RealtimeGap(since, until));
		if (tellObserver) {
			this.memberObserver.gap(since, until);
		}
	}

}
