package io.github.ktrader.kiwoom.auth.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.ktrader.kiwoom.auth.realtime.RealtimeObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.util.Assert;

/**
 * Micrometer meters of one key pair's real-time session, tagged with {@code account}:
 * {@code kiwoom.realtime.frames} (by {@code type}), {@code kiwoom.realtime.reconnects}
 * (by {@code reason}), {@code kiwoom.realtime.gaps},
 * {@code kiwoom.realtime.gap.duration}, {@code kiwoom.realtime.dropped} (by {@code type})
 * and {@code kiwoom.realtime.logins} (by {@code outcome}).
 *
 * @since 0.1.0
 */
public final class KiwoomRealtimeMetrics implements RealtimeObserver {

	/**
	 * Counter of frames read, tagged with {@code type}.
	 */
	public static final String FRAMES = "kiwoom.realtime.frames";

	/**
	 * Counter of reconnects, tagged with {@code reason}.
	 */
	public static final String RECONNECTS = "kiwoom.realtime.reconnects";

	/**
	 * Counter of gaps reported after a reconnect.
	 */
	public static final String GAPS = "kiwoom.realtime.gaps";

	/**
	 * Timer of how long each gap lasted.
	 */
	public static final String GAP_DURATION = "kiwoom.realtime.gap.duration";

	/**
	 * Counter of events dropped for a listener that fell behind, tagged with
	 * {@code type}.
	 */
	public static final String DROPPED = "kiwoom.realtime.dropped";

	/**
	 * Counter of LOGIN answers, tagged with {@code outcome}.
	 */
	public static final String LOGINS = "kiwoom.realtime.logins";

	private final MeterRegistry registry;

	private final String account;

	private final Map<String, Counter> frames = new ConcurrentHashMap<>();

	/**
	 * Create the meters of one key pair.
	 * @param registry the registry
	 * @param account the key pair's name
	 */
	public KiwoomRealtimeMetrics(MeterRegistry registry, String account) {
		Assert.notNull(registry, "Registry must not be null");
		Assert.hasText(account, "Account must not be empty");
		this.registry = registry;
		this.account = account;
	}

	@Override
	public void frame(String type) {
		this.frames
			.computeIfAbsent(type,
					(key) -> Counter.builder(FRAMES)
						.description("Frames read from Kiwoom's real-time socket, by trnm or real-time type")
						.tag("account", this.account)
						.tag("type", key)
						.register(this.registry))
			.increment();
	}

	@Override
	public void reconnecting(String reason) {
		Counter.builder(RECONNECTS)
			.description("Reconnects of the real-time session, by reason")
			.tag("account", this.account)
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	@Override
	public void gap(Instant since, Instant until) {
		Counter.builder(GAPS)
			.description("Times the real-time session came back after receiving nothing for a while")
			.tag("account", this.account)
			.register(this.registry)
			.increment();
		Timer.builder(GAP_DURATION)
			.description("How long the real-time session received nothing")
			.tag("account", this.account)
			.register(this.registry)
			.record(Duration.between(since, until));
	}

	@Override
	public void dropped(String type) {
		Counter.builder(DROPPED)
			.description("Real-time events dropped because a listener fell behind")
			.tag("account", this.account)
			.tag("type", type)
			.register(this.registry)
			.increment();
	}

	@Override
	public void login(String outcome) {
		Counter.builder(LOGINS)
			.description("Answers to the real-time LOGIN, by outcome")
			.tag("account", this.account)
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

}
