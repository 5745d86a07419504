package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.util.function.Consumer;

import io.github.ktrader.kiwoom.auth.realtime.RealtimeDispatcher;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSubscription;

/**
 * The handle of one of a member's subscriptions; closing it (once) unsubscribes.
 */
final class ClusterSubscription implements RealtimeSubscription {

	private final RealtimeDispatcher.Handle handle;

	private final Consumer<RealtimeDispatcher.Handle> unsubscribe;

	private volatile boolean closed;

	ClusterSubscription(RealtimeDispatcher.Handle handle, Consumer<RealtimeDispatcher.Handle> unsubscribe) {
		this.handle = handle;
		this.unsubscribe = unsubscribe;
	}

	@Override
	public String type() {
		return this.handle.type();
	}

	@Override
	public long dropped() {
		return this.handle.dropped();
	}

	@Override
	public void close() {
		if (!this.closed) {
			this.closed = true;
			this.unsubscribe.accept(this.handle);
		}
	}

	@Override
	public String toString() {
		return this.handle.toString();
	}

}
