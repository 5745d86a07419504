package io.github.ktrader.kiwoom.auth.realtime;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Holds one real-time session's state under one lock and moves it in one method that logs
 * at DEBUG and tells the observer outside the lock.
 * <p>
 * Every accessor is called with {@link #lock()} held, except {@link #flush()} (which
 * takes it), {@link #markFrame()} and {@link #lastFrameAt()} (volatile, written by the
 * socket's reader thread).
 */
final class SessionStateMachine {

	private static final Log logger = LogFactory.getLog(RealtimeSession.class);

	private final String account;

	private final Clock clock;

	private final RealtimeObserver observer;

	private final Object lock = new Object();

	private final List<Runnable> notifications = new ArrayList<>();

	private final AtomicLong reconnects = new AtomicLong();

	private RealtimeState state = RealtimeState.IDLE;

	private int generation;

	private boolean stopped;

	private @Nullable String lastError;

	private volatile @Nullable Instant lastFrameAt;

	SessionStateMachine(String account, Clock clock, RealtimeObserver observer) {
		this.account = account;
		this.clock = clock;
		this.observer = observer;
	}

	Object lock() {
		return this.lock;
	}

	RealtimeState state() {
		return this.state;
	}

	void moveTo(RealtimeState next) {
		RealtimeState previous = this.state;
		if (previous == next) {
			return;
		}
		this.state = next;
		if (logger.isDebugEnabled()) {
			logger.debug("Kiwoom account '" + this.account + "': real-time session " + previous + " -> " + next);
		}
		notify(() -> this.observer.stateChanged(previous, next));
	}

	/**
	 * The number of the socket in use; callbacks of an older one are ignored.
	 */
	int generation() {
		return this.generation;
	}

	/**
	 * Leave the current socket behind: its later callbacks are ignored.
	 * @return the new generation
	 */
	int nextGeneration() {
		return ++this.generation;
	}

	/**
	 * Whether a callback of the given socket still counts.
	 */
	boolean isCurrent(int attempt) {
		return attempt == this.generation && !this.stopped;
	}

	boolean isStopped() {
		return this.stopped;
	}

	void setStopped(boolean stopped) {
		this.stopped = stopped;
	}

	void setLastError(@Nullable String lastError) {
		this.lastError = lastError;
	}

	void countReconnect() {
		this.reconnects.incrementAndGet();
	}

	void markFrame() {
		this.lastFrameAt = now();
	}

	@Nullable Instant lastFrameAt() {
		return this.lastFrameAt;
	}

	RealtimeStatus status(int subscriptions) {
		return new RealtimeStatus(this.state, subscriptions, this.lastFrameAt, this.reconnects.get(), this.lastError);
	}

	Instant now() {
		return this.clock.instant();
	}

	/**
	 * Remember something to tell the observer once the lock is released.
	 */
	void notify(Runnable notification) {
		this.notifications.add(notification);
	}

	/**
	 * Tell the observer, outside the lock, what happened under it.
	 */
	void flush() {
		List<Runnable> pending;
		synchronized (this.lock) {
			if (this.notifications.isEmpty()) {
				return;
			}
			pending = new ArrayList<>(this.notifications);
			this.notifications.clear();
		}
		for (Runnable notification : pending) {
			try {
				notification.run();
			}
			catch (RuntimeException ex) {
				logger.warn("Kiwoom real-time observer failed", ex);
			}
		}
	}

}
