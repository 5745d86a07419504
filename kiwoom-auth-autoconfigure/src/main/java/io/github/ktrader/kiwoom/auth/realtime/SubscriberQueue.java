package io.github.ktrader.kiwoom.auth.realtime;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A subscription's bounded queue between the socket's reader and its listener: the reader
 * only adds (dropping the oldest entry when full), and one task at a time drains it on
 * the listener pool, so a slow or throwing listener holds up nothing else.
 */
final class SubscriberQueue {

	private static final Log logger = LogFactory.getLog(SubscriberQueue.class);

	private static final int BATCH = 256;

	private final String type;

	private final RealtimeListener listener;

	private final int capacity;

	private final Executor executor;

	private final RealtimeObserver observer;

	private final ArrayDeque<Object> entries = new ArrayDeque<>();

	private boolean draining;

	private boolean closed;

	private long dropped;

	SubscriberQueue(String type, RealtimeListener listener, int capacity, Executor executor,
			RealtimeObserver observer) {
		this.type = type;
		this.listener = listener;
		this.capacity = capacity;
		this.executor = executor;
		this.observer = observer;
	}

	void offer(RealtimeEvent event) {
		add(event);
	}

	void offer(RealtimeGap gap) {
		add(gap);
	}

	private void add(Object entry) {
		boolean drop;
		boolean start;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			drop = this.entries.size() >= this.capacity;
			if (drop) {
				this.entries.pollFirst();
				this.dropped++;
			}
			this.entries.addLast(entry);
			start = !this.draining;
			this.draining = true;
		}
		if (drop) {
			this.observer.dropped(this.type);
		}
		if (start) {
			try {
				this.executor.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				synchronized (this) {
					this.draining = false;
					this.entries.clear();
				}
			}
		}
	}

	private void drain() {
		for (int i = 0; i < BATCH; i++) {
			Object entry;
			synchronized (this) {
				entry = this.entries.pollFirst();
				if (entry == null) {
					this.draining = false;
					return;
				}
			}
			deliver(entry);
		}
		// Let other subscriptions' tasks run before this one goes on
		try {
			this.executor.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			// The session is shutting down: what is left is not delivered
			synchronized (this) {
				this.draining = false;
				this.entries.clear();
			}
		}
	}

	private void deliver(Object entry) {
		try {
			if (entry instanceof RealtimeEvent event) {
				this.listener.onEvent(event);
			}
			else {
				this.listener.onGap((RealtimeGap) entry);
			}
		}
		catch (Throwable ex) {
			logger.warn("Kiwoom real-time listener " + this.listener + " failed on a " + this.type + " event", ex);
		}
	}

	synchronized long dropped() {
		return this.dropped;
	}

	synchronized int size() {
		return this.entries.size();
	}

	synchronized void close() {
		this.closed = true;
		this.entries.clear();
	}

}
