package io.github.ktrader.kiwoom.auth.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SubscriberQueue}.
 */
class SubscriberQueueTests {

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@AfterEach
	void shutdown() {
		this.executor.shutdownNow();
	}

	@Test
	void fullQueueDropsTheOldestAndCountsIt() {
		List<Runnable> tasks = new ArrayList<>();
		List<String> received = new ArrayList<>();
		AtomicInteger dropped = new AtomicInteger();
		RealtimeObserver observer = new RealtimeObserver() {

			@Override
			public void dropped(String type) {
				dropped.incrementAndGet();
			}

		};
		SubscriberQueue queue = new SubscriberQueue("0B", (event) -> received.add(event.item()), 2, tasks::add,
				observer);
		queue.offer(event("1"));
		queue.offer(event("2"));
		queue.offer(event("3"));
		assertThat(queue.dropped()).isOne();
		assertThat(dropped).hasValue(1);
		assertThat(tasks).hasSize(1);
		tasks.get(0).run();
		assertThat(received).containsExactly("2", "3");
	}

	@Test
	void aThrowingListenerKeepsItsSubscription() {
		List<String> received = new ArrayList<>();
		SubscriberQueue queue = new SubscriberQueue("0B", (event) -> {
			received.add(event.item());
			throw new IllegalStateException("boom");
		}, 10, Runnable::run, RealtimeObserver.NONE);
		queue.offer(event("1"));
		queue.offer(event("2"));
		assertThat(received).containsExactly("1", "2");
	}

	@Test
	void aSlowListenerDoesNotHoldUpAnother() throws Exception {
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		SubscriberQueue slow = new SubscriberQueue("0B", (event) -> {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, 10, this.executor, RealtimeObserver.NONE);
		List<String> fast = new java.util.concurrent.CopyOnWriteArrayList<>();
		SubscriberQueue other = new SubscriberQueue("0B", (event) -> fast.add(event.item()), 10, this.executor,
				RealtimeObserver.NONE);
		slow.offer(event("1"));
		other.offer(event("1"));
		other.offer(event("2"));
		await().untilAsserted(() -> assertThat(fast).containsExactly("1", "2"));
		release.countDown();
	}

	@Test
	void gapsReachTheListenerInOrderWithEvents() {
		List<Object> received = new ArrayList<>();
		SubscriberQueue queue = new SubscriberQueue("0B", new RealtimeListener() {

			@Override
			public void onEvent(RealtimeEvent event) {
				received.add(event.item());
			}

			@Override
			public void onGap(RealtimeGap gap) {
				received.add(gap);
			}

		}, 10, Runnable::run, RealtimeObserver.NONE);
		RealtimeGap gap = new RealtimeGap(java.time.Instant.EPOCH, java.time.Instant.EPOCH.plusSeconds(3));
		queue.offer(event("1"));
		queue.offer(gap);
		assertThat(received).containsExactly("1", gap);
		assertThat(gap.duration()).hasSeconds(3);
	}

	private static RealtimeEvent event(String item) {
		return new RealtimeEvent("0B", item, "주식체결", Map.of());
	}

}
