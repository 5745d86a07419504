package io.github.ktrader.kiwoom.auth.realtime;

import java.util.function.Consumer;

/**
 * The handle of one subscription in the {@link SubscriptionRegistry}; closing it removes
 * the subscription.
 */
final class RegisteredSubscription implements RealtimeSubscription {

	private final SubscriptionRegistry.Entry entry;

	private final Consumer<SubscriptionRegistry.Entry> unsubscribe;

	RegisteredSubscription(SubscriptionRegistry.Entry entry, Consumer<SubscriptionRegistry.Entry> unsubscribe) {
		this.entry = entry;
		this.unsubscribe = unsubscribe;
	}

	@Override
	public String type() {
		return this.entry.type();
	}

	@Override
	public long dropped() {
		return this.entry.queue().dropped();
	}

	@Override
	public void close() {
		this.unsubscribe.accept(this.entry);
	}

	@Override
	public String toString() {
		return "RealtimeSubscription[" + this.entry.type() + " " + this.entry.items() + "]";
	}

}
