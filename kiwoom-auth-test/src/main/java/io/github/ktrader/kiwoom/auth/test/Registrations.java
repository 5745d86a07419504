package io.github.ktrader.kiwoom.auth.test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Items one session registered, by group ({@code grp_no}) and type, with Kiwoom's REG and
 * REMOVE semantics. Confined to the real-time simulator's thread.
 */
final class Registrations {

	private final Map<String, Set<Entry>> groups = new LinkedHashMap<>();

	/**
	 * Reads the (type, item) pairs of a REG or REMOVE frame's {@code data}: every item of
	 * an element with every type of it. An empty {@code item} list stands for the one
	 * empty item that account types ({@code 00}, {@code 04}) take.
	 * @param frame the REG or REMOVE frame
	 * @return the pairs, or {@code null} when {@code data} is missing or malformed
	 */
	static @Nullable List<Entry> entries(ObjectNode frame) {
		JsonNode data = frame.get("data");
		if (data == null || !data.isArray()) {
			return null;
		}
		List<Entry> entries = new ArrayList<>();
		for (JsonNode element : data) {
			List<String> items = strings(element.get("item"));
			List<String> types = strings(element.get("type"));
			if (items == null || types == null || types.isEmpty()) {
				return null;
			}
			if (items.isEmpty()) {
				items = List.of("");
			}
			for (String type : types) {
				for (String item : items) {
					entries.add(new Entry(type, item));
				}
			}
		}
		return entries;
	}

	private static @Nullable List<String> strings(@Nullable JsonNode node) {
		if (node == null || !node.isArray()) {
			return null;
		}
		List<String> values = new ArrayList<>();
		for (JsonNode value : node) {
			if (!value.isString()) {
				return null;
			}
			values.add(value.stringValue());
		}
		return values;
	}

	/**
	 * Returns how many distinct (type, item) pairs would be registered after a REG.
	 * @param group the group
	 * @param entries the pairs to register
	 * @param replace whether the group's pairs are replaced ({@code refresh} "0")
	 * @return the number of pairs across all groups
	 */
	int sizeAfterRegister(String group, List<Entry> entries, boolean replace) {
		Set<Entry> all = new HashSet<>();
		this.groups.forEach((name, members) -> {
			if (!(replace && name.equals(group))) {
				all.addAll(members);
			}
		});
		all.addAll(entries);
		return all.size();
	}

	void register(String group, List<Entry> entries, boolean replace) {
		if (replace) {
			this.groups.remove(group);
		}
		this.groups.computeIfAbsent(group, (name) -> new LinkedHashSet<>()).addAll(entries);
	}

	/**
	 * Removes pairs from a group, or from every group when none is named.
	 * @param group the group, or {@code null}
	 * @param entries the pairs to remove
	 */
	void remove(@Nullable String group, List<Entry> entries) {
		this.groups.forEach((name, members) -> {
			if (group == null || name.equals(group)) {
				entries.forEach(members::remove);
			}
		});
	}

	Set<String> items(String type) {
		Set<String> items = new LinkedHashSet<>();
		for (Set<Entry> members : this.groups.values()) {
			for (Entry entry : members) {
				if (entry.type().equals(type)) {
					items.add(entry.item());
				}
			}
		}
		return items;
	}

	boolean contains(String type, String item) {
		return this.groups.values().stream().anyMatch((members) -> members.contains(new Entry(type, item)));
	}

	/**
	 * Registered pair.
	 *
	 * @param type the real-time type, e.g. {@code 0B}
	 * @param item the item, e.g. {@code 005930}, or empty for account types
	 */
	record Entry(String type, String item) {

	}

}
