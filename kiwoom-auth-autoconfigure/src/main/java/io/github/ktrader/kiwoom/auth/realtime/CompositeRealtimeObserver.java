package io.github.ktrader.kiwoom.auth.realtime;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells several observers, each shielded from what the others throw.
 *
 * @since 0.1.0
 */
public final class CompositeRealtimeObserver implements RealtimeObserver {

	private static final Log logger = LogFactory.getLog(CompositeRealtimeObserver.class);

	private final List<RealtimeObserver> observers;

	/**
	 * Create a composite.
	 * @param observers the observers, told in this order
	 */
	public CompositeRealtimeObserver(List<RealtimeObserver> observers) {
		this.observers = List.copyOf(observers);
	}

	private void each(Consumer<RealtimeObserver> call) {
		for (RealtimeObserver observer : this.observers) {
			try {
				call.accept(observer);
			}
			catch (RuntimeException ex) {
				logger.warn("Kiwoom real-time observer " + observer + " failed", ex);
			}
		}
	}

	@Override
	public void stateChanged(RealtimeState from, RealtimeState to) {
		each((observer) -> observer.stateChanged(from, to));
	}

	@Override
	public void login(String outcome) {
		each((observer) -> observer.login(outcome));
	}

	@Override
	public void connected(boolean reconnect) {
		each((observer) -> observer.connected(reconnect));
	}

	@Override
	public void disconnected(String reason, String detail) {
		each((observer) -> observer.disconnected(reason, detail));
	}

	@Override
	public void reconnecting(String reason) {
		each((observer) -> observer.reconnecting(reason));
	}

	@Override
	public void gap(Instant since, Instant until) {
		each((observer) -> observer.gap(since, until));
	}

	@Override
	public void kicked(String message) {
		each((observer) -> observer.kicked(message));
	}

	@Override
	public void failed(String message) {
		each((observer) -> observer.failed(message));
	}

	@Override
	public void frame(String type) {
		for (RealtimeObserver observer : this.observers) {
			observer.frame(type);
		}
	}

	@Override
	public void dropped(String type) {
		each((observer) -> observer.dropped(type));
	}

}
