package io.github.ktrader.kiwoom.auth.realtime;

import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * Publishes what happens to one pair's session as {@link KiwoomRealtimeEvent}s.
 *
 * @since 0.1.0
 */
public final class RealtimeEventPublisher implements RealtimeObserver {

	private final ApplicationEventPublisher publisher;

	private final String account;

	/**
	 * Create a publisher for one key pair.
	 * @param publisher the application's event publisher
	 * @param account the key pair's name
	 */
	public RealtimeEventPublisher(ApplicationEventPublisher publisher, String account) {
		Assert.notNull(publisher, "Publisher must not be null");
		Assert.hasText(account, "Account must not be empty");
		this.publisher = publisher;
		this.account = account;
	}

	@Override
	public void connected(boolean reconnect) {
		this.publisher.publishEvent(new KiwoomRealtimeEvent.Connected(this, this.account, reconnect));
	}

	@Override
	public void disconnected(String reason, String detail) {
		this.publisher.publishEvent(new KiwoomRealtimeEvent.Disconnected(this, this.account, reason, detail));
	}

	@Override
	public void gap(Instant since, Instant until) {
		this.publisher.publishEvent(new KiwoomRealtimeEvent.Gap(this, this.account, new RealtimeGap(since, until)));
	}

	@Override
	public void kicked(String message) {
		this.publisher.publishEvent(new KiwoomRealtimeEvent.Kicked(this, this.account, message));
	}

	@Override
	public void failed(String message) {
		this.publisher.publishEvent(new KiwoomRealtimeEvent.Failed(this, this.account, message));
	}

	@Override
	public void dropped(String type) {
		this.publisher.publishEvent(new KiwoomRealtimeEvent.Dropped(this, this.account, type));
	}

}
