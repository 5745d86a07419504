package io.github.ktrader.kiwoom.auth.realtime;

/**
 * The handle of one real-time condition search; closing it sends {@code CNSRCLR} when it
 * was the condition's last.
 */
final class ConditionSubscription implements RealtimeSubscription {

	private final String seq;

	private final SubscriberQueue queue;

	private final ConditionSearches conditions;

	private final Object lock;

	ConditionSubscription(String seq, SubscriberQueue queue, ConditionSearches conditions, Object lock) {
		this.seq = seq;
		this.queue = queue;
		this.conditions = conditions;
		this.lock = lock;
	}

	@Override
	public String type() {
		return "02";
	}

	@Override
	public long dropped() {
		return this.queue.dropped();
	}

	@Override
	public void close() {
		synchronized (this.lock) {
			this.conditions.unsubscribe(this.seq, this.queue);
		}
		this.queue.close();
	}

}
