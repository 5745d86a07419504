package io.github.ktrader.kiwoom.auth.test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * Kiwoom's allowances, simulated: each API id given one accepts at most that many calls
 * in any second (real time, as Kiwoom counts), and the key at most its total; a call past
 * either is refused as Kiwoom refuses it, and not processed. <pre class="code">
 * simulator.rateLimits().allow("ka10001", 1);
 * simulator.rateLimits().total(10);
 * simulator.rateLimits().style(RateLimits.Style.HTTP_200);
 * </pre> Off until an allowance is set. Refusals are counted so that tests can bound
 * them. Thread-safe.
 *
 * @since 0.1.0
 */
public final class RateLimits {

	private static final long SECOND = 1_000_000_000L;

	private final Map<String, Window> apis = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();

	private volatile @Nullable Window total;

	private volatile Style style = Style.HTTP_429;

	/**
	 * How a refusal arrives.
	 */
	public enum Style {

		/**
		 * HTTP 429 with the JSON body, as Kiwoom usually answers.
		 */
		HTTP_429,

		/**
		 * HTTP 200 with the same body.
		 */
		HTTP_200,

		/**
		 * HTTP 200 with a bare {@code return_code} 1700.
		 */
		BARE_1700

	}

	/**
	 * Allow an API id so many calls per second.
	 * @param apiId the TR id, such as {@code ka10001}
	 * @param perSecond the calls per second
	 */
	public void allow(String apiId, int perSecond) {
		Assert.hasText(apiId, "ApiId must not be empty");
		Assert.isTrue(perSecond > 0, "PerSecond must be positive");
		this.apis.put(apiId, new Window(perSecond));
	}

	/**
	 * Allow the whole key so many calls per second (refused with 1701, 총유량).
	 * @param perSecond the calls per second
	 */
	public void total(int perSecond) {
		Assert.isTrue(perSecond > 0, "PerSecond must be positive");
		this.total = new Window(perSecond);
	}

	/**
	 * Set how refusals arrive.
	 * @param style the style
	 */
	public void style(Style style) {
		Assert.notNull(style, "Style must not be null");
		this.style = style;
	}

	/**
	 * Return how many calls were refused for their rate.
	 * @return the refusals
	 */
	public int refusedCount() {
		return this.refused.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	/**
	 * Return how many calls of one API id were refused for their rate.
	 * @param apiId the TR id
	 * @return the refusals
	 */
	public int refusedCount(String apiId) {
		AtomicInteger count = this.refused.get(apiId);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Remove every allowance and forget the refusals.
	 */
	public void clear() {
		this.apis.clear();
		this.total = null;
		this.refused.clear();
		this.style = Style.HTTP_429;
	}

	/**
	 * Admit a call now, or return Kiwoom's refusal.
	 */
	@Nullable Reply admit(@Nullable String apiId) {
		if (apiId == null) {
			return null;
		}
		long now = System.nanoTime();
		Window api = this.apis.get(apiId);
		Window total = this.total;
		synchronized (this) {
			if (total != null && !total.hasRoom(now)) {
				return refuse(apiId, 1701, "허용된 요청 개수를 초과하였습니다. 총유량=" + total.perSecond);
			}
			if (api != null && !api.hasRoom(now)) {
				return refuse(apiId, 1700, "허용된 API 요청 개수를 초과하였습니다. 유량=" + api.perSecond + ", API ID=" + apiId);
			}
			if (total != null) {
				total.take(now);
			}
			if (api != null) {
				api.take(now);
			}
		}
		return null;
	}

	private Reply refuse(String apiId, int code, String detail) {
		this.refused.computeIfAbsent(apiId, (key) -> new AtomicInteger()).incrementAndGet();
		ObjectNode body = Json.object();
		if (this.style == Style.BARE_1700) {
			body.put("return_code", code);
			body.put("return_msg", detail);
			return Reply.ok(body);
		}
		body.put("return_code", 5);
		body.put("return_msg", String.format(Locale.ROOT, "허용된 요청 개수를 초과하였습니다[%d:%s]", code, detail));
		return (this.style == Style.HTTP_429) ? Reply.json(429, body) : Reply.ok(body);
	}

	/**
	 * The calls accepted in the last second.
	 */
	private static final class Window {

		private final int perSecond;

		private final Deque<Long> accepted = new ArrayDeque<>();

		Window(int perSecond) {
			this.perSecond = perSecond;
		}

		boolean hasRoom(long now) {
			while (!this.accepted.isEmpty() && now - this.accepted.peekFirst() >= SECOND) {
				this.accepted.pollFirst();
			}
			return this.accepted.size() < this.perSecond;
		}

		void take(long now) {
			this.accepted.addLast(now);
		}

	}

}
