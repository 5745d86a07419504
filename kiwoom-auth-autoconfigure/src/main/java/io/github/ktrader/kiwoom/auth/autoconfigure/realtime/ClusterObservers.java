package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterObserver;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Builds the fan-out observer of each pair's cluster real-time: its meters (when
 * Micrometer is there) and the application's own {@link ClusterObserver} beans.
 */
final class ClusterObservers {

	private final ListableBeanFactory beanFactory;

	ClusterObservers(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	ClusterObserver forAccount(String account) {
		List<ClusterObserver> observers = new ArrayList<>();
		this.beanFactory.getBeanProvider(AccountClusterObserverFactory.class)
			.orderedStream()
			.forEach((factory) -> observers.add(factory.apply(account)));
		this.beanFactory.getBeanProvider(ClusterObserver.class).orderedStream().forEach(observers::add);
		return (observers.size() == 1) ? observers.get(0) : new Composite(List.copyOf(observers));
	}

	/**
	 * Makes one pair's fan-out observer from its name, such as its meters.
	 */
	interface AccountClusterObserverFactory extends Function<String, ClusterObserver> {

	}

	/**
	 * Tells every observer, in order.
	 */
	private record Composite(List<ClusterObserver> observers) implements ClusterObserver {

		@Override
		public void fannedOut(String channel) {
			this.observers.forEach((observer) -> observer.fannedOut(channel));
		}

		@Override
		public void delivered(String channel, Duration lag) {
			this.observers.forEach((observer) -> observer.delivered(channel, lag));
		}

		@Override
		public void roleChanged(boolean holder, String reason) {
			this.observers.forEach((observer) -> observer.roleChanged(holder, reason));
		}

	}

}
