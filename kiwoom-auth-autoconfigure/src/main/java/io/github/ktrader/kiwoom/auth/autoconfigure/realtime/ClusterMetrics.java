package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Meters of the cluster's real-time fan-out: {@code kiwoom.realtime.cluster.fanned-out}
 * and {@code .delivered} (by {@code channel}), {@code .lag} (from the holder's socket to
 * this member) and {@code .holder} (1 while this member holds the socket).
 */
final class ClusterMetrics implements ClusterObserver {

	private final Counter fannedOutMarket;

	private final Counter fannedOutAccount;

	private final Counter deliveredMarket;

	private final Counter deliveredAccount;

	private final Timer lag;

	private final AtomicInteger holder = new AtomicInteger();

	ClusterMetrics(MeterRegistry registry, String account) {
		this.fannedOutMarket = counter(registry, "kiwoom.realtime.cluster.fanned-out", account, "market");
		this.fannedOutAccount = counter(registry, "kiwoom.realtime.cluster.fanned-out", account, "account");
		this.deliveredMarket = counter(registry, "kiwoom.realtime.cluster.delivered", account, "market");
		this.deliveredAccount = counter(registry, "kiwoom.realtime.cluster.delivered", account, "account");
		this.lag = Timer.builder("kiwoom.realtime.cluster.lag")
			.description("Time from the holder reading an entry off the socket to this member reading it from Redis")
			.tag("account", account)
			.publishPercentiles(0.5, 0.99)
			.register(registry);
		Gauge.builder("kiwoom.realtime.cluster.holder", this.holder, AtomicInteger::get)
			.description("1 while this instance holds the cluster's real-time socket")
			.tag("account", account)
			.register(registry);
	}

	private static Counter counter(MeterRegistry registry, String name, String account, String channel) {
		return Counter.builder(name).tag("account", account).tag("channel", channel).register(registry);
	}

	@Override
	public void fannedOut(String channel) {
		("account".equals(channel) ? this.fannedOutAccount : this.fannedOutMarket).increment();
	}

	@Override
	public void delivered(String channel, Duration lag) {
		("account".equals(channel) ? this.deliveredAccount : this.deliveredMarket).increment();
		this.lag.record(lag);
	}

	@Override
	public void roleChanged(boolean holder, String reason) {
		this.holder.set(holder ? 1 : 0);
	}

}
