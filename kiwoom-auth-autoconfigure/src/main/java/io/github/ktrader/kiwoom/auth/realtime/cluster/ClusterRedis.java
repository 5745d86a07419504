package io.github.ktrader.kiwoom.auth.realtime.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Redis commands of the cluster's real-time socket: the holder's lease (taken,
 * extended and given up only by its owner, atomically in Lua), each member's
 * subscriptions under its own lease, their union, and publishing entries.
 */
final class ClusterRedis {

	private static final RedisScript<Long> LEASE_ACQUIRE = script("lease-acquire.lua", Long.class);

	private static final RedisScript<Long> LEASE_RELEASE = script("lease-release.lua", Long.class);

	private static final RedisScript<Long> MEMBER_PUT = script("member-put.lua", Long.class);

	private static final RedisScript<Long> MEMBER_LEAVE = script("member-leave.lua", Long.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> UNION = script("union.lua", List.class);

	private static final Duration MIN_REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private final StringRedisTemplate redis;

	private final ClusterKeys keys;

	private final String member;

	private final Duration lease;

	private final long accountStreamLength;

	ClusterRedis(StringRedisTemplate redis, ClusterKeys keys, String member, Duration lease, long accountStreamLength) {
		this.redis = redis;
		this.keys = keys;
		this.member = member;
		this.lease = lease;
		this.accountStreamLength = accountStreamLength;
	}

	ClusterKeys keys() {
		return this.keys;
	}

	/**
	 * Take the lease for a term of this member, or extend it when that term holds it.
	 * @param term the term's id, which starts with this member's
	 * @return whether the term holds it now
	 */
	boolean acquireOrRenew(String term) {
		Long held = this.redis.execute(LEASE_ACQUIRE, List.of(this.keys.lease()), term,
				Long.toString(this.lease.toMillis()));
		return held != null && held == 1L;
	}

	void release(String term) {
		this.redis.execute(LEASE_RELEASE, List.of(this.keys.lease()), term, this.keys.control());
	}

	/**
	 * Return a new term's id: {@code <member>/<random>}.
	 */
	String newTerm() {
		return this.member + "/" + UUID.randomUUID();
	}

	static String memberOf(String term) {
		int slash = term.indexOf('/');
		return (slash < 0) ? term : term.substring(0, slash);
	}

	/**
	 * Return the term that holds the lease, if any.
	 */
	@Nullable String holder() {
		return this.redis.opsForValue().get(this.keys.lease());
	}

	/**
	 * Store this member's subscriptions and extend its lease.
	 */
	void put(Map<String, Set<String>> itemsByType) {
		List<String> args = new ArrayList<>();
		args.add(this.member);
		args.add(Long.toString(this.lease.toMillis()));
		itemsByType.forEach((type, items) -> items.forEach((item) -> args.add(Subscribed.field(type, item))));
		this.redis.execute(MEMBER_PUT, List.of(this.keys.members(), this.keys.subscriptions(this.member)),
				args.toArray());
	}

	void leave() {
		this.redis.execute(MEMBER_LEAVE, List.of(this.keys.members(), this.keys.subscriptions(this.member)),
				this.member);
	}

	/**
	 * Return what the live members subscribed to.
	 */
	Set<Subscribed> union() {
		List<?> fields = this.redis.execute(UNION, List.of(this.keys.members()), this.keys.subscriptionsPrefix());
		Set<Subscribed> union = new LinkedHashSet<>();
		if (fields != null) {
			fields.forEach((field) -> union.add(Subscribed.parse(String.valueOf(field))));
		}
		return union;
	}

	void control(String message) {
		this.redis.convertAndSend(this.keys.control(), message);
	}

	void publishMarket(String entry) {
		this.redis.convertAndSend(this.keys.market(), entry);
	}

	/**
	 * Append an account entry to the stream, trimmed to about the configured length.
	 */
	void appendAccount(String entry) {
		MapRecord<String, String, String> record = StreamRecords.string(Map.of("e", entry))
			.withStreamKey(this.keys.account());
		this.redis.opsForStream().add(record, XAddOptions.maxlen(this.accountStreamLength).approximateTrimming(true));
	}

	/**
	 * Return how long a member waits for the answer to a one-shot request: twice the
	 * lease (at least 10 s), time for the holder to die, its lease to run out and the
	 * next member to log in and ask Kiwoom again.
	 */
	Duration requestTimeout() {
		Duration twice = this.lease.multipliedBy(2);
		return (twice.compareTo(MIN_REQUEST_TIMEOUT) < 0) ? MIN_REQUEST_TIMEOUT : twice;
	}

	/**
	 * Keep the answer to a one-shot request for its member, for as long as it may wait,
	 * and tell it.
	 */
	void putAnswer(String id, String answer) {
		this.redis.opsForValue().set(this.keys.answer(id), answer, requestTimeout());
		control("answered " + id);
	}

	/**
	 * Take the answer to a one-shot request, once.
	 */
	@Nullable String takeAnswer(String id) {
		return this.redis.opsForValue().getAndDelete(this.keys.answer(id));
	}

	/**
	 * Return the id of the stream's newest entry, or {@code 0-0} when it has none.
	 */
	String lastAccountId() {
		List<MapRecord<String, Object, Object>> last = this.redis.opsForStream()
			.reverseRange(this.keys.account(), Range.unbounded(), Limit.limit().count(1));
		return (last == null || last.isEmpty()) ? "0-0" : last.get(0).getId().getValue();
	}

	private static <T> RedisScript<T> script(String name, Class<T> resultType) {
		DefaultRedisScript<T> script = new DefaultRedisScript<>();
		script.setLocation(new ClassPathResource(name, ClusterRedis.class));
		script.setResultType(resultType);
		return script;
	}

	/**
	 * One (type, item) that some member subscribed to.
	 */
	record Subscribed(String type, String item) {

		/**
		 * A real-time condition search ({@code CNSRREQ} with {@code search_type} 1) of
		 * the condition in the item.
		 */
		static final String CONDITION = "cnsr";

		/**
		 * A member's request for the condition list ({@code CNSRLST}); the item is its
		 * id.
		 */
		static final String LIST_REQUEST = "cnsrlst";

		/**
		 * A member's one-shot search ({@code CNSRREQ} with {@code search_type} 0); the
		 * item is {@code <id>:<seq>}.
		 */
		static final String SEARCH_REQUEST = "cnsrreq";

		static String field(String type, String item) {
			return type + "|" + item;
		}

		static Subscribed parse(String field) {
			int bar = field.indexOf('|');
			return (bar < 0) ? new Subscribed(field, "")
					: new Subscribed(field.substring(0, bar), field.substring(bar + 1));
		}

		static Set<Subscribed> of(Map<String, Set<String>> itemsByType) {
			Set<Subscribed> all = new LinkedHashSet<>();
			itemsByType.forEach((type, items) -> items.forEach((item) -> all.add(new Subscribed(type, item))));
			return all;
		}

		static Collection<String> accountTypes() {
			return List.of("00", "04");
		}

		/**
		 * Whether the entries of a type go on the stream, which a member reads on from
		 * the last entry it saw: the account's own ({@code 00}, {@code 04}) and condition
		 * search hits ({@code 02}), whose answer to a new search comes once.
		 */
		static boolean isStreamed(String type) {
			return accountTypes().contains(type) || "02".equals(type);
		}

		boolean isAccount() {
			return accountTypes().contains(this.type);
		}

		boolean isRequest() {
			return LIST_REQUEST.equals(this.type) || SEARCH_REQUEST.equals(this.type);
		}

		/**
		 * The request's id.
		 */
		String requestId() {
			int colon = this.item.indexOf(':');
			return (colon < 0) ? this.item : this.item.substring(0, colon);
		}

		/**
		 * The seq of a one-shot search.
		 */
		String requestSeq() {
			int colon = this.item.indexOf(':');
			return (colon < 0) ? "" : this.item.substring(colon + 1);
		}

	}

}
