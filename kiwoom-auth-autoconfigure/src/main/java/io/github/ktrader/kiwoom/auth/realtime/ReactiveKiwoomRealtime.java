package io.github.ktrader.kiwoom.auth.realtime;

import java.util.Collection;
import java.util.List;

import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;

import org.springframework.util.Assert;

/**
 * One key pair's real-time events as Reactor {@link Flux}es: subscribing to a flux
 * subscribes to the session, cancelling it unsubscribes.
 *
 * @since 0.1.0
 */
public final class ReactiveKiwoomRealtime {

	private static final int BUFFER = 4096;

	private final KiwoomRealtime realtime;

	/**
	 * Create the reactive view of a session.
	 * @param realtime the session
	 */
	public ReactiveKiwoomRealtime(KiwoomRealtime realtime) {
		Assert.notNull(realtime, "Realtime must not be null");
		this.realtime = realtime;
	}

	/**
	 * Return the events of a real-time type for some items. Each subscriber to the flux
	 * gets its own subscription; a subscriber slower than the events loses the oldest
	 * ones beyond a buffer.
	 * @param type Kiwoom's real-time type, such as {@code 0B}
	 * @param items the stock codes; none for {@code 00} and {@code 04}
	 * @return the events
	 */
	public Flux<RealtimeEvent> events(String type, Collection<String> items) {
		Assert.hasText(type, "Type must not be empty");
		List<String> codes = List.copyOf(items);
		return Flux.<RealtimeEvent>create((sink) -> {
			RealtimeSubscription subscription = this.realtime.subscribe(type, codes, sink::next);
			sink.onDispose(subscription::close);
		}).onBackpressureBuffer(BUFFER, (dropped) -> {
		}, BufferOverflowStrategy.DROP_OLDEST);
	}

	/**
	 * Return the key pair's name.
	 * @return the pair's name
	 */
	public String account() {
		return this.realtime.account();
	}

}
