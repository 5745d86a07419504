package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.github.ktrader.kiwoom.auth.realtime.CompositeRealtimeObserver;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeEventPublisher;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeObserver;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Builds the observer of each pair's session: its events, its meters (when Micrometer is
 * there), and the application's own {@link RealtimeObserver} beans.
 */
final class RealtimeObservers {

	private final ApplicationEventPublisher publisher;

	private final ListableBeanFactory beanFactory;

	RealtimeObservers(ApplicationEventPublisher publisher, ListableBeanFactory beanFactory) {
		this.publisher = publisher;
		this.beanFactory = beanFactory;
	}

	RealtimeObserver forAccount(String account) {
		List<RealtimeObserver> observers = new ArrayList<>();
		observers.add(new RealtimeEventPublisher(this.publisher, account));
		this.beanFactory.getBeanProvider(AccountObserverFactory.class)
			.orderedStream()
			.forEach((factory) -> observers.add(factory.apply(account)));
		this.beanFactory.getBeanProvider(RealtimeObserver.class).orderedStream().forEach(observers::add);
		return new CompositeRealtimeObserver(observers);
	}

	/**
	 * Makes one pair's observer from its name, such as its meters.
	 */
	interface AccountObserverFactory extends Function<String, RealtimeObserver> {

	}

}
