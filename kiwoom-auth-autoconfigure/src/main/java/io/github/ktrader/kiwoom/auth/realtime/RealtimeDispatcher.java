package io.github.ktrader.kiwoom.auth.realtime;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * Local subscriptions without a socket of their own: the same sharing by (type, item),
 * bounded queues and listener pool as a {@link RealtimeSession}, fed by whoever reads the
 * frames, such as a cluster member that receives them through Redis.
 * <p>
 * Changes are made by one caller at a time (the owner synchronizes); dispatching may run
 * concurrently with them, as in a session.
 *
 * @since 0.1.0
 */
public final class RealtimeDispatcher {

	private final SubscriptionRegistry registry = new SubscriptionRegistry();

	/**
	 * Real-time condition searches, by condition ({@code 02} with the seq as item).
	 */
	private final SubscriptionRegistry conditions = new SubscriptionRegistry();

	private final SessionThreads threads;

	private final int queueCapacity;

	private final RealtimeObserver observer;

	/**
	 * Create a dispatcher.
	 * @param account the key pair's name, for thread names
	 * @param queueCapacity how many events each subscription holds for its listener
	 * @param observer told about dropped events
	 */
	public RealtimeDispatcher(String account, int queueCapacity, RealtimeObserver observer) {
		Assert.hasText(account, "Account must not be empty");
		Assert.isTrue(queueCapacity > 0, "Queue capacity must be positive");
		Assert.notNull(observer, "Observer must not be null");
		this.threads = new SessionThreads(account);
		this.queueCapacity = queueCapacity;
		this.observer = observer;
	}

	/**
	 * Add a subscription; items are stripped, and none means the item {@code ""}.
	 * @param type the real-time type
	 * @param items the items
	 * @param listener the listener
	 * @return the subscription and the items of its type that had none before
	 */
	public Added add(String type, Collection<String> items, RealtimeListener listener) {
		Assert.hasText(type, "Type must not be empty");
		Assert.notNull(items, "Items must not be null");
		Assert.notNull(listener, "Listener must not be null");
		Set<String> normalized = new LinkedHashSet<>();
		items.forEach((item) -> normalized.add(item.strip()));
		if (normalized.isEmpty()) {
			normalized.add("");
		}
		SubscriberQueue queue = new SubscriberQueue(type, listener, this.queueCapacity, this.threads.listeners(),
				this.observer);
		SubscriptionRegistry.Entry entry = new SubscriptionRegistry.Entry(type, List.copyOf(normalized), queue);
		return new Added(new Handle(entry), this.registry.add(entry));
	}

	/**
	 * Add a real-time condition search's listener: it gets the {@code 02} events whose
	 * FID 841 is the condition.
	 * @param seq the condition's number
	 * @param listener the listener
	 * @return the subscription, and the seq when the condition had none before
	 */
	public Added addCondition(String seq, RealtimeListener listener) {
		Assert.hasText(seq, "Seq must not be empty");
		Assert.notNull(listener, "Listener must not be null");
		SubscriberQueue queue = new SubscriberQueue("02", listener, this.queueCapacity, this.threads.listeners(),
				this.observer);
		SubscriptionRegistry.Entry entry = new SubscriptionRegistry.Entry("02", List.of(seq.strip()), queue);
		return new Added(new Handle(entry), this.conditions.add(entry));
	}

	/**
	 * Remove a subscription, to a type or to a condition.
	 * @param handle the subscription
	 * @return the items (or the condition's seq) that no subscription wants any more
	 */
	public List<String> remove(Handle handle) {
		List<String> removed = this.conditions.entries().contains(handle.entry) ? this.conditions.remove(handle.entry)
				: this.registry.remove(handle.entry);
		handle.entry.queue().close();
		return removed;
	}

	/**
	 * Hand an event to the subscriptions of its type and item, and a {@code 02} event to
	 * those of its condition.
	 * @param event the event
	 * @return whether any subscription wanted it
	 */
	public boolean dispatch(RealtimeEvent event) {
		int offered = this.registry.dispatch(event);
		String seq = event.value("841");
		if ("02".equals(event.type()) && seq != null) {
			offered += this.conditions.dispatch("02", seq, event);
		}
		return offered > 0;
	}

	/**
	 * Tell every subscription about a gap.
	 * @param gap the gap
	 */
	public void gap(RealtimeGap gap) {
		this.registry.entries().forEach((entry) -> entry.queue().offer(gap));
		this.conditions.entries().forEach((entry) -> entry.queue().offer(gap));
	}

	/**
	 * Return the wanted items by type.
	 * @return the items
	 */
	public Map<String, Set<String>> itemsByType() {
		return this.registry.itemsByType();
	}

	/**
	 * Return the conditions that real-time condition searches want.
	 * @return the seqs
	 */
	public Set<String> conditionSeqs() {
		return this.conditions.itemsByType().getOrDefault("02", Set.of());
	}

	/**
	 * Return how many subscriptions are live, to types and to conditions.
	 * @return the number of subscriptions
	 */
	public int size() {
		return this.registry.size() + this.conditions.size();
	}

	/**
	 * Close every subscription's queue and stop the listener pool.
	 */
	public void shutdown() {
		this.registry.entries().forEach((entry) -> entry.queue().close());
		this.conditions.entries().forEach((entry) -> entry.queue().close());
		this.threads.shutdown();
	}

	/**
	 * A subscription in a dispatcher.
	 *
	 * @since 0.1.0
	 */
	public static final class Handle {

		private final SubscriptionRegistry.Entry entry;

		Handle(SubscriptionRegistry.Entry entry) {
			this.entry = entry;
		}

		/**
		 * Return the subscription's type.
		 * @return the type
		 */
		public String type() {
			return this.entry.type();
		}

		/**
		 * Return how many events its listener missed because it fell behind.
		 * @return the number of dropped events
		 */
		public long dropped() {
			return this.entry.queue().dropped();
		}

		@Override
		public String toString() {
			return "RealtimeSubscription[" + this.entry.type() + " " + this.entry.items() + "]";
		}

	}

	/**
	 * What {@link #add} did.
	 *
	 * @param handle the new subscription
	 * @param added the items of its type that had no subscription before
	 * @since 0.1.0
	 */
	public record Added(Handle handle, List<String> added) {

	}

}
