package io.github.ktrader.kiwoom.auth.realtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live subscriptions by (type, item): says which items need REG when a subscription
 * comes and REMOVE when the last one of an item leaves. Changed under the session's lock;
 * read without it by the socket's reader.
 */
final class SubscriptionRegistry {

	private final Map<Key, List<Entry>> byKey = new ConcurrentHashMap<>();

	private final Set<Entry> entries = ConcurrentHashMap.newKeySet();

	/**
	 * Add a subscription.
	 * @return the items of its type that had no subscription yet
	 */
	List<String> add(Entry entry) {
		this.entries.add(entry);
		List<String> added = new ArrayList<>();
		for (String item : entry.items()) {
			Key key = new Key(entry.type(), item);
			List<Entry> current = this.byKey.getOrDefault(key, List.of());
			if (current.isEmpty()) {
				added.add(item);
			}
			List<Entry> updated = new ArrayList<>(current);
			updated.add(entry);
			this.byKey.put(key, List.copyOf(updated));
		}
		return added;
	}

	/**
	 * Remove a subscription.
	 * @return the items of its type that no subscription wants any more
	 */
	List<String> remove(Entry entry) {
		if (!this.entries.remove(entry)) {
			return List.of();
		}
		List<String> removed = new ArrayList<>();
		for (String item : entry.items()) {
			Key key = new Key(entry.type(), item);
			List<Entry> updated = new ArrayList<>(this.byKey.getOrDefault(key, List.of()));
			updated.remove(entry);
			if (updated.isEmpty()) {
				this.byKey.remove(key);
				removed.add(item);
			}
			else {
				this.byKey.put(key, List.copyOf(updated));
			}
		}
		return removed;
	}

	/**
	 * Hand an event to every subscription of its type and item. The account types
	 * ({@code 00}, {@code 04}) are registered with an empty item, and Kiwoom may name the
	 * account in the item of their entries: those subscriptions get every entry of their
	 * type.
	 * @return how many subscriptions it was handed to
	 */
	int dispatch(RealtimeEvent event) {
		int offered = dispatch(event.type(), event.item(), event);
		if (!event.item().isEmpty()) {
			offered += dispatch(event.type(), "", event);
		}
		return offered;
	}

	/**
	 * Hand an event to the subscriptions of the given type and item only.
	 * @return how many subscriptions it was handed to
	 */
	int dispatch(String type, String item, RealtimeEvent event) {
		List<Entry> entries = this.byKey.get(new Key(type, item));
		if (entries == null) {
			return 0;
		}
		entries.forEach((entry) -> entry.queue().offer(event));
		return entries.size();
	}

	/**
	 * Return the registered items by type, in the order they were first wanted, to
	 * register them all again on a new connection.
	 */
	Map<String, Set<String>> itemsByType() {
		Map<String, Set<String>> items = new LinkedHashMap<>();
		this.byKey.keySet()
			.forEach((key) -> items.computeIfAbsent(key.type(), (type) -> new LinkedHashSet<>()).add(key.item()));
		return items;
	}

	Collection<Entry> entries() {
		return this.entries;
	}

	int size() {
		return this.entries.size();
	}

	boolean isEmpty() {
		return this.entries.isEmpty();
	}

	record Key(String type, String item) {
	}

	/**
	 * One subscription: its type, its items and its queue.
	 */
	record Entry(String type, List<String> items, SubscriberQueue queue) {

		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}

	}

}
