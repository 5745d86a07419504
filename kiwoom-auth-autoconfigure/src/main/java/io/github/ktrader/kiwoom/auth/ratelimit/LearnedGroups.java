package io.github.ktrader.kiwoom.auth.ratelimit;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The groups of APIs Kiwoom refused with 1702 ({@code 총유량=N, API_ID=…}), learned from its
 * refusals: Kiwoom names the API id and the group's allowance but never the group's other
 * members, so every API id refused with a 1702 stating N joins one bucket paced at N,
 * shared with the other API ids refused with the same N. Two groups that happen to have
 * the same allowance share one bucket: slower than Kiwoom requires, never faster.
 * Thread-safe.
 */
final class LearnedGroups {

	/**
	 * The first part of a group's bucket name, in shared buckets and in
	 * {@link KiwoomRateLimiter#learnedAllowances()}.
	 */
	static final String PREFIX = "1702:";

	private final ConcurrentMap<Integer, GcraBucket> groups = new ConcurrentHashMap<>();

	/**
	 * An API id was refused with a 1702 stating the group's allowance: pace it within the
	 * group's bucket from now on.
	 * @return the group's bucket
	 */
	GcraBucket join(GcraBucket api, int stated, long now) {
		GcraBucket group = this.groups.computeIfAbsent(stated,
				(key) -> new GcraBucket(new Allowance(stated, Math.min(api.allowance().burst(), stated)), now));
		api.join(group);
		return group;
	}

	static String name(GcraBucket group) {
		return PREFIX + (int) group.allowance().rate();
	}

	Map<String, Allowance> allowances() {
		Map<String, Allowance> allowances = new TreeMap<>();
		this.groups.values().forEach((group) -> allowances.put(name(group), group.allowance()));
		return allowances;
	}

}
