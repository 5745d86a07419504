package io.github.ktrader.kiwoom.auth.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SubscriptionRegistry}.
 */
class SubscriptionRegistryTests {

	private final Executor direct = Runnable::run;

	private final SubscriptionRegistry registry = new SubscriptionRegistry();

	@Test
	void sameTypeAndItemShareOneRegistrationAndTheLastLeavingRemovesIt() {
		SubscriptionRegistry.Entry first = entry("0B", List.of("005930", "000660"), new ArrayList<>());
		SubscriptionRegistry.Entry second = entry("0B", List.of("005930"), new ArrayList<>());
		assertThat(this.registry.add(first)).containsExactly("005930", "000660");
		assertThat(this.registry.add(second)).isEmpty();
		assertThat(this.registry.remove(first)).containsExactly("000660");
		assertThat(this.registry.remove(second)).containsExactly("005930");
		assertThat(this.registry.remove(second)).isEmpty();
		assertThat(this.registry.itemsByType()).isEmpty();
	}

	@Test
	void eventsReachEverySubscriptionOfTheirTypeAndItem() {
		List<RealtimeEvent> a = new ArrayList<>();
		List<RealtimeEvent> b = new ArrayList<>();
		List<RealtimeEvent> orders = new ArrayList<>();
		this.registry.add(entry("0B", List.of("005930"), a));
		this.registry.add(entry("0B", List.of("000660"), b));
		this.registry.add(entry("00", List.of(""), orders));
		this.registry.dispatch(new RealtimeEvent("0B", "005930", "주식체결", Map.of()));
		this.registry.dispatch(new RealtimeEvent("0D", "005930", "주식호가잔량", Map.of()));
		this.registry.dispatch(new RealtimeEvent("00", "1234567890", "주문체결", Map.of()));
		assertThat(a).hasSize(1);
		assertThat(b).isEmpty();
		assertThat(orders).hasSize(1);
		assertThat(this.registry.itemsByType()).containsOnlyKeys("0B", "00");
		assertThat(this.registry.itemsByType().get("0B")).containsExactly("005930", "000660");
	}

	private SubscriptionRegistry.Entry entry(String type, List<String> items, List<RealtimeEvent> received) {
		return new SubscriptionRegistry.Entry(type, items,
				new SubscriberQueue(type, received::add, 10, this.direct, RealtimeObserver.NONE));
	}

}
